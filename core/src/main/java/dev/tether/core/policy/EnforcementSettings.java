package dev.tether.core.policy;

/**
 * Policy lifecycle on the device: grace period and the fallback posture once it runs out. Owned by
 * the policy client.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures).
 */
public record EnforcementSettings() implements PolicySection {

  /** The section when a policy does not mention it. */
  public static final EnforcementSettings DEFAULT = new EnforcementSettings();

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with defaults filled in and every field checked.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.enforcement})
   * @throws PolicyValidationException naming the key and the value
   */
  public EnforcementSettings validated(String key) {
    return this;
  }
}
