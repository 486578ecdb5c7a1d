package dev.tether.agent.audit;

/**
 * Spool limits and the policy when it is full.
 *
 * @param maxBytes bound on all segment files together (default {@value #DEFAULT_MAX_BYTES})
 * @param segmentBytes a segment is closed and a new one started beyond this size (default {@value
 *     #DEFAULT_SEGMENT_BYTES})
 * @param whenFull what a decision gets when its records do not fit (default {@link
 *     WhenFull#BLOCK_AI_EGRESS})
 */
public record SpoolConfig(long maxBytes, long segmentBytes, WhenFull whenFull) {
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
  public static final long DEFAULT_SEGMENT_BYTES = 4L * 1024 * 1024;

  /** Policy when the spool is full. */
  public enum WhenFull {
    /** Refuse the append: the caller blocks the request, so no AI egress goes unaudited. */
    BLOCK_AI_EGRESS,
    /**
     * Release the decision unaudited; every such decision is counted, logged at ERROR and shown in
     * status. Only for deployments that prefer availability over a complete audit trail.
     */
    ALLOW_UNAUDITED
  }

  public SpoolConfig {
    if (maxBytes < 64 * 1024) {
      throw new IllegalArgumentException(
          "audit.spool.maxBytes: expected >= 65536, got " + maxBytes);
    }
    if (segmentBytes < 4096 || segmentBytes > maxBytes) {
      throw new IllegalArgumentException(
          "audit.spool.segmentBytes: expected 4096.." + maxBytes + ", got " + segmentBytes);
    }
    if (whenFull == null) {
      whenFull = WhenFull.BLOCK_AI_EGRESS;
    }
  }

  /** The defaults. */
  public static SpoolConfig defaults() {
    return new SpoolConfig(DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, WhenFull.BLOCK_AI_EGRESS);
  }
}
