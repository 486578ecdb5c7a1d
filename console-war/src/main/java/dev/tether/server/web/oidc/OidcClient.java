package dev.tether.server.web.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tether.server.policy.identity.AdminPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The authorization-code flow with PKCE against the configured provider: {@link #begin} builds the
 * authorization request, {@link #complete} checks the browser's state, exchanges the code (client
 * secret and PKCE verifier, server to provider), verifies the ID token ({@link IdTokenValidator})
 * and maps it to a principal ({@link ClaimMapping}).
 *
 * <p>Provider I/O is bounded: 5 s to connect, 10 s per request, 64 KiB per answer, no redirects
 * followed; discovery is cached for 10 minutes and the JWKS by Nimbus (refreshed on an unknown key
 * id, rate limited). The client secret is sent only to the token endpoint and never logged.
 */
@ApplicationScoped
public class OidcClient {
  private static final System.Logger LOG = System.getLogger(OidcClient.class.getName());
  private static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final Duration DISCOVERY_TTL = Duration.ofMinutes(10);

  @Inject OidcSettingsSource source;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private record Provider(
      OidcSettings settings, ProviderMetadata metadata, IdTokenValidator validator, Instant at) {}

  private volatile Provider provider;

  /** A started sign-in: where to send the browser, and the cookie it must carry back. */
  public record Authorization(URI redirect, String cookie) {
    @Override
    public String toString() {
      return "Authorization[" + redirect.getHost() + ", cookie masked]";
    }
  }

  /**
   * The settings, or empty when single sign-on is off.
   *
   * @throws IllegalArgumentException for an invalid settings file (names the key)
   */
  public Optional<OidcSettings> settings() {
    return source.current();
  }

  /**
   * Starts a sign-in.
   *
   * @param returnTo where the console continues afterwards (a path validated by the caller)
   * @throws OidcException 404 when single sign-on is off, 502 when the provider cannot be reached
   */
  public Authorization begin(String returnTo) throws OidcException {
    Provider p = provider();
    FlowCookie flow = FlowCookie.start(returnTo);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", p.settings().clientId());
    query.put("redirect_uri", p.settings().redirectUri().toString());
    query.put("scope", String.join(" ", p.settings().scopes()));
    query.put("state", flow.state());
    query.put("nonce", flow.nonce());
    query.put("code_challenge", flow.challenge());
    query.put("code_challenge_method", "S256");
    URI endpoint = p.metadata().authorizationEndpoint();
    String separator = endpoint.getRawQuery() == null ? "?" : "&";
    return new Authorization(URI.create(endpoint + separator + form(query)), flow.encode());
  }

  /** Result of a completed sign-in. */
  public record SignedIn(AdminPrincipal principal, String returnTo) {}

  /**
   * Completes a sign-in from the provider's redirect.
   *
   * @throws OidcException 401 (state, code or ID token refused), 403 (no role mapped), 404 (off),
   *     502 (provider failure)
   */
  public SignedIn complete(String code, String state, String cookie) throws OidcException {
    FlowCookie flow = FlowCookie.decode(cookie);
    if (state == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8),
            flow.state().getBytes(StandardCharsets.UTF_8))) {
      throw new OidcException(401, "oidc: state does not match this browser's sign-in");
    }
    if (code == null || code.isEmpty() || code.length() > 4096) {
      throw new OidcException(401, "oidc: authorization code missing");
    }
    Provider p = provider();
    String idToken = exchange(p, code, flow.verifier());
    JWTClaimsSet claims = p.validator().validate(idToken, flow.nonce());
    return new SignedIn(ClaimMapping.principal(p.settings(), claims), flow.returnTo());
  }

  private String exchange(Provider p, String code, String verifier) throws OidcException {
    OidcSettings s = p.settings();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", s.redirectUri().toString());
    body.put("code_verifier", verifier);
    byte[] secret = s.clientSecret().revealCopy();
    String basic;
    try {
      // RFC 6749 section 2.3.1: both parts form-encoded, then Basic.
      basic =
          Base64.getEncoder()
              .encodeToString(
                  (enc(s.clientId()) + ":" + enc(new String(secret, StandardCharsets.UTF_8)))
                      .getBytes(StandardCharsets.UTF_8));
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
    HttpRequest request =
        HttpRequest.newBuilder(p.metadata().tokenEndpoint())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(form(body)))
            .build();
    Map<String, Object> answer = json(request, "token endpoint");
    Object idToken = answer.get("id_token");
    if (!(idToken instanceof String token)) {
      Object error = answer.get("error");
      throw new OidcException(
          401,
          "oidc: token endpoint returned no id_token"
              + (error instanceof String e ? " (error " + bounded(e) + ")" : ""));
    }
    return token;
  }

  private Provider provider() throws OidcException {
    OidcSettings settings;
    try {
      settings =
          settings()
              .orElseThrow(() -> new OidcException(404, "oidc: single sign-on is not configured"));
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.ERROR, "oidc settings invalid: {0}", e.getMessage());
      throw new OidcException(503, "oidc: settings invalid: " + e.getMessage());
    }
    Provider current = provider;
    if (current != null
        && current.settings().equals(settings)
        && current.at().plus(DISCOVERY_TTL).isAfter(Instant.now())) {
      return current;
    }
    URI wellKnown =
        URI.create(
            settings.issuer().toString().replaceAll("/+$", "")
                + "/.well-known/openid-configuration");
    ProviderMetadata metadata =
        ProviderMetadata.from(
            json(
                HttpRequest.newBuilder(wellKnown)
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json")
                    .GET()
                    .build(),
                "discovery"),
            settings.issuer());
    JWKSource<SecurityContext> keys;
    try {
      keys =
          JWKSourceBuilder.<SecurityContext>create(
                  metadata.jwksUri().toURL(),
                  new DefaultResourceRetriever(5000, 10_000, MAX_ANSWER_BYTES))
              .build();
    } catch (java.net.MalformedURLException e) {
      throw new OidcException(502, "oidc discovery: jwks_uri is not a URL");
    }
    Provider fresh =
        new Provider(
            settings,
            metadata,
            new IdTokenValidator(keys, settings.issuer().toString(), settings.clientId()),
            Instant.now());
    provider = fresh;
    LOG.log(System.Logger.Level.INFO, "oidc provider {0} discovered", settings.issuer());
    return fresh;
  }

  private Map<String, Object> json(HttpRequest request, String what) throws OidcException {
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      }
      if (body.length > MAX_ANSWER_BYTES) {
        throw new OidcException(502, "oidc " + what + ": answer larger than " + MAX_ANSWER_BYTES);
      }
      if (response.statusCode() != 200 && response.statusCode() != 400) {
        throw new OidcException(502, "oidc " + what + ": HTTP " + response.statusCode());
      }
      Map<String, Object> parsed = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
      if (response.statusCode() == 400 && !parsed.containsKey("error")) {
        throw new OidcException(502, "oidc " + what + ": HTTP 400");
      }
      return parsed;
    } catch (IOException | java.text.ParseException e) {
      LOG.log(System.Logger.Level.INFO, "oidc {0} failed: {1}", what, e.getClass().getSimpleName());
      throw new OidcException(502, "oidc " + what + ": unreachable or not JSON", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OidcException(502, "oidc " + what + ": interrupted", e);
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String bounded(String value) {
    String v = value.replaceAll("[^A-Za-z0-9_.-]", "?");
    return v.length() > 40 ? v.substring(0, 40) : v;
  }
}
