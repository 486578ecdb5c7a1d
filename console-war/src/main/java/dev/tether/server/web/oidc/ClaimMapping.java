package dev.tether.server.web.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tether.server.policy.identity.AdminPrincipal;
import dev.tether.server.policy.identity.PrincipalKind;
import dev.tether.server.policy.identity.RoleGrant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps verified ID token claims to an admin principal: name {@code oidc:<username claim>} (or
 * {@code sub}), grants the union of {@link OidcSettings#roleMappings()} for every value of the
 * roles claim. Claim values that map to nothing are ignored; a user with no grant at all is
 * refused.
 */
final class ClaimMapping {
  private static final int MAX_NAME = 150;
  private static final int MAX_VALUES = 256;

  private ClaimMapping() {}

  /**
   * @throws OidcException 401 for an unusable username claim, 403 when no role is mapped
   */
  static AdminPrincipal principal(OidcSettings settings, JWTClaimsSet claims) throws OidcException {
    String user = text(claims.getClaim(settings.usernameClaim()));
    if (user == null) {
      user = claims.getSubject();
    }
    if (user == null
        || user.isEmpty()
        || user.length() > MAX_NAME
        || !user.matches("[\\p{Graph}]+")) {
      throw new OidcException(
          401, "id_token: " + settings.usernameClaim() + " is not a usable user name");
    }
    Set<RoleGrant> grants = new LinkedHashSet<>();
    for (String value : values(claims.getClaim(settings.rolesClaim()))) {
      List<RoleGrant> mapped = settings.roleMappings().get(value);
      if (mapped != null) {
        grants.addAll(mapped);
      }
    }
    if (grants.isEmpty()) {
      throw new OidcException(
          403,
          "oidc: no Tether role is mapped to oidc:"
              + user
              + " (claim "
              + settings.rolesClaim()
              + "); ask an administrator to map one of your groups");
    }
    return new AdminPrincipal("oidc:" + user, PrincipalKind.OIDC, new ArrayList<>(grants));
  }

  private static String text(Object claim) {
    return claim instanceof String s ? s.strip() : null;
  }

  private static List<String> values(Object claim) throws OidcException {
    if (claim == null) {
      return List.of();
    }
    if (claim instanceof String s) {
      return List.of(s);
    }
    if (claim instanceof List<?> list) {
      if (list.size() > MAX_VALUES) {
        throw new OidcException(401, "id_token: more than " + MAX_VALUES + " role claim values");
      }
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
      return out;
    }
    return List.of();
  }
}
