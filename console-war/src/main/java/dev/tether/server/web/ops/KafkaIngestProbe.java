package dev.tether.server.web.ops;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Whether the Kafka cluster that audit uploads go through ({@code tether.audit.kafka.ingest=true})
 * answers: a cluster description within {@value #TIMEOUT_MS} ms. The answer is reused for {@value
 * #CACHE_MS} ms so that load-balancer checks every few seconds on every instance do not turn into a
 * stream of admin requests. One admin client per instance, created on first use, closed on
 * shutdown.
 */
@ApplicationScoped
public class KafkaIngestProbe {
  static final int TIMEOUT_MS = 2_000;
  static final long CACHE_MS = 5_000;

  private Admin admin;
  private long checkedAt;
  private String lastFailure;
  private boolean checked;

  /** Returns normally when the cluster answered recently; throws with the reason otherwise. */
  public synchronized void check(String bootstrapServers) throws Exception {
    long now = System.currentTimeMillis();
    if (!checked || now - checkedAt >= CACHE_MS) {
      lastFailure = probe(bootstrapServers);
      checkedAt = now;
      checked = true;
    }
    if (lastFailure != null) {
      throw new IllegalStateException(lastFailure);
    }
  }

  private String probe(String bootstrapServers) {
    try {
      if (admin == null) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tether-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        admin = Admin.create(config);
      }
      admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "Kafka cluster did not answer within "
          + TIMEOUT_MS
          + " ms: "
          + e.getClass().getSimpleName();
    }
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }
}
