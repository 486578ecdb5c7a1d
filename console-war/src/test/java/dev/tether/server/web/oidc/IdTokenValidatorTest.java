package dev.tether.server.web.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ID token checks, each attack refused with a message naming the check. */
class IdTokenValidatorTest {
  private static final String ISSUER = "https://idp.example.com/tenant";
  private static final String CLIENT = "tether-console";
  private static final String NONCE = "n-0S6_WzA2Mj";
  private static RSAKey key;
  private static RSAKey otherKey;
  private static IdTokenValidator validator;

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    validator =
        new IdTokenValidator(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), ISSUER, CLIENT);
  }

  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("248289761001")
        .audience(CLIENT)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("nonce", NONCE)
        .claim("preferred_username", "alice");
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  private static OidcException refused(String token) {
    return assertThrows(OidcException.class, () -> validator.validate(token, NONCE));
  }

  private static OidcException refused(UnaryOperator<JWTClaimsSet.Builder> change)
      throws Exception {
    return refused(sign(key, change.apply(claims()).build()));
  }

  @Test
  void validate_goodToken_returnsClaims() throws Exception {
    JWTClaimsSet claims = validator.validate(sign(key, claims().build()), NONCE);
    assertEquals("alice", claims.getStringClaim("preferred_username"));
  }

  @Test
  void validate_signedByAnotherKeyWithTheSameKid_refused() throws Exception {
    assertEquals(401, refused(sign(otherKey, claims().build())).status());
  }

  @Test
  void validate_algNone_refused() {
    assertEquals(401, refused(new PlainJWT(claims().build()).serialize()).status());
  }

  @Test
  void validate_hmacWithThePublicKeyAsSecret_refused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    jwt.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
    assertEquals(401, refused(jwt.serialize()).status());
  }

  @Test
  void validate_otherIssuer_refused() throws Exception {
    assertTrue(refused(b -> b.issuer("https://evil.example.com")).getMessage().contains("iss"));
  }

  @Test
  void validate_tokenForAnotherClient_refused() throws Exception {
    refused(b -> b.audience("someone-else"));
  }

  @Test
  void validate_severalAudiencesWithoutAzp_refused() throws Exception {
    assertTrue(refused(b -> b.audience(List.of(CLIENT, "other"))).getMessage().contains("azp"));
  }

  @Test
  void validate_severalAudiencesWithAzpThisClient_accepted() throws Exception {
    validator.validate(
        sign(key, claims().audience(List.of(CLIENT, "other")).claim("azp", CLIENT).build()), NONCE);
  }

  @Test
  void validate_expired_refused() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    refused(b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))));
  }

  @Test
  void validate_issuedLongAgoStillUnexpired_refused() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    assertTrue(
        refused(b -> b.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(7200))))
            .getMessage()
            .contains("issued more than"));
  }

  @Test
  void validate_nonceOfAnotherSignIn_refused() throws Exception {
    assertTrue(refused(b -> b.claim("nonce", "replayed")).getMessage().contains("nonce"));
  }

  @Test
  void validate_noNonce_refused() throws Exception {
    refused(b -> b.claim("nonce", null));
  }

  @Test
  void validate_noSubject_refused() throws Exception {
    refused(b -> b.subject(null));
  }

  @Test
  void validate_tamperedPayload_refused() throws Exception {
    String[] parts = sign(key, claims().build()).split("\\.");
    String forged =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims().claim("groups", List.of("tether-admins")).build().toString().getBytes());
    assertEquals(401, refused(parts[0] + "." + forged + "." + parts[2]).status());
  }
}
