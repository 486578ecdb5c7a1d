package dev.tether.core.policy;

/**
 * How the agent's proxy scopes and reads traffic (inspect-all, bypass hosts, body limits,
 * enterprise CAs). Owned by the proxy.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures).
 */
public record ProxySettings() implements PolicySection {

  /** The section when a policy does not mention it. */
  public static final ProxySettings DEFAULT = new ProxySettings();

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /**
   * Returns this section with defaults filled in and every field checked.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.proxy})
   * @throws PolicyValidationException naming the key and the value
   */
  public ProxySettings validated(String key) {
    return this;
  }
}
