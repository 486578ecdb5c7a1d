package dev.tether.server.policy.identity;

import dev.tether.server.policy.Secrets;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Server-side admin sessions, stored in the database (so several server instances share them).
 *
 * <p>Guarantees: ids are 256-bit random values stored only as SHA-256; a session ends after the
 * idle timeout or the absolute timeout ({@link SessionTimeouts}, config {@value
 * SessionTimeouts#IDLE_KEY} and {@value SessionTimeouts#ABSOLUTE_KEY}), on logout, and when its
 * account's password or roles change; every sign-in opens a new session (rotation: an id known
 * before sign-in is never valid after it); at most {@value #MAX_PER_PRINCIPAL} sessions per
 * principal (the oldest are closed).
 */
@Stateless
public class AdminSessions {
  static final int MAX_PER_PRINCIPAL = 10;

  /** {@code lastSeenAt} is written at most this often per session (idle timeout granularity). */
  static final Duration TOUCH_INTERVAL = Duration.ofSeconds(15);

  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  Clock clock = Clock.systemUTC();

  @jakarta.inject.Inject LoginLockout lockout;

  /** The configured timeouts (validated; defaults 15 minutes idle, 8 hours absolute). */
  public static SessionTimeouts timeouts() {
    var config = ConfigProvider.getConfig();
    Duration idle =
        config
            .getOptionalValue(SessionTimeouts.IDLE_KEY, String.class)
            .map(Duration::parse)
            .orElse(SessionTimeouts.DEFAULT_IDLE);
    Duration absolute =
        config
            .getOptionalValue(SessionTimeouts.ABSOLUTE_KEY, String.class)
            .map(Duration::parse)
            .orElse(SessionTimeouts.DEFAULT_ABSOLUTE);
    return new SessionTimeouts(idle, absolute);
  }

  /** Opens a new session for {@code principal} (after a sign-in, local or single sign-on). */
  public OpenedSession open(AdminPrincipal principal) {
    SessionTimeouts t = timeouts();
    Instant now = clock.instant();
    String id = Secrets.newToken();
    String csrf = Secrets.newToken();
    em.persist(new AdminSession(Secrets.hash(id), principal, csrf, now.toEpochMilli()));
    List<AdminSession> existing =
        em.createQuery(
                "SELECT s FROM AdminSession s WHERE s.principalName = :p ORDER BY s.openedAt DESC",
                AdminSession.class)
            .setParameter("p", principal.name())
            .getResultList();
    existing.stream().skip(MAX_PER_PRINCIPAL).forEach(em::remove);
    return new OpenedSession(id, csrf, t.idle().toSeconds(), now.plus(t.absolute()), principal);
  }

  /** The live session with this id, touching its idle timer; empty when unknown or ended. */
  public Optional<ActiveSession> resolve(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    AdminSession s = em.find(AdminSession.class, Secrets.hash(id));
    if (s == null) {
      return Optional.empty();
    }
    SessionTimeouts t = timeouts();
    Instant now = clock.instant();
    if (t.expired(Instant.ofEpochMilli(s.openedAt), Instant.ofEpochMilli(s.lastSeenAt), now)) {
      em.remove(s);
      return Optional.empty();
    }
    if (now.toEpochMilli() - s.lastSeenAt >= TOUCH_INTERVAL.toMillis()) {
      s.touch(now.toEpochMilli());
    }
    return Optional.of(new ActiveSession(s.principal(), s.csrfToken, t.idle().toSeconds()));
  }

  /** Ends the session with this id (no-op when unknown). */
  public void close(String id) {
    if (id != null && !id.isEmpty() && id.length() <= 100) {
      AdminSession s = em.find(AdminSession.class, Secrets.hash(id));
      if (s != null) {
        em.remove(s);
      }
    }
  }

  /** Ends every session of {@code principalName}; returns how many. */
  public int closeAll(String principalName) {
    return em.createQuery("DELETE FROM AdminSession s WHERE s.principalName = :p")
        .setParameter("p", principalName)
        .executeUpdate();
  }

  /**
   * Sessions within both timeouts now: the console's signed-in users across every instance (they
   * share the table). A read for operators' metrics; changes nothing.
   */
  public long countActive() {
    SessionTimeouts t = timeouts();
    long now = clock.millis();
    return em.createQuery(
            "SELECT COUNT(s) FROM AdminSession s WHERE s.lastSeenAt > :idle AND s.openedAt > :abs",
            Long.class)
        .setParameter("idle", now - t.idle().toMillis())
        .setParameter("abs", now - t.absolute().toMillis())
        .getSingleResult();
  }

  /**
   * Deletes sessions past either timeout, and sign-in failure counts a day old (every 5 minutes, on
   * every instance: the deletes are idempotent).
   */
  @Schedule(minute = "*/5", hour = "*", persistent = false)
  public void purgeExpired() {
    SessionTimeouts t = timeouts();
    long now = clock.millis();
    em.createQuery("DELETE FROM AdminSession s WHERE s.lastSeenAt <= :idle OR s.openedAt <= :abs")
        .setParameter("idle", now - t.idle().toMillis())
        .setParameter("abs", now - t.absolute().toMillis())
        .executeUpdate();
    lockout.purge(now);
  }
}
