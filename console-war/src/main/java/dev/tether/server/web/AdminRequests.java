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

  /** {@code {"note":"why"}}: the change note of a publish, rotation or revocation (optional). */
  record ChangeNote(String note) {}

  /** {@code {"toVersion":3,"note":"why"}}. */
  record RollbackRequest(Long toVersion, String note) {}

  /** {@code {"keys":3,"threshold":2,"note":"why"}}; absent counts use the configured defaults. */
  record RootRotation(Integer keys, Integer threshold, String note) {}

  /**
   * Decodes an optional small JSON body: empty means {@code absent}.
   *
   * @throws IllegalArgumentException for malformed JSON or a body over the small-body limit
   */
  static <T> T optionalBody(byte[] body, Class<T> type, T absent) {
    if (body == null || body.length == 0) {
      return absent;
    }
    if (body.length > TetherJsonProvider.MAX_SMALL_BODY_BYTES) {
      throw new IllegalArgumentException(
          "body: larger than " + TetherJsonProvider.MAX_SMALL_BODY_BYTES + " bytes");
    }
    return dev.tether.core.json.JsonCodec.read(body, type);
  }

  /** Who is calling, for history entries: the authenticated principal, else the admin token. */
  static String actor(jakarta.ws.rs.core.SecurityContext security) {
    java.security.Principal principal = security == null ? null : security.getUserPrincipal();
    return principal == null || principal.getName() == null ? "admin-token" : principal.getName();
  }

  /** Answer of a policy validation: the document as it would be stored, and advice. */
  record Validation(dev.tether.core.policy.PolicyDocument policy, java.util.List<String> warnings) {
    Validation {
      warnings = java.util.List.copyOf(warnings);
    }
  }

  /** {@code {"ttlHours":24,"maxUses":1}}; absent fields mean the defaults (24 h, single use). */
  record TokenRequest(Integer ttlHours, Integer maxUses) {}

  /** An issued enrollment token, shown once; {@code id} names a fleet token (maxUses above 1). */
  record TokenView(String token, Instant expiresAt, int maxUses, String id) {
    @Override
    public String toString() {
      return "TokenView[token=masked, expiresAt=" + expiresAt + ", maxUses=" + maxUses + "]";
    }
  }
}
