package dev.tether.server.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How far the Kafka audit stream lags behind the log: events stored but not yet acknowledged by the
 * cluster (the outbox's size), read from the log head and the stream's cursor without locking
 * either. Empty when streaming is not configured. For operators' metrics; changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditStreamLag {
  @PersistenceContext(unitName = AuditRepository.UNIT)
  EntityManager em;

  /** Stored events the stream has not published yet; empty without a configured cluster. */
  public Optional<Long> pendingEvents() {
    var config = ConfigProvider.getConfig();
    Optional<String> servers =
        config
            .getOptionalValue(AuditStreamService.BOOTSTRAP, String.class)
            .filter(s -> !s.isBlank());
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    String topic =
        config
            .getOptionalValue(AuditStreamService.TOPIC, String.class)
            .orElse(AuditStreamService.DEFAULT_TOPIC);
    AuditLogHead head = em.find(AuditLogHead.class, AuditLogHead.ID);
    AuditPublishCursor cursor = em.find(AuditPublishCursor.class, topic);
    long size = head == null ? 0 : head.size;
    long next = cursor == null ? 0 : cursor.next();
    return Optional.of(Math.max(0, size - next));
  }
}
