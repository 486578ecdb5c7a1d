package dev.tether.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of a newest-first listing starts: strictly after the record that occurred at
 * {@code occurredAtMillis} with {@code eventId} (ties on time are ordered by event id, descending).
 * Keyset paging: unlike an offset it costs the same on page 1 and page 10,000, and records stored
 * meanwhile do not shift the pages. Encoded as opaque base64url text.
 */
public record AuditCursor(long occurredAtMillis, String eventId) {
  /** Longest encoded cursor accepted. */
  static final int MAX_ENCODED = 96;

  public AuditCursor {
    eventId = UUID.fromString(eventId).toString();
  }

  /** The opaque text clients pass back as {@code cursor}. */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((occurredAtMillis + "|" + eventId).getBytes(UTF_8));
  }

  /**
   * Decodes what {@link #encode} produced.
   *
   * @throws IllegalArgumentException naming {@code cursor} for anything else
   */
  public static AuditCursor decode(String text) {
    try {
      if (text.length() > MAX_ENCODED) {
        throw new IllegalArgumentException("too long");
      }
      String plain = new String(Base64.getUrlDecoder().decode(text), UTF_8);
      int bar = plain.indexOf('|');
      return new AuditCursor(Long.parseLong(plain.substring(0, bar)), plain.substring(bar + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor: expected the nextCursor of a previous page, got \""
              + AuditQueryParams.shorten(text)
              + "\"");
    }
  }
}
