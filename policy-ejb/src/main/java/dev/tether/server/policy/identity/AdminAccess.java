package dev.tether.server.policy.identity;

import dev.tether.server.policy.TetherException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The one authorisation entry point of the admin API: the principal of the current request and
 * {@link #require(Role, String)}, which resources and services call before they act. The web
 * layer's authentication filter sets the principal once per request; without one every check fails
 * (401 semantics: {@code UNAUTHENTICATED}).
 *
 * <p>Tenant scoping: {@code require(role, tenant)} passes only if one of the principal's grants
 * allows {@code role} in exactly that tenant or in all tenants. A {@code null} tenant means a
 * server-wide action (creating tenants, managing all users, the global audit log), which only
 * all-tenant grants allow.
 */
@RequestScoped
public class AdminAccess {
  private AdminPrincipal principal;

  /**
   * Binds the authenticated principal to this request.
   *
   * @throws IllegalStateException if a different principal was already bound
   */
  public void authenticate(AdminPrincipal who) {
    if (principal != null && !principal.equals(who)) {
      throw new IllegalStateException("request already authenticated as another principal");
    }
    principal = java.util.Objects.requireNonNull(who);
  }

  /** The principal, if this request is authenticated. */
  public Optional<AdminPrincipal> principal() {
    return Optional.ofNullable(principal);
  }

  /**
   * The principal.
   *
   * @throws TetherException UNAUTHENTICATED when none is bound
   */
  public AdminPrincipal current() {
    if (principal == null) {
      throw new TetherException(TetherException.Kind.UNAUTHENTICATED, "authorization: required");
    }
    return principal;
  }

  /**
   * Passes if the current principal may act as {@code role} in {@code tenant} (null: server-wide).
   *
   * @throws TetherException UNAUTHENTICATED without a principal, FORBIDDEN without a grant
   */
  public void require(Role role, String tenant) {
    current().require(role, tenant);
  }

  /** The name recorded as the actor of changes ({@code publishedBy}, root versions, audit). */
  public String actor() {
    return principal == null ? "anonymous" : principal.name();
  }
}
