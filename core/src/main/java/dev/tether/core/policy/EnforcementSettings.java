package dev.tether.core.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Policy lifecycle on the device: how long the last verified policy keeps being enforced while the
 * agent cannot refresh it (grace period), and the restrictive posture once that runs out
 * (fallback). Owned by the policy client.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures).
 *
 * @param gracePeriod ISO-8601 duration (e.g. {@code PT72H}) the last verified policy stays in force
 *     after the last successful refresh; {@code null} means {@link #DEFAULT_GRACE_PERIOD}. Never
 *     extends a bundle beyond its own {@code expiresAt}.
 * @param fallbackAllowedHosts host patterns AI requests may still reach in FALLBACK (inspected
 *     under the last verified policy as usual); empty (the default) means the fallback posture
 *     blocks all AI egress
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnforcementSettings(String gracePeriod, List<String> fallbackAllowedHosts)
    implements PolicySection {

  /** Grace period when a policy does not set one. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(72);

  /** Longest grace period an author may choose. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);

  /** Most hosts a fallback posture may allow. */
  public static final int MAX_FALLBACK_HOSTS = 100;

  /** The section when a policy does not mention it. */
  public static final EnforcementSettings DEFAULT = new EnforcementSettings(null, null);

  public EnforcementSettings {
    fallbackAllowedHosts =
        fallbackAllowedHosts == null ? List.of() : List.copyOf(fallbackAllowedHosts);
  }

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with defaults filled in and every field checked. The grace period stays
   * {@code null} when absent so a default section keeps its canonical bytes.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.enforcement})
   * @throws PolicyValidationException naming the key and the value
   */
  public EnforcementSettings validated(String key) {
    String grace = gracePeriod == null ? null : parseGrace(key, gracePeriod).toString();
    if (fallbackAllowedHosts.size() > MAX_FALLBACK_HOSTS) {
      throw new PolicyValidationException(
          key
              + ".fallbackAllowedHosts: at most "
              + MAX_FALLBACK_HOSTS
              + " hosts, got "
              + fallbackAllowedHosts.size());
    }
    List<String> hosts = new ArrayList<>();
    for (String host : fallbackAllowedHosts) {
      hosts.add(HostPattern.normalize(key + ".fallbackAllowedHosts", host));
    }
    return new EnforcementSettings(grace, hosts);
  }

  /** The grace period as a duration ({@link #DEFAULT_GRACE_PERIOD} when absent). */
  public Duration grace() {
    return gracePeriod == null
        ? DEFAULT_GRACE_PERIOD
        : parseGrace("policy.enforcement", gracePeriod);
  }

  /** True if the fallback posture still lets AI requests to {@code host} be inspected and sent. */
  public boolean fallbackAllows(String host) {
    if (host == null) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    return fallbackAllowedHosts.stream().anyMatch(p -> HostPattern.matches(p, lower));
  }

  /** True if the fallback posture blocks all AI egress (the default). */
  @JsonIgnore
  public boolean fallbackBlocksAll() {
    return fallbackAllowedHosts.isEmpty();
  }

  private static Duration parseGrace(String key, String value) {
    Duration parsed;
    try {
      parsed = Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new PolicyValidationException(
          key + ".gracePeriod: expected ISO-8601 duration, got \"" + value + "\"");
    }
    if (parsed.isNegative() || parsed.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw new PolicyValidationException(
          key + ".gracePeriod: expected between PT0S and " + MAX_GRACE_PERIOD + ", got " + value);
    }
    return parsed;
  }
}
