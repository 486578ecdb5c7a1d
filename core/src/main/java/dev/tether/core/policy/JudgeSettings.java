package dev.tether.core.policy;

/**
 * The intent judge: classification to mode mapping, escalation threshold, cloud judge, air-gap.
 * Owned by the judge.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures).
 */
public record JudgeSettings() implements PolicySection {

  /** The section when a policy does not mention it. */
  public static final JudgeSettings DEFAULT = new JudgeSettings();

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with defaults filled in and every field checked.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.judge})
   * @throws PolicyValidationException naming the key and the value
   */
  public JudgeSettings validated(String key) {
    return this;
  }
}
