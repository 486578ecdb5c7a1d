package dev.tether.server.audit.report;

import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.LogVerificationException;
import dev.tether.core.audit.log.NoteVerifierKey;
import dev.tether.core.audit.log.SignedCheckpoints;
import dev.tether.server.audit.AuditLogService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Decision reports of a tenant's period: pins the period to the current signed checkpoint, then
 * answers the summary (one transaction of GROUP BY queries) and record pages (one short transaction
 * each, so a streamed report of millions of records never holds one open).
 */
@Stateless
public class DecisionReportService {
  /** Largest record page one call returns. */
  public static final int MAX_PAGE = 10_000;

  @Inject ReportRepository repository;
  @Inject AuditLogService log;

  /**
   * The scope of a report of {@code tenant} over {@code [from, to)}, pinned to the newest signed
   * checkpoint (signed now if the log grew). The caller checks that the tenant exists.
   *
   * @throws IllegalArgumentException for an invalid or too long period
   */
  public ReportScope scope(String tenant, Instant from, Instant to) {
    new ReportScope(tenant, from, to, 0, null); // validates before any work
    String note = log.checkpoint();
    Checkpoint checkpoint;
    try {
      checkpoint = SignedCheckpoints.open(note, NoteVerifierKey.parse(log.verifierKey()));
    } catch (LogVerificationException e) {
      throw new IllegalStateException("audit log: own checkpoint does not verify", e);
    }
    return new ReportScope(tenant, from, to, checkpoint.size(), note);
  }

  /** The aggregates of {@code scope}. */
  public DecisionSummary summary(ReportScope scope) {
    return DecisionSummaries.compute(repository, scope, Instant.now());
  }

  /** One page of records in period order (see {@link ReportRepository#page}). */
  public List<DecisionRecord> page(
      ReportScope scope, RecordCursor after, int max, boolean decisionsOnly) {
    if (max < 1 || max > MAX_PAGE) {
      throw new IllegalArgumentException("max: expected 1.." + MAX_PAGE + ", got " + max);
    }
    return repository.page(scope, after, max, decisionsOnly);
  }
}
