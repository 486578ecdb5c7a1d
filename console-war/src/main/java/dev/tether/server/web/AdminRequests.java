package dev.tether.server.web;

import dev.tether.core.bundle.Identifiers;
import java.time.Instant;

/** Admin API request and response bodies; requests validate in their constructors. */
final class AdminRequests {
  private AdminRequests() {}

  /** {@code {"id":"acme","name":"Acme Corp"}} for a tenant or a group. */
  record Named(String id, String name) {
    Named validated(String what) {
      Identifiers.require(what + ".id", id);
      if (name == null || name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException(
            what
                + ".name: expected 1 to 200 characters, got \""
                + (name == null ? null : name.length() > 40 ? name.substring(0, 40) + "..." : name)
                + "\"");
      }
      return new Named(id, name.trim());
    }
  }

  /** {@code {"ttlHours":24}}; absent means the default. */
  record TokenRequest(Integer ttlHours) {}

  /** An issued enrollment token, shown once. */
  record TokenView(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "TokenView[token=masked, expiresAt=" + expiresAt + "]";
    }
  }
}
