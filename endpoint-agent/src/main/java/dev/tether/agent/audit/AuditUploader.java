package dev.tether.agent.audit;

import dev.tether.agent.server.ServerClient;
import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import java.io.IOException;

/**
 * Uploads spooled audit records in batches of at most {@link AgentApi#MAX_AUDIT_BATCH}. The upload
 * offset advances only after the server acknowledged a batch; on failure nothing advances and the
 * caller retries with backoff. Uploads are idempotent server-side (event id).
 */
public final class AuditUploader {
  private static final System.Logger LOG = System.getLogger(AuditUploader.class.getName());

  private final AuditSpool spool;
  private final ServerClient server;

  public AuditUploader(AuditSpool spool, ServerClient server) {
    this.spool = spool;
    this.server = server;
  }

  /**
   * Uploads until the backlog is empty.
   *
   * @return number of records acknowledged
   * @throws IOException on the first failed batch (the offset stays before it)
   */
  public int drain() throws IOException, InterruptedException {
    int uploaded = 0;
    while (true) {
      AuditSpool.Batch batch = spool.nextBatch(AgentApi.MAX_AUDIT_BATCH);
      if (batch.lines() == 0) {
        return uploaded;
      }
      if (!batch.events().isEmpty()) {
        server.uploadAudit(new AuditBatch(batch.events()));
      }
      spool.acknowledge(batch);
      uploaded += batch.events().size();
      LOG.log(
          System.Logger.Level.DEBUG, "audit batch acknowledged events={0}", batch.events().size());
    }
  }
}
