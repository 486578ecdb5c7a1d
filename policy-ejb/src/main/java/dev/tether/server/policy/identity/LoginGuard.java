package dev.tether.server.policy.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This instance's sign-in machinery (the lockout itself is shared in the database: {@link
 * LoginLockout}): the password hasher, a dummy hash verified for unknown accounts (so both answers
 * cost the same work) and a bound of {@value #CONCURRENT_HASHES} concurrent password hashes
 * (Argon2id takes ~19 MiB and tens of milliseconds each; more callers wait up to 5 s, then get
 * 503).
 */
@ApplicationScoped
public class LoginGuard {
  static final int CONCURRENT_HASHES = 2;

  private final PasswordHasher hasher = PasswordHasher.standard();
  private final Semaphore permits = new Semaphore(CONCURRENT_HASHES, true);
  private volatile String dummyHash;

  /** The production password hasher. */
  public PasswordHasher hasher() {
    return hasher;
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
