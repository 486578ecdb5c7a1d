package dev.tether.core.policy;

/**
 * How response modes behave (coach/approval windows, watermarking, redaction, per-app and
 * per-destination modes). Owned by enforcement.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures).
 */
public record ResponseSettings() implements PolicySection {

  /** The section when a policy does not mention it. */
  public static final ResponseSettings DEFAULT = new ResponseSettings();

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with defaults filled in and every field checked.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.responses})
   * @throws PolicyValidationException naming the key and the value
   */
  public ResponseSettings validated(String key) {
    return this;
  }
}
