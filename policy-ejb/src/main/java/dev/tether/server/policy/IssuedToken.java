package dev.tether.server.policy;

import java.time.Instant;

/** A freshly issued enrollment token; the only time the token itself exists on the server. */
public record IssuedToken(String token, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedToken[token=masked, expiresAt=" + expiresAt + "]";
  }
}
