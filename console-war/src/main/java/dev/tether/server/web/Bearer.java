package dev.tether.server.web;

import java.util.Optional;

/** Parses {@code Authorization: Bearer <secret>}. */
final class Bearer {
  private static final String PREFIX = "Bearer ";

  private Bearer() {}

  /** The secret, or empty for a missing or non-bearer header. Never logs it. */
  static Optional<String> secret(String authorization) {
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String secret = authorization.substring(PREFIX.length()).trim();
    return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
  }
}
