package dev.tether.server.web.oidc;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a provider's discovery document (OpenID Connect Discovery 1.0) the client uses. The
 * discovered {@code issuer} must equal the configured one exactly (section 4.3), and every endpoint
 * must satisfy the same scheme rule as the issuer.
 */
public record ProviderMetadata(
    URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {
  public ProviderMetadata {
    Objects.requireNonNull(issuer);
    Objects.requireNonNull(authorizationEndpoint);
    Objects.requireNonNull(tokenEndpoint);
    Objects.requireNonNull(jwksUri);
  }

  /**
   * Reads a discovery document.
   *
   * @throws OidcException 502 when a member is missing, not a URL, or the issuer differs
   */
  static ProviderMetadata from(Map<String, Object> document, URI expectedIssuer)
      throws OidcException {
    URI issuer = member(document, "issuer");
    if (!issuer.toString().equals(expectedIssuer.toString())) {
      throw new OidcException(
          502,
          "oidc discovery: issuer "
              + issuer
              + " does not match the configured issuer "
              + expectedIssuer);
    }
    return new ProviderMetadata(
        issuer,
        member(document, "authorization_endpoint"),
        member(document, "token_endpoint"),
        member(document, "jwks_uri"));
  }

  private static URI member(Map<String, Object> document, String name) throws OidcException {
    Object value = document.get(name);
    if (!(value instanceof String text)) {
      throw new OidcException(502, "oidc discovery: " + name + " missing");
    }
    try {
      return OidcSettings.url("discovery." + name, text);
    } catch (IllegalArgumentException e) {
      throw new OidcException(502, e.getMessage());
    }
  }
}
