package dev.tether.server.policy.identity;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The sign-in lockout in the database ({@code TETHER_LOGIN_FAILURE}), so it holds across every
 * server instance behind a load balancer and across restarts: five failures on any mix of instances
 * lock the name on all of them ({@link LoginThrottle}'s policy: 30 s doubling to 1 h).
 *
 * <p>Each call commits in its own transaction (a refused sign-in rolls the caller's transaction
 * back, the count must survive it). A failure is counted under the row's lock, so concurrent
 * failures on several instances are all counted.
 */
@Stateless
public class LoginLockout {
  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  /** How long {@code name} stays locked, if it is locked now. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Duration> lockedFor(String name) {
    return throttle(false).lockedFor(name);
  }

  /** Counts a failure; returns the lock now in force, if any. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Duration> failure(String name) {
    return throttle(true).failure(name);
  }

  /** Clears the name's failures after a successful sign-in. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void success(String name) {
    throttle(true).success(name);
  }

  /** Deletes counts whose last failure is older than a day and that lock nothing (purge job). */
  public int purge(long nowMillis) {
    return em.createQuery(
            "DELETE FROM LoginFailure f WHERE f.lastFailureMillis <= :old"
                + " AND (f.lockedUntilMillis IS NULL OR f.lockedUntilMillis <= :now)")
        .setParameter("old", nowMillis - LoginThrottle.RESET_AFTER.toMillis())
        .setParameter("now", nowMillis)
        .executeUpdate();
  }

  /**
   * Counts a failure through {@code lockout}, once more if the first attempt collided with another
   * instance creating the same name's row.
   */
  static void countFailure(LoginLockout lockout, String name) {
    try {
      lockout.failure(name);
    } catch (EJBException | jakarta.persistence.PersistenceException e) {
      lockout.failure(name);
    }
  }

  private LoginThrottle throttle(boolean lock) {
    return LoginThrottle.standard(Clock.systemUTC(), new Rows(lock));
  }

  /** The store over this transaction's entity manager. */
  private final class Rows implements LoginThrottle.Store {
    private final boolean lock;

    Rows(boolean lock) {
      this.lock = lock;
    }

    @Override
    public LoginThrottle.Entry get(String key) {
      LoginFailure row =
          lock
              ? em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE)
              : em.find(LoginFailure.class, key);
      return row == null ? null : row.entry();
    }

    @Override
    public void put(String key, LoginThrottle.Entry entry) {
      LoginFailure row = em.find(LoginFailure.class, key);
      if (row == null) {
        row = new LoginFailure(key);
        row.set(entry);
        em.persist(row);
        em.flush();
      } else {
        row.set(entry);
      }
    }

    @Override
    public void remove(String key) {
      LoginFailure row = em.find(LoginFailure.class, key);
      if (row != null) {
        em.remove(row);
      }
    }
  }
}
