package dev.tether.server.policy;

import java.time.Instant;

/**
 * A freshly issued enrollment token; the only time the token itself exists on the server.
 *
 * @param token the token (shown once)
 * @param expiresAt when it stops enrolling
 * @param maxUses how many devices it enrolls (1: a single-use token)
 * @param id a fleet token's public id for listing and revocation; null for a single-use token
 */
public record IssuedToken(String token, Instant expiresAt, int maxUses, String id) {
  @Override
  public String toString() {
    return "IssuedToken[token=masked, expiresAt="
        + expiresAt
        + ", maxUses="
        + maxUses
        + ", id="
        + id
        + "]";
  }
}
