package dev.tether.core.audit;

/** Which control produced an audit record. */
public enum AuditLayer {
  /** Destination rules: blocked host, unknown AI endpoint, no policy. */
  DESTINATION,
  /** Deterministic detectors on the payload. */
  RULE,
  /** The on-device or cloud intent judge. */
  JUDGE,
  /** The final mapping of all controls to one response. */
  POLICY,
  /** The agent itself: policy state changes, failures inside the decision path. */
  AGENT
}
