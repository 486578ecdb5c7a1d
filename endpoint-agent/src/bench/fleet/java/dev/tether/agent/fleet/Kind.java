package dev.tether.agent.fleet;

/** The agent API calls the simulator makes, one latency histogram each. */
public enum Kind {
  /** {@code POST enroll} with a fresh single-use enrollment token. */
  ENROLL("enroll"),
  /** {@code POST heartbeat}. */
  HEARTBEAT("heartbeat"),
  /** {@code GET bundle} with {@code If-None-Match}: 200 (new bundle, verified) or 304. */
  BUNDLE("bundle"),
  /** {@code GET approvals}: the agent's Request-mode sync. */
  APPROVALS("approvals"),
  /** {@code POST audit-events}: one gzip batch with chain links. */
  AUDIT("audit-upload");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  /** The name used in reports. */
  public String label() {
    return label;
  }
}
