package dev.tether.server.policy.identity;

import dev.tether.server.policy.Secrets;
import dev.tether.server.policy.TetherException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for automation ({@code Authorization: Bearer tth_...}).
 *
 * <p>Guarantees: 256-bit random secrets, shown once, stored only as SHA-256 (a fast hash is enough
 * for a random 256-bit secret; passwords get Argon2id); grants never exceed the creator's own;
 * every token expires (1 to 365 days, default 90); revocation is immediate; tokens cannot mint
 * tokens; a creator's tokens are revoked when the creator's roles change or the account is
 * disabled.
 */
@Stateless
public class ApiTokenService {
  /** Prefix of every API token (lets secret scanners and the auth filter recognise them). */
  public static final String PREFIX = "tth_";

  public static final int DEFAULT_DAYS = 90;
  public static final int MAX_DAYS = 365;
  static final int MAX_PER_OWNER = 100;
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  Clock clock = Clock.systemUTC();

  /**
   * Creates a token holding {@code grants} for {@code days} days.
   *
   * @throws TetherException FORBIDDEN for a grant the creator does not hold, or a token creator
   */
  public CreatedApiToken create(
      AdminPrincipal creator, String name, List<RoleGrant> grants, Integer days) {
    if (creator.kind() == PrincipalKind.API_TOKEN) {
      throw new TetherException(
          TetherException.Kind.FORBIDDEN, "api token: tokens cannot create tokens");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name: expected 1 to 200 characters");
    }
    int d = days == null ? DEFAULT_DAYS : days;
    if (d < 1 || d > MAX_DAYS) {
      throw new IllegalArgumentException("expiresInDays: expected 1.." + MAX_DAYS + ", got " + d);
    }
    List<RoleGrant> wanted = Grants.distinct(grants == null ? List.of() : grants);
    if (wanted.isEmpty() || wanted.size() > AdminPrincipal.MAX_GRANTS) {
      throw new IllegalArgumentException(
          "roles: 1 to " + AdminPrincipal.MAX_GRANTS + " grants required");
    }
    for (RoleGrant g : wanted) {
      if (!creator.mayDelegate(g)) {
        throw new TetherException(
            TetherException.Kind.FORBIDDEN, "roles: you do not hold " + g.encode());
      }
    }
    long owned =
        em.createQuery(
                "SELECT COUNT(t) FROM ApiToken t WHERE t.owner = :o AND t.revokedAt IS NULL",
                Long.class)
            .setParameter("o", creator.name())
            .getSingleResult();
    if (owned >= MAX_PER_OWNER) {
      throw new TetherException(
          TetherException.Kind.CONFLICT,
          "api token: at most " + MAX_PER_OWNER + " active tokens per owner");
    }
    Instant now = clock.instant();
    String secret = PREFIX + Secrets.newToken();
    ApiToken token =
        new ApiToken(
            Secrets.newToken().substring(0, 16),
            Secrets.hash(secret),
            name.trim(),
            creator.name(),
            Grants.encode(wanted),
            now.toEpochMilli(),
            now.plus(Duration.ofDays(d)).toEpochMilli());
    em.persist(token);
    return new CreatedApiToken(secret, token.view());
  }

  /** The principal of a live token; empty for unknown, expired or revoked tokens. */
  public Optional<AdminPrincipal> resolve(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    List<ApiToken> found =
        em.createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :h", ApiToken.class)
            .setParameter("h", Secrets.hash(secret))
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ApiToken t = found.get(0);
    long now = clock.millis();
    if (t.revokedAt != null || now >= t.expiresAt) {
      return Optional.empty();
    }
    if (t.lastUsedAt == null || now - t.lastUsedAt >= TOUCH_INTERVAL.toMillis()) {
      t.touch(now);
    }
    String name = "token:" + t.id + ":" + t.owner;
    return Optional.of(
        new AdminPrincipal(
            name.length() > 200 ? name.substring(0, 200) : name,
            PrincipalKind.API_TOKEN,
            Grants.decode(t.grants)));
  }

  /** Tokens the actor may see: its own; all for a super-admin. Newest first, at most 1000. */
  public List<ApiTokenView> list(AdminPrincipal actor) {
    boolean all = actor.allowsEverywhere(Role.SUPER_ADMIN);
    var q =
        em.createQuery(
            "SELECT t FROM ApiToken t"
                + (all ? "" : " WHERE t.owner = :o")
                + " ORDER BY t.createdAt DESC",
            ApiToken.class);
    if (!all) {
      q.setParameter("o", actor.name());
    }
    return q.setMaxResults(1000).getResultList().stream().map(ApiToken::view).toList();
  }

  /**
   * Revokes a token of the actor's own (any, for a super-admin).
   *
   * @throws TetherException NOT_FOUND otherwise (the same for someone else's token)
   */
  public ApiTokenView revoke(AdminPrincipal actor, String id) {
    ApiToken t = id == null || id.length() > 40 ? null : em.find(ApiToken.class, id);
    if (t == null || !(t.owner.equals(actor.name()) || actor.allowsEverywhere(Role.SUPER_ADMIN))) {
      throw new TetherException(
          TetherException.Kind.NOT_FOUND, "api token: \"" + id + "\" does not exist");
    }
    if (t.revokedAt == null) {
      t.revoke(clock.millis(), actor.name());
    }
    return t.view();
  }

  /** Revokes every live token of {@code owner}; returns how many. */
  public int revokeAllOf(String owner, String by) {
    return em.createQuery(
            "UPDATE ApiToken t SET t.revokedAt = :now, t.revokedBy = :by WHERE t.owner = :o AND t.revokedAt IS NULL")
        .setParameter("now", clock.millis())
        .setParameter("by", by)
        .setParameter("o", owner)
        .executeUpdate();
  }
}
