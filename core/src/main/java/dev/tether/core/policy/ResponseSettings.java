package dev.tether.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How response modes behave: per-destination/detector/classification mode overrides, the Coach and
 * Request windows, watermarking and redaction. Owned by enforcement.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures). Absent fields stay
 * {@code null} in the document and are read through the accessors that apply the defaults.
 *
 * @param overrides mode overrides, first match wins ({@link ModeOverride}); at most {@value
 *     #MAX_OVERRIDES}
 * @param coachWindow ISO-8601 duration during which a request the developer acknowledged (same
 *     content digest, user and destination) is allowed; default {@link #DEFAULT_COACH_WINDOW},
 *     between 1 minute and 1 day
 * @param approvalWindow longest validity an approver may grant a Request, and the validity when the
 *     approver gives none; default {@link #DEFAULT_APPROVAL_WINDOW}, between 1 minute and 30 days
 * @param watermarkCopies how many copies of the invisible marker are spread through the marked text
 *     (more copies survive partial quoting); default {@value #DEFAULT_WATERMARK_COPIES}, 1..16
 * @param restorePlaceholders whether Redact maps placeholders back to the original values in the
 *     response stream (default true); false leaves the placeholders visible to the developer
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResponseSettings(
    List<ModeOverride> overrides,
    String coachWindow,
    String approvalWindow,
    Integer watermarkCopies,
    Boolean restorePlaceholders)
    implements PolicySection {

  public static final Duration DEFAULT_COACH_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_APPROVAL_WINDOW = Duration.ofHours(8);
  public static final int DEFAULT_WATERMARK_COPIES = 3;
  public static final int MAX_OVERRIDES = 1000;
  private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  private static final Duration MAX_COACH_WINDOW = Duration.ofDays(1);
  private static final Duration MAX_APPROVAL_WINDOW = Duration.ofDays(30);

  /** The section when a policy does not mention it. */
  public static final ResponseSettings DEFAULT = new ResponseSettings(null, null, null, null, null);

  public ResponseSettings {
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with every field checked; absent fields stay absent.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.responses})
   * @throws PolicyValidationException naming the key and the value
   */
  public ResponseSettings validated(String key) {
    if (overrides.size() > MAX_OVERRIDES) {
      throw new PolicyValidationException(
          key + ".overrides: at most " + MAX_OVERRIDES + ", got " + overrides.size());
    }
    List<ModeOverride> valid = new ArrayList<>();
    for (int i = 0; i < overrides.size(); i++) {
      ModeOverride o = overrides.get(i);
      if (o == null) {
        throw new PolicyValidationException(key + ".overrides[" + i + "]: required");
      }
      valid.add(o.validated(key + ".overrides[" + i + "]"));
    }
    String coach =
        coachWindow == null
            ? null
            : window(key + ".coachWindow", coachWindow, MAX_COACH_WINDOW).toString();
    String approval =
        approvalWindow == null
            ? null
            : window(key + ".approvalWindow", approvalWindow, MAX_APPROVAL_WINDOW).toString();
    if (watermarkCopies != null && (watermarkCopies < 1 || watermarkCopies > 16)) {
      throw new PolicyValidationException(
          key + ".watermarkCopies: expected 1 to 16, got " + watermarkCopies);
    }
    return new ResponseSettings(valid, coach, approval, watermarkCopies, restorePlaceholders);
  }

  /** The Coach window ({@link #DEFAULT_COACH_WINDOW} when absent). */
  public Duration coach() {
    return coachWindow == null
        ? DEFAULT_COACH_WINDOW
        : window("policy.responses.coachWindow", coachWindow, MAX_COACH_WINDOW);
  }

  /** The Request approval window ({@link #DEFAULT_APPROVAL_WINDOW} when absent). */
  public Duration approval() {
    return approvalWindow == null
        ? DEFAULT_APPROVAL_WINDOW
        : window("policy.responses.approvalWindow", approvalWindow, MAX_APPROVAL_WINDOW);
  }

  /** Marker copies per watermarked text. */
  public int copies() {
    return watermarkCopies == null ? DEFAULT_WATERMARK_COPIES : watermarkCopies;
  }

  /** Whether Redact restores placeholders in responses. */
  public boolean restores() {
    return restorePlaceholders == null || restorePlaceholders;
  }

  /**
   * The mode an override assigns a control for {@code host} with these detectors or judge label, or
   * {@code null} when no override matches. Same as {@link #overrideFor(String, String, List,
   * String)} for a request whose app is not known.
   */
  public ResponseMode overrideFor(String host, List<String> detectorIds, String label) {
    return overrideFor(host, null, detectorIds, label);
  }

  /**
   * The mode the first matching override assigns a control of a request to {@code host} sent by
   * {@code app} (executable; {@code null} when unknown) naming these detectors or judge label, or
   * {@code null} when no override matches.
   */
  public ResponseMode overrideFor(String host, String app, List<String> detectorIds, String label) {
    int index = overrideIndex(host, app, detectorIds, label);
    return index < 0 ? null : overrides.get(index).mode();
  }

  /** Index in {@link #overrides()} of the first override matching, or -1. */
  public int overrideIndex(String host, String app, List<String> detectorIds, String label) {
    for (int i = 0; i < overrides.size(); i++) {
      if (overrides.get(i).matches(host, app, detectorIds, label)) {
        return i;
      }
    }
    return -1;
  }

  private static Duration window(String key, String value, Duration max) {
    Duration parsed;
    try {
      parsed = Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new PolicyValidationException(
          key + ": expected ISO-8601 duration, got \"" + value + "\"");
    }
    if (parsed.compareTo(MIN_WINDOW) < 0 || parsed.compareTo(max) > 0) {
      throw new PolicyValidationException(
          key + ": expected between " + MIN_WINDOW + " and " + max + ", got " + value);
    }
    return parsed;
  }
}
