package dev.tether.agent.audit;

import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import java.io.IOException;

/** Where audit batches go: the server's agent API ({@code ServerClient::uploadAudit}). */
@FunctionalInterface
public interface AuditSink {
  /**
   * Stores the batch; idempotent per event id on the server side.
   *
   * @throws IOException if the batch may not be stored; the uploader retries it later
   */
  AuditBatchResult upload(AuditBatch batch) throws IOException, InterruptedException;
}
