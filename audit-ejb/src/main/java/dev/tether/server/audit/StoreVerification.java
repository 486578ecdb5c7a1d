package dev.tether.server.audit;

import java.util.List;

/**
 * Result of re-hashing every stored event against the log.
 *
 * @param checked events re-hashed
 * @param logSize leaves in the log tree
 * @param mismatched ids of events whose stored content no longer matches their leaf (at most {@link
 *     TamperEvidentLog#MAX_REPORTED})
 */
public record StoreVerification(long checked, long logSize, List<String> mismatched) {
  public StoreVerification {
    mismatched = List.copyOf(mismatched);
  }
}
