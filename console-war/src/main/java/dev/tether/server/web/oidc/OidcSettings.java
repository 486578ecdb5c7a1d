package dev.tether.server.web.oidc;

import dev.tether.core.crypto.SecretBytes;
import dev.tether.server.policy.identity.RoleGrant;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * One deployment's OpenID Connect client settings, read from {@code oidc.properties} in the data
 * directory (see {@link OidcSettingsSource}). Keys:
 *
 * <table>
 *   <caption>oidc.properties</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code issuer}</td><td>required</td><td>the provider's issuer URL, exactly as in its
 *       ID tokens; {@code https} (plain {@code http} only for a loopback provider)</td></tr>
 *   <tr><td>{@code client-id}</td><td>required</td><td>this application's client id</td></tr>
 *   <tr><td>{@code client-secret-file}</td><td>none</td><td>file holding the client secret
 *       (owner-only permissions); else environment {@code TETHER_OIDC_CLIENT_SECRET}</td></tr>
 *   <tr><td>{@code redirect-uri}</td><td>required</td><td>{@code <base>/api/v1/auth/oidc/callback}
 *       as registered with the provider</td></tr>
 *   <tr><td>{@code scopes}</td><td>{@code openid profile email}</td><td>space separated; must
 *       contain {@code openid}</td></tr>
 *   <tr><td>{@code username-claim}</td><td>{@code preferred_username}</td><td>claim naming the
 *       user ({@code sub} when absent); the principal is {@code oidc:<value>}</td></tr>
 *   <tr><td>{@code roles-claim}</td><td>{@code groups}</td><td>claim (string or array of strings)
 *       whose values are mapped to roles</td></tr>
 *   <tr><td>{@code role.<value>}</td><td>none</td><td>grants for users whose roles claim contains
 *       {@code <value>}: comma-separated {@code ROLE@tenant} ({@code *} for every tenant), e.g.
 *       {@code role.tether-acme-authors=POLICY_AUTHOR@acme,AUDITOR@acme}</td></tr>
 *   <tr><td>{@code button-label}</td><td>{@code Sign in with SSO}</td><td>shown by the console</td></tr>
 * </table>
 *
 * @param clientSecret masked in {@link #toString()}; read with {@link SecretBytes#revealCopy()}
 */
public record OidcSettings(
    URI issuer,
    String clientId,
    SecretBytes clientSecret,
    URI redirectUri,
    List<String> scopes,
    String usernameClaim,
    String rolesClaim,
    Map<String, List<RoleGrant>> roleMappings,
    String buttonLabel) {
  /** Environment variable read when no {@code client-secret-file} is configured. */
  public static final String SECRET_ENV = "TETHER_OIDC_CLIENT_SECRET";

  static final String DEFAULT_SCOPES = "openid profile email";
  static final String DEFAULT_USERNAME_CLAIM = "preferred_username";
  static final String DEFAULT_ROLES_CLAIM = "groups";
  static final String DEFAULT_BUTTON_LABEL = "Sign in with SSO";
  private static final int MAX_MAPPINGS = 256;
  private static final Set<String> KEYS =
      Set.of(
          "issuer",
          "client-id",
          "client-secret-file",
          "redirect-uri",
          "scopes",
          "username-claim",
          "roles-claim",
          "button-label");

  public OidcSettings {
    Objects.requireNonNull(issuer, "oidc.issuer: required");
    Objects.requireNonNull(redirectUri, "oidc.redirect-uri: required");
    Objects.requireNonNull(clientSecret, "oidc.client-secret: required");
    scopes = List.copyOf(scopes);
    roleMappings = Map.copyOf(roleMappings);
  }

  /**
   * Parses and validates the properties; {@code secretFile} reads the secret file named by {@code
   * client-secret-file}, {@code env} reads environment variables.
   *
   * @throws IllegalArgumentException naming the key and the value (never the secret)
   */
  public static OidcSettings parse(
      Properties p, Function<String, SecretBytes> secretFile, Function<String, String> env) {
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key) && !key.startsWith("role.")) {
        throw new IllegalArgumentException("oidc." + key + ": unknown key");
      }
    }
    URI issuer = url("issuer", required(p, "issuer"));
    URI redirect = url("redirect-uri", required(p, "redirect-uri"));
    String clientId = required(p, "client-id");
    if (clientId.length() > 255) {
      throw new IllegalArgumentException("oidc.client-id: longer than 255 characters");
    }
    SecretBytes secret;
    String file = p.getProperty("client-secret-file");
    if (file != null && !file.isBlank()) {
      secret = secretFile.apply(file.trim());
    } else {
      String fromEnv = env.apply(SECRET_ENV);
      if (fromEnv == null || fromEnv.isBlank()) {
        throw new IllegalArgumentException(
            "oidc.client-secret-file: required (or environment " + SECRET_ENV + ")");
      }
      secret =
          SecretBytes.copyOf(fromEnv.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (secret.length() == 0 || secret.length() > 1024) {
      throw new IllegalArgumentException("oidc.client-secret: expected 1 to 1024 bytes");
    }
    List<String> scopes = List.of(p.getProperty("scopes", DEFAULT_SCOPES).trim().split("\\s+"));
    if (!scopes.contains("openid")) {
      throw new IllegalArgumentException(
          "oidc.scopes: must contain openid, got \"" + String.join(" ", scopes) + "\"");
    }
    Map<String, List<RoleGrant>> mappings = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith("role.")) {
        continue;
      }
      String value = key.substring("role.".length());
      if (value.isEmpty() || value.length() > 200) {
        throw new IllegalArgumentException("oidc." + key + ": expected a claim value after role.");
      }
      List<RoleGrant> grants = new ArrayList<>();
      for (String encoded : p.getProperty(key).split(",")) {
        try {
          grants.add(RoleGrant.decode(encoded.trim()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("oidc." + key + ": " + e.getMessage(), e);
        }
      }
      mappings.put(value, List.copyOf(grants));
    }
    if (mappings.size() > MAX_MAPPINGS) {
      throw new IllegalArgumentException("oidc.role.*: at most " + MAX_MAPPINGS + " mappings");
    }
    if (mappings.isEmpty()) {
      throw new IllegalArgumentException(
          "oidc.role.*: no role mapping; without one no single sign-on user could get a role");
    }
    return new OidcSettings(
        issuer,
        clientId,
        secret,
        redirect,
        scopes,
        claim("username-claim", p.getProperty("username-claim", DEFAULT_USERNAME_CLAIM)),
        claim("roles-claim", p.getProperty("roles-claim", DEFAULT_ROLES_CLAIM)),
        mappings,
        p.getProperty("button-label", DEFAULT_BUTTON_LABEL).strip());
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("oidc." + key + ": required");
    }
    return value.trim();
  }

  private static String claim(String key, String value) {
    String v = value.trim();
    if (!v.matches("[A-Za-z0-9_:.\\-/]{1,100}")) {
      throw new IllegalArgumentException(
          "oidc." + key + ": expected a claim name, got \"" + v + "\"");
    }
    return v;
  }

  /** An absolute https URL, or http to a loopback host (a provider on this machine). */
  static URI url(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("oidc." + key + ": not a URL: \"" + value + "\"");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "oidc." + key + ": expected an absolute URL without query, got \"" + value + "\"");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
      throw new IllegalArgumentException(
          "oidc."
              + key
              + ": expected https (http only for a loopback host), got \""
              + value
              + "\"");
    }
    return uri;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }

  @Override
  public String toString() {
    return "OidcSettings[issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", clientSecret=masked, redirectUri="
        + redirectUri
        + ", scopes="
        + scopes
        + ", usernameClaim="
        + usernameClaim
        + ", rolesClaim="
        + rolesClaim
        + ", roleMappings="
        + roleMappings.keySet()
        + "]";
  }
}
