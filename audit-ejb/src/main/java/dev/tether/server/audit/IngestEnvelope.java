package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.bundle.Identifiers;
import dev.tether.core.json.JsonCodec;
import java.util.Objects;

/**
 * One accepted event on the Kafka ingest topic (JSON, keyed by device id): the event, its chain
 * link if any, and the tenant and group the server authenticated the device into. Whoever can write
 * to the ingest topic can write audit events for any device, so the topic must be writable only by
 * the server's principal (Kafka ACLs).
 *
 * @param v format version, {@value #VERSION}
 */
public record IngestEnvelope(int v, String tenant, String group, AuditEvent event, ChainLink link) {
  static final int VERSION = 1;

  public IngestEnvelope {
    if (v != VERSION) {
      throw new IllegalArgumentException("ingestEnvelope.v: expected " + VERSION + ", got " + v);
    }
    Identifiers.require("ingestEnvelope.tenant", tenant);
    Objects.requireNonNull(group, "ingestEnvelope.group: required");
    Objects.requireNonNull(event, "ingestEnvelope.event: required");
    if (link != null && !link.eventId().equals(event.eventId())) {
      throw new IllegalArgumentException(
          "ingestEnvelope.link: belongs to event " + link.eventId() + ", not " + event.eventId());
    }
  }

  static IngestEnvelope of(AuditSource source, AuditEvent event, ChainLink link) {
    return new IngestEnvelope(VERSION, source.tenant(), source.group(), event, link);
  }

  AuditSource source() {
    return new AuditSource(tenant, group, event.deviceId());
  }

  String json() {
    return new String(JsonCodec.write(this), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * @throws IllegalArgumentException if {@code json} is not a valid envelope
   */
  static IngestEnvelope parse(String json) {
    return JsonCodec.read(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), IngestEnvelope.class);
  }
}
