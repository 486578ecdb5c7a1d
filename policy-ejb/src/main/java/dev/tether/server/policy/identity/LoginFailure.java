package dev.tether.server.policy.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One account name's failed sign-ins, shared by every server instance ({@link LoginLockout}). Keyed
 * by the normalised name whether or not such an account exists; deleted on a successful sign-in and
 * purged a day after the last failure.
 */
@Entity
@Table(name = "TETHER_LOGIN_FAILURE")
public class LoginFailure {
  @Id
  @Column(length = 200)
  String nameKey;

  int failures;

  long lastFailureMillis;

  Long lockedUntilMillis;

  protected LoginFailure() {}

  LoginFailure(String nameKey) {
    this.nameKey = nameKey;
  }

  LoginThrottle.Entry entry() {
    return failures < 1
        ? null
        : new LoginThrottle.Entry(
            failures,
            Instant.ofEpochMilli(lastFailureMillis),
            lockedUntilMillis == null ? null : Instant.ofEpochMilli(lockedUntilMillis));
  }

  void set(LoginThrottle.Entry entry) {
    failures = entry.failures();
    lastFailureMillis = entry.lastFailure().toEpochMilli();
    lockedUntilMillis = entry.lockedUntil() == null ? null : entry.lockedUntil().toEpochMilli();
  }
}
