package dev.tether.core.audit.log;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a {@link LogExport} offline against a pinned checkpoint key: the checkpoint's signature,
 * then every event's leaf hash (recomputed from the event's content) and inclusion proof against
 * the checkpoint root. Any rewritten, reordered or fabricated event fails.
 */
public final class ExportVerifier {
  private ExportVerifier() {}

  /**
   * Verifies {@code export}.
   *
   * @param expectedOrigin the log origin the auditor expects, or {@code null} to accept any
   * @return the verified checkpoint
   * @throws LogVerificationException naming the first event (id and leaf index) or the checkpoint
   *     that fails
   */
  public static Checkpoint verify(LogExport export, NoteVerifierKey key, String expectedOrigin)
      throws LogVerificationException {
    Checkpoint checkpoint = SignedCheckpoints.open(export.checkpoint(), key);
    if (expectedOrigin != null && !expectedOrigin.equals(checkpoint.origin())) {
      throw new LogVerificationException(
          "checkpoint origin: want \""
              + expectedOrigin
              + "\", got \""
              + checkpoint.origin()
              + "\"");
    }
    byte[] root = checkpoint.rootHash();
    for (LogExport.Entry entry : export.entries()) {
      List<byte[]> proof = new ArrayList<>();
      for (String hash : entry.inclusionProof()) {
        try {
          proof.add(Base64.getDecoder().decode(hash));
        } catch (IllegalArgumentException e) {
          throw new LogVerificationException(
              "event " + entry.event().eventId() + ": proof hash is not base64");
        }
      }
      try {
        MerkleProofs.verifyInclusion(
            entry.leafIndex(), checkpoint.size(), AuditLeaf.hash(entry.event()), proof, root);
      } catch (LogVerificationException e) {
        throw new LogVerificationException(
            "event "
                + entry.event().eventId()
                + " (leaf "
                + entry.leafIndex()
                + ") is not in the signed log as exported: "
                + e.getMessage(),
            e);
      }
    }
    return checkpoint;
  }
}
