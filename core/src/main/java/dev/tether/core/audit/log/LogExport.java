package dev.tether.core.audit.log;

import dev.tether.core.audit.AuditEvent;
import java.util.List;
import java.util.Objects;

/**
 * An exported set of audit events with everything an auditor needs to check them offline: the
 * signed checkpoint and, per event, its leaf index and inclusion proof (base64 hashes) in the tree
 * of the checkpoint's size.
 *
 * @param checkpoint the signed checkpoint note
 * @param entries the exported events
 */
public record LogExport(String checkpoint, List<Entry> entries) {
  /** Most entries in one export. */
  public static final int MAX_ENTRIES = 100_000;

  public LogExport {
    Objects.requireNonNull(checkpoint, "logExport.checkpoint: required");
    entries = entries == null ? List.of() : List.copyOf(entries);
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "logExport.entries: at most " + MAX_ENTRIES + ", got " + entries.size());
    }
  }

  /**
   * @param leafIndex the event's position in the log
   * @param event the event as stored
   * @param inclusionProof base64 hashes of the RFC 6962 audit path
   */
  public record Entry(long leafIndex, AuditEvent event, List<String> inclusionProof) {
    public Entry {
      Objects.requireNonNull(event, "logExport.entry.event: required");
      inclusionProof = inclusionProof == null ? List.of() : List.copyOf(inclusionProof);
      if (inclusionProof.size() > MerkleProofs.MAX_PROOF_HASHES) {
        throw new IllegalArgumentException("logExport.entry.inclusionProof: too long");
      }
    }
  }
}
