package dev.tether.server.audit;

import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.server.audit.trace.AuditTracing;
import dev.tether.server.audit.trace.IngestTrace;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Audit ingestion (idempotent per event id) and tenant-scoped queries. */
@Stateless
public class AuditService {
  /** Attempts at storing one batch when concurrent retries collide on an event id. */
  static final int MAX_ATTEMPTS = 5;

  private static final System.Logger LOG = System.getLogger(AuditService.class.getName());

  @Inject AuditWriter writer;
  @Inject AuditRepository repository;
  @Inject AuditTracing tracing;
  @Inject AuditIngestService kafka;

  /**
   * Accepts the batch's events that are not stored yet, attributed to {@code source}: stores them
   * (direct path), or, when Kafka ingestion is configured, answers only after the ingest topic
   * acknowledged them ({@link AuditIngestService}); the consumer then stores them. Either way the
   * effect is exactly-once per event id.
   *
   * @throws AuditRejectedException if any event names another device; nothing is accepted then
   * @throws AuditUnavailableException if Kafka did not acknowledge (the agent retries later)
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public AuditBatchResult ingest(AuditSource source, AuditBatch batch) {
    return ingest(source, batch, null);
  }

  /**
   * As {@link #ingest(AuditSource, AuditBatch)}, traced as {@code tether.audit.ingest} (a child of
   * the agent's upload span when {@code traceparent} is a valid W3C trace context) when {@code
   * tether.otel.endpoint} is configured.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public AuditBatchResult ingest(AuditSource source, AuditBatch batch, String traceparent) {
    IngestTrace trace =
        tracing == null
            ? IngestTrace.NONE
            : tracing
                .tracer()
                .start(traceparent, source.tenant(), source.deviceId(), batch.events().size());
    try {
      AuditBatchResult result = ingestTraced(source, batch, trace);
      trace.end(result.accepted(), result.duplicates(), null);
      return result;
    } catch (RuntimeException e) {
      trace.end(0, 0, e);
      throw e;
    }
  }

  private AuditBatchResult ingestTraced(AuditSource source, AuditBatch batch, IngestTrace trace) {
    for (AuditEvent event : batch.events()) {
      if (!source.deviceId().equals(event.deviceId())) {
        throw new AuditRejectedException(
            "auditBatch.events.deviceId: expected \""
                + source.deviceId()
                + "\" (the authenticated device), got \""
                + event.deviceId()
                + "\" in event "
                + event.eventId());
      }
    }
    if (batch.events().isEmpty()) {
      return new AuditBatchResult(0, 0);
    }
    AuditSubmission submission = AuditSubmission.of(source, batch.events(), batch.chain());
    if (kafka != null && kafka.enabled()) {
      return kafka.submit(submission);
    }
    for (int attempt = 1; ; attempt++) {
      trace.storeStarted(attempt);
      AuditBatchResult result;
      try {
        result = writer.store(submission);
      } catch (RuntimeException e) {
        trace.storeEnded(0, 0, e);
        if (!(e instanceof EJBException) || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.log(
            Level.INFO,
            "device {0}: audit batch collided with a concurrent upload, retrying",
            source.deviceId());
        backOff(attempt);
        continue;
      }
      trace.storeEnded(result.accepted(), result.duplicates(), null);
      LOG.log(
          Level.DEBUG,
          "device {0}: {1} audit events stored, {2} duplicates, trace {3}",
          source.deviceId(),
          result.accepted(),
          result.duplicates(),
          trace.traceId() == null ? "-" : trace.traceId());
      return result;
    }
  }

  /**
   * One page of a tenant's events matching the query, newest first, the total matching, and the
   * cursor of the next page (null on the last).
   */
  public AuditPage query(AuditQuery query) {
    List<AuditRecord> rows = repository.page(query, query.limit() + 1);
    String next = null;
    if (rows.size() > query.limit()) {
      rows = rows.subList(0, query.limit());
      AuditRecord last = rows.get(rows.size() - 1);
      next = new AuditCursor(last.occurredAtMillis, last.eventId).encode();
    }
    return new AuditPage(
        repository.count(query), rows.stream().map(AuditRecord::toEvent).toList(), next);
  }

  /** A tenant's recorded spool hash-chain breaks, newest first, at most {@code limit}. */
  public List<ChainBreakView> chainBreaks(String tenant, int limit) {
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit: expected 1 to " + AuditQuery.MAX_LIMIT + ", got " + limit);
    }
    return repository.chainBreaks(tenant, limit).stream().map(AuditChainBreak::view).toList();
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(20, 60) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EJBException("interrupted while retrying an audit batch", e);
    }
  }
}
