package dev.tether.server.audit;

import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit persistence unit on a real database outside the server: EclipseLink (Payara's JPA
 * provider) with local transactions, each call in its own transaction like the EJBs' REQUIRES_NEW.
 */
final class JpaStore implements AutoCloseable {
  final String url;
  final String user;
  final String password;
  final EntityManagerFactory factory;

  JpaStore(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.factory =
        Persistence.createEntityManagerFactory(
            "tether-audit-test",
            Map.of(
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", user,
                "jakarta.persistence.jdbc.password", password));
  }

  static JpaStore h2(String name) {
    return new JpaStore("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** Runs {@code work} with a repository in one committed transaction. */
  <T> T tx(Function<AuditRepository, T> work) {
    EntityManager em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      AuditRepository repository = new AuditRepository();
      repository.em = em;
      T result = work.apply(repository);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  /**
   * What the agent API does for one batch: {@link AuditService#ingest} stores it in its own
   * transaction and retries when a concurrent upload collided (first row of a device or of the log
   * head).
   */
  AuditBatchResult ingest(AuditSource source, List<AuditEvent> events) {
    return ingest(List.of(new AuditSubmission(source, events, Map.of())));
  }

  /** As the Kafka consumer's store: several submissions in one transaction, retried likewise. */
  AuditBatchResult ingest(List<AuditSubmission> submissions) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx(
            repository -> {
              AuditWriter writer = new AuditWriter();
              writer.repository = repository;
              return writer.storeAll(submissions);
            });
      } catch (jakarta.persistence.PersistenceException e) {
        if (attempt >= AuditService.MAX_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** A plain JDBC connection, for changing rows behind the application's back. */
  Connection jdbc() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    factory.close();
  }
}
