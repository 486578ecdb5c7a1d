package dev.tether.server.policy.identity;

import dev.tether.server.policy.Secrets;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.TetherException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local admin accounts: sign-in (Argon2id, lockout, same answer and work for unknown accounts and
 * wrong passwords), creation, role changes and password changes. Every change to an account's
 * roles, password or state ends its sessions and revokes its API tokens' use of old rights.
 *
 * <p>Who may manage whom: a super-admin anyone; a tenant-admin only accounts all of whose grants
 * (before and after) lie in tenants it administers. Nobody changes their own roles.
 */
@Stateless
public class AccountService {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  @Inject LoginGuard guard;
  @Inject LoginLockout lockout;
  @Inject AdminSessions sessions;
  @Inject ApiTokenService tokens;
  @Inject TenantService tenants;

  /**
   * Checks a username and password.
   *
   * @throws AuthenticationFailure 401 (same for unknown user and wrong password), 423 locked, 503
   */
  public AdminPrincipal login(String username, char[] password) {
    try {
      String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
      Optional<java.time.Duration> locked = lockout.lockedFor(name);
      if (locked.isPresent()) {
        throw AuthenticationFailure.locked(locked.get());
      }
      AdminAccount account =
          USERNAME.matcher(name).matches() ? em.find(AdminAccount.class, name) : null;
      String stored =
          account == null || account.disabled ? guard.dummyHash() : account.passwordHash;
      boolean matches =
          password != null
              && password.length <= PasswordPolicy.MAX_LENGTH
              && guard.hashing(() -> guard.hasher().verify(password, stored));
      if (!matches || account == null || account.disabled) {
        LoginLockout.countFailure(lockout, name);
        throw AuthenticationFailure.badCredentials();
      }
      lockout.success(name);
      if (guard.hasher().needsRehash(account.passwordHash)) {
        String upgraded = guard.hashing(() -> guard.hasher().hash(password));
        account.changePassword(upgraded, account.passwordChangedAt);
      }
      return new AdminPrincipal(
          account.username, PrincipalKind.LOCAL, Grants.decode(account.grants));
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  /**
   * Creates an account. Without a password one is generated (24 characters) and returned once in
   * {@link AccountView#initialPassword()}.
   *
   * @throws TetherException FORBIDDEN a grant the actor may not give, CONFLICT name taken
   */
  public AccountView create(
      AdminPrincipal actor, String username, char[] password, List<RoleGrant> grants) {
    String name = requireUsername(username);
    List<RoleGrant> wanted = checkGrants(actor, grants);
    if (wanted.isEmpty() && !actor.allowsEverywhere(Role.SUPER_ADMIN)) {
      throw forbidden("roles: at least one role in a tenant you administer is required");
    }
    if (em.find(AdminAccount.class, name) != null) {
      throw new TetherException(
          TetherException.Kind.CONFLICT, "username: \"" + name + "\" already exists");
    }
    String generated = null;
    char[] chosen = password;
    if (chosen == null) {
      generated = Secrets.newToken().substring(0, 24);
      chosen = generated.toCharArray();
    }
    PasswordPolicy.check(name, chosen);
    char[] pw = chosen;
    String hash = guard.hashing(() -> guard.hasher().hash(pw));
    Arrays.fill(chosen, '\0');
    AdminAccount account =
        new AdminAccount(
            name, hash, Grants.encode(wanted), Instant.now().toEpochMilli(), actor.name());
    em.persist(account);
    return AccountView.of(account, generated);
  }

  /** Accounts the actor may manage (super-admin: all), by name, at most 1000. */
  public List<AccountView> list(AdminPrincipal actor) {
    return em
        .createQuery("SELECT a FROM AdminAccount a ORDER BY a.username", AdminAccount.class)
        .setMaxResults(10_000)
        .getResultList()
        .stream()
        .filter(
            a ->
                manages(actor, Grants.decode(a.grants)) || actor.allowsEverywhere(Role.SUPER_ADMIN))
        .limit(1000)
        .map(a -> AccountView.of(a, null))
        .toList();
  }

  /**
   * Replaces an account's grants; ends its sessions and revokes its API tokens.
   *
   * @return {@code [before, after]}
   * @throws TetherException NOT_FOUND unknown or unmanageable account, FORBIDDEN a grant not given
   */
  public List<AccountView> setRoles(AdminPrincipal actor, String username, List<RoleGrant> grants) {
    AdminAccount account = managed(actor, username);
    if (account.username.equals(actor.name()) && actor.kind() == PrincipalKind.LOCAL) {
      throw forbidden("roles: you cannot change your own roles");
    }
    List<RoleGrant> wanted = checkGrants(actor, grants);
    AccountView before = AccountView.of(account, null);
    account.changeGrants(Grants.encode(wanted));
    endAccess(account.username, actor);
    return List.of(before, AccountView.of(account, null));
  }

  /** Disables an account (kept for the audit trail); ends its sessions and revokes its tokens. */
  public AccountView disable(AdminPrincipal actor, String username) {
    AdminAccount account = managed(actor, username);
    if (account.username.equals(actor.name())) {
      throw forbidden("username: you cannot disable yourself");
    }
    account.disable();
    endAccess(account.username, actor);
    return AccountView.of(account, null);
  }

  /** Sets a new generated password (shown once); ends the account's sessions. */
  public AccountView resetPassword(AdminPrincipal actor, String username) {
    AdminAccount account = managed(actor, username);
    String generated = Secrets.newToken().substring(0, 24);
    account.changePassword(
        guard.hashing(() -> guard.hasher().hash(generated.toCharArray())),
        Instant.now().toEpochMilli());
    sessions.closeAll(account.username);
    return AccountView.of(account, generated);
  }

  /**
   * Changes the signed-in local user's own password after checking the current one (counts as a
   * sign-in attempt for the lockout); ends all of the user's sessions.
   */
  public void changePassword(AdminPrincipal self, char[] current, char[] replacement) {
    if (self.kind() != PrincipalKind.LOCAL) {
      throw forbidden("password: only local accounts have a password here");
    }
    PasswordPolicy.check(self.name(), replacement);
    login(self.name(), current);
    AdminAccount account = em.find(AdminAccount.class, self.name());
    account.changePassword(
        guard.hashing(() -> guard.hasher().hash(replacement)), Instant.now().toEpochMilli());
    Arrays.fill(replacement, '\0');
    sessions.closeAll(account.username);
  }

  private void endAccess(String username, AdminPrincipal actor) {
    sessions.closeAll(username);
    tokens.revokeAllOf(username, actor.name());
  }

  private AdminAccount managed(AdminPrincipal actor, String username) {
    String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    AdminAccount account =
        USERNAME.matcher(name).matches() ? em.find(AdminAccount.class, name) : null;
    if (account == null
        || !(actor.allowsEverywhere(Role.SUPER_ADMIN)
            || manages(actor, Grants.decode(account.grants)))) {
      throw new TetherException(
          TetherException.Kind.NOT_FOUND, "username: \"" + name + "\" does not exist");
    }
    return account;
  }

  /** True if the actor may give every one of {@code grants} (and there is at least one). */
  private static boolean manages(AdminPrincipal actor, List<RoleGrant> grants) {
    return !grants.isEmpty() && grants.stream().allMatch(actor::mayGrant);
  }

  private List<RoleGrant> checkGrants(AdminPrincipal actor, List<RoleGrant> grants) {
    List<RoleGrant> wanted = Grants.distinct(grants == null ? List.of() : grants);
    if (wanted.size() > AdminPrincipal.MAX_GRANTS) {
      throw new IllegalArgumentException("roles: at most " + AdminPrincipal.MAX_GRANTS);
    }
    for (RoleGrant g : wanted) {
      if (!actor.mayGrant(g)) {
        throw forbidden("roles: you may not grant " + g.encode());
      }
      if (!g.allTenants()) {
        tenants.requireTenant(g.tenant());
      }
    }
    return wanted;
  }

  private static String requireUsername(String username) {
    String name = username == null ? "" : username.trim();
    if (!USERNAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "username: expected 1 to 64 of a-z 0-9 . _ @ - (lower case), got \""
              + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
              + "\"");
    }
    return name;
  }

  private static TetherException forbidden(String message) {
    return new TetherException(TetherException.Kind.FORBIDDEN, message);
  }
}
