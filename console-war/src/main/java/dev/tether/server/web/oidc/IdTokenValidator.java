package dev.tether.server.web.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies an ID token (OpenID Connect Core 1.0, section 3.1.3.7) and returns its claims; throws
 * otherwise, there is no boolean to forget.
 *
 * <ul>
 *   <li>signature with a key from the provider's JWKS, algorithm one of {@link #ALGORITHMS}
 *       (asymmetric only: never {@code none}, never HMAC with the client secret);
 *   <li>{@code iss} equals the configured issuer exactly;
 *   <li>{@code aud} contains the client id; with several audiences {@code azp} must be the client
 *       id (an ID token issued to another client is refused);
 *   <li>{@code exp} in the future and {@code iat} not in the future, each with {@link
 *       #MAX_SKEW_SECONDS} of clock skew; {@code iat} at most {@link #MAX_AGE_SECONDS} old;
 *   <li>{@code sub} present; {@code nonce} equals the one this login sent (replay of a token
 *       obtained for another login is refused).
 * </ul>
 */
public final class IdTokenValidator {
  /** Accepted signature algorithms. */
  public static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  static final int MAX_SKEW_SECONDS = 60;
  static final long MAX_AGE_SECONDS = 600;
  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final String clientId;

  /**
   * @param keys the provider's signing keys (its JWKS)
   */
  public IdTokenValidator(JWKSource<SecurityContext> keys, String issuer, String clientId) {
    this.clientId = clientId;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            clientId,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            new HashSet<>(List.of("sub", "iat", "exp", "nonce")));
    claims.setMaxClockSkew(MAX_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @return the verified claims
   * @throws OidcException 401 naming the check that failed
   */
  public JWTClaimsSet validate(String idToken, String expectedNonce) throws OidcException {
    if (idToken == null || idToken.isEmpty() || idToken.length() > MAX_TOKEN_CHARS) {
      throw new OidcException(401, "id_token: missing or longer than " + MAX_TOKEN_CHARS);
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(idToken, null);
    } catch (BadJWTException e) {
      throw new OidcException(401, "id_token: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new OidcException(401, "id_token: signature or algorithm refused: " + e.getMessage());
    } catch (ParseException e) {
      throw new OidcException(401, "id_token: not a JWT");
    } catch (JOSEException e) {
      throw new OidcException(502, "id_token: keys unavailable: " + e.getMessage(), e);
    }
    List<String> audience = claims.getAudience();
    if (audience.size() > 1 && !clientId.equals(stringClaim(claims, "azp"))) {
      throw new OidcException(401, "id_token: several audiences and azp is not this client");
    }
    if (claims
        .getIssueTime()
        .toInstant()
        .isBefore(java.time.Instant.now().minusSeconds(MAX_AGE_SECONDS + MAX_SKEW_SECONDS))) {
      throw new OidcException(401, "id_token: issued more than " + MAX_AGE_SECONDS + " s ago");
    }
    String nonce = stringClaim(claims, "nonce");
    if (nonce == null
        || expectedNonce == null
        || !MessageDigest.isEqual(
            nonce.getBytes(StandardCharsets.UTF_8),
            expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      throw new OidcException(401, "id_token: nonce does not match this sign-in");
    }
    return claims;
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }
}
