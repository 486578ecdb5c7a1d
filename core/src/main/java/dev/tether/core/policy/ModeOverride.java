package dev.tether.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * One override in {@link ResponseSettings#overrides()}: when a control fires for a request that
 * matches every criterion given here, its mode is replaced by {@link #mode}. At least one criterion
 * is required; the first matching override wins.
 *
 * @param destination host pattern ({@code api.openai.com}, {@code *.openai.azure.com}) the request
 *     goes to, or {@code null} for any
 * @param app application pattern ({@link AppPattern}: an executable name such as {@code code}, an
 *     absolute executable path, or {@code ?} for a request whose process is unknown) of the process
 *     that sent the request, or {@code null} for any
 * @param detector detector id (a finding's detector, e.g. {@code aws-access-key-id}), or {@code
 *     null} for any; the override then applies to rule controls naming that detector
 * @param classification judge label (e.g. {@code source-code}), or {@code null} for any; the
 *     override then applies to judge controls with that label
 * @param mode the mode to apply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModeOverride(
    String destination, String app, String detector, String classification, ResponseMode mode) {

  /** An override without an app criterion. */
  public ModeOverride(
      String destination, String detector, String classification, ResponseMode mode) {
    this(destination, null, detector, classification, mode);
  }

  /** Returns this override with every field checked and normalised. */
  public ModeOverride validated(String key) {
    if (destination == null && app == null && detector == null && classification == null) {
      throw new PolicyValidationException(
          key + ": expected at least one of destination, app, detector, classification");
    }
    if (mode == null) {
      throw new PolicyValidationException(key + ".mode: required");
    }
    String host =
        destination == null ? null : HostPattern.normalize(key + ".destination", destination);
    return new ModeOverride(
        host,
        app == null ? null : AppPattern.normalize(key + ".app", app),
        id(key + ".detector", detector),
        id(key + ".classification", classification),
        mode);
  }

  /**
   * True if this override applies to a control of a request to {@code host} sent by {@code app}
   * (the executable, {@code null} when unknown) naming the given detectors or judge label.
   */
  public boolean matches(
      String host, String app, java.util.List<String> detectorIds, String label) {
    if (destination != null
        && (host == null || !HostPattern.matches(destination, host.toLowerCase(Locale.ROOT)))) {
      return false;
    }
    if (this.app != null && !AppPattern.matches(this.app, app)) {
      return false;
    }
    if (detector != null && !detectorIds.contains(detector)) {
      return false;
    }
    return classification == null || classification.equals(label);
  }

  private static String id(String key, String value) {
    if (value == null) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (!lower.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
      throw new PolicyValidationException(
          key + ": expected an id like \"aws-access-key-id\", got \"" + value + "\"");
    }
    return lower;
  }
}
