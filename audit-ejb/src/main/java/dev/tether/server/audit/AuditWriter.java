package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Stores submissions in their own transaction ({@link AuditStoring}). Should two uploads still
 * collide (first upload of a device, or an event id reused across devices), the primary key on the
 * event id makes the transaction fail; the caller then retries and the retry sees the stored rows.
 */
@Stateless
public class AuditWriter {
  @Inject AuditRepository repository;

  /** One device's upload, in a new transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public AuditBatchResult store(AuditSubmission submission) {
    return AuditStoring.store(repository, List.of(submission), Instant.now());
  }

  /** Several devices' submissions (one Kafka poll), all in one new transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public AuditBatchResult storeAll(List<AuditSubmission> submissions) {
    return AuditStoring.store(repository, submissions, Instant.now());
  }
}
