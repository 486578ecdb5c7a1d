package dev.tether.server.policy.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Server-wide sign-in state: the lockout bookkeeping ({@link LoginThrottle}), the password hasher,
 * a dummy hash verified for unknown accounts (so both answers cost the same work) and a bound of
 * {@value #CONCURRENT_HASHES} concurrent password hashes (Argon2id takes ~19 MiB and tens of
 * milliseconds each; more callers wait up to 5 s, then get 503).
 */
@ApplicationScoped
public class LoginGuard {
  static final int CONCURRENT_HASHES = 2;

  private final PasswordHasher hasher = PasswordHasher.standard();
  private final LoginThrottle throttle = LoginThrottle.standard(Clock.systemUTC());
  private final Semaphore permits = new Semaphore(CONCURRENT_HASHES, true);
  private volatile String dummyHash;

  /** The production password hasher. */
  public PasswordHasher hasher() {
    return hasher;
  }

  /** The lockout bookkeeping. */
  public LoginThrottle throttle() {
    return throttle;
  }

  /** A hash of a random password with the current parameters; never matches anything typed. */
  public String dummyHash() {
    String d = dummyHash;
    if (d == null) {
      d = hasher.hash(dev.tether.server.policy.Secrets.newToken().toCharArray());
      dummyHash = d;
    }
    return d;
  }

  /** Runs {@code work} holding a hashing permit. */
  public <T> T hashing(Supplier<T> work) {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AuthenticationFailure.busy();
    }
    if (!acquired) {
      throw AuthenticationFailure.busy();
    }
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }
}
