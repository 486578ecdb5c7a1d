package dev.tether.server.policy.judge;

import java.time.Duration;

/**
 * A tenant's cloud-judge settings.
 *
 * @param enabled whether the tenant's agents may escalate at all (off: every escalation is refused
 *     with 403 and agents fall back to their fail-safe), default {@value #DEFAULT_ENABLED}
 * @param threshold the tenant's escalation threshold: only escalations whose on-device confidence
 *     is below it are answered (others are refused with 409, so a misbehaving agent cannot send
 *     every prompt to the server), range 0..1, default {@value #DEFAULT_THRESHOLD}
 * @param timeout how long the server may spend on one escalation before refusing it with 503,
 *     {@value #MIN_TIMEOUT_MILLIS} ms to {@value #MAX_TIMEOUT_MILLIS} ms, default {@value
 *     #DEFAULT_TIMEOUT_MILLIS} ms
 */
public record CloudJudgeSettings(boolean enabled, double threshold, Duration timeout) {
  public static final boolean DEFAULT_ENABLED = true;

  /** The agent's default ({@code judge.escalationThreshold}), so both sides agree by default. */
  public static final double DEFAULT_THRESHOLD =
      dev.tether.core.policy.JudgeSettings.DEFAULT_ESCALATION_THRESHOLD;

  public static final long DEFAULT_TIMEOUT_MILLIS = 1500;
  public static final long MIN_TIMEOUT_MILLIS = 100;
  public static final long MAX_TIMEOUT_MILLIS = 10_000;

  /** The settings of a tenant that never changed them. */
  public static final CloudJudgeSettings DEFAULT =
      new CloudJudgeSettings(
          DEFAULT_ENABLED, DEFAULT_THRESHOLD, Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS));

  public CloudJudgeSettings {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("judge.threshold: expected 0..1, got " + threshold);
    }
    if (timeout == null) {
      throw new IllegalArgumentException("judge.timeout: required");
    }
    if (timeout.toMillis() < MIN_TIMEOUT_MILLIS || timeout.toMillis() > MAX_TIMEOUT_MILLIS) {
      throw new IllegalArgumentException("judge.timeout: expected PT0.1S to PT10S, got " + timeout);
    }
  }
}
