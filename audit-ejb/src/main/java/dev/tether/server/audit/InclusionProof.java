package dev.tether.server.audit;

import java.util.List;

/**
 * An RFC 6962 inclusion proof of one stored event.
 *
 * @param eventId the event
 * @param leafIndex its position in the log
 * @param treeSize size of the tree the proof is for (a signed checkpoint's size)
 * @param hashes base64 audit path, leaf to root
 */
public record InclusionProof(String eventId, long leafIndex, long treeSize, List<String> hashes) {
  public InclusionProof {
    hashes = List.copyOf(hashes);
  }
}
