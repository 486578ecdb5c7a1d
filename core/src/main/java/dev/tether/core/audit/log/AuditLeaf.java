package dev.tether.core.audit.log;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.json.JsonCodec;

/**
 * What a log leaf is: the canonical JSON of an {@link AuditEvent} ({@link JsonCodec#write}: sorted
 * properties, nulls omitted), hashed as an RFC 6962 leaf. The server and the offline verifier both
 * derive the leaf from the event's content, so any change to a stored field changes the hash.
 */
public final class AuditLeaf {
  private AuditLeaf() {}

  /** The leaf data of {@code event}. */
  public static byte[] data(AuditEvent event) {
    return JsonCodec.write(event);
  }

  /** The RFC 6962 leaf hash of {@code event}. */
  public static byte[] hash(AuditEvent event) {
    return Rfc6962.leafHash(data(event));
  }
}
