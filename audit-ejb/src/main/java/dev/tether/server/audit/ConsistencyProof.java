package dev.tether.server.audit;

import java.util.List;

/**
 * An RFC 6962 consistency proof between two tree sizes.
 *
 * @param first the older size
 * @param second the newer size
 * @param hashes base64 proof hashes
 */
public record ConsistencyProof(long first, long second, List<String> hashes) {
  public ConsistencyProof {
    hashes = List.copyOf(hashes);
  }
}
