package dev.tether.server.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the audit stream has been published: every event with a smaller leaf index was
 * acknowledged by the Kafka cluster. One row per topic. Advanced only after the broker's acks.
 */
@Entity
@Table(name = "TETHER_AUDIT_PUBLISH_CURSOR")
public class AuditPublishCursor {
  @Id String topic;

  long nextLeafIndex;

  protected AuditPublishCursor() {}

  AuditPublishCursor(String topic) {
    this.topic = topic;
  }

  long next() {
    return nextLeafIndex;
  }

  void advanceTo(long next) {
    if (next > nextLeafIndex) {
      nextLeafIndex = next;
    }
  }
}
