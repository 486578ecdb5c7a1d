package dev.tether.server.audit;

/**
 * A recorded break in a device's spool hash chain, for the admin API.
 *
 * @param kind GAP, BROKEN_LINK, CONTENT_MISMATCH or REWIND ({@link AuditChainBreak.Kind})
 * @param expectedSeq the sequence the server expected next (0 when it had none yet)
 * @param receivedSeq the sequence the event carried
 */
public record ChainBreakView(
    String deviceId,
    String eventId,
    String kind,
    long expectedSeq,
    long receivedSeq,
    long detectedAtMillis) {}
