package dev.tether.agent.audit;

import java.time.Instant;

/**
 * What {@code status} shows about the spool.
 *
 * @param backlog records spooled and not yet acknowledged by the server
 * @param oldestPending when the oldest unacknowledged record occurred, or {@code null}
 * @param bytes size of all segment files
 * @param corruptRecords records found with a bad checksum or format (skipped, never uploaded)
 * @param tornRecords torn last records found after a crash (cut off)
 * @param chainBreaks places where the per-device hash chain or sequence does not continue
 * @param refusedFull decisions blocked because the spool was full
 * @param unaudited decisions released without audit because the spool was full (only with {@link
 *     SpoolConfig.WhenFull#ALLOW_UNAUDITED})
 */
public record SpoolStatus(
    long backlog,
    Instant oldestPending,
    long bytes,
    long corruptRecords,
    long tornRecords,
    long chainBreaks,
    long refusedFull,
    long unaudited) {}
