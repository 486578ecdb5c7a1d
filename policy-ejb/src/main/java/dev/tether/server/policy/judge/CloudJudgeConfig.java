package dev.tether.server.policy.judge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Stored cloud-judge settings of one tenant (absent row: {@link CloudJudgeSettings#DEFAULT}). */
@Entity
@Table(name = "CLOUD_JUDGE_CONFIG")
public class CloudJudgeConfig {
  @Id
  @Column(length = 64)
  private String tenantId;

  private boolean enabled;
  private double threshold;
  private long timeoutMillis;
  private Instant updatedAt;

  protected CloudJudgeConfig() {}

  CloudJudgeConfig(String tenantId) {
    this.tenantId = tenantId;
  }

  CloudJudgeSettings settings() {
    return new CloudJudgeSettings(enabled, threshold, Duration.ofMillis(timeoutMillis));
  }

  void apply(CloudJudgeSettings s, Instant now) {
    enabled = s.enabled();
    threshold = s.threshold();
    timeoutMillis = s.timeout().toMillis();
    updatedAt = now;
  }
}
