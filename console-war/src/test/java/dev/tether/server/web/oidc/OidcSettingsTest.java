package dev.tether.server.web.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.crypto.SecretBytes;
import dev.tether.server.policy.identity.Role;
import dev.tether.server.policy.identity.RoleGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OidcSettingsTest {
  private static Properties base() {
    Properties p = new Properties();
    p.setProperty("issuer", "https://idp.example.com/realms/acme");
    p.setProperty("client-id", "tether");
    p.setProperty("redirect-uri", "https://tether.example.com/tether/api/v1/auth/oidc/callback");
    p.setProperty("role.tether-admins", "SUPER_ADMIN@*");
    p.setProperty("role.acme-authors", "POLICY_AUTHOR@acme, AUDITOR@acme");
    return p;
  }

  private static OidcSettings parse(Properties p) {
    return OidcSettings.parse(
        p,
        f -> SecretBytes.copyOf("from-file".getBytes(StandardCharsets.UTF_8)),
        Map.of(OidcSettings.SECRET_ENV, "s3cr3t-value")::get);
  }

  @Test
  void parse_valid_defaultsAndMappings_secretMasked() {
    OidcSettings s = parse(base());
    assertEquals(List.of("openid", "profile", "email"), s.scopes());
    assertEquals("preferred_username", s.usernameClaim());
    assertEquals(
        List.of(new RoleGrant(Role.POLICY_AUTHOR, "acme"), new RoleGrant(Role.AUDITOR, "acme")),
        s.roleMappings().get("acme-authors"));
    assertFalse(s.toString().contains("s3cr3t"), s.toString());
    assertEquals("s3cr3t-value", new String(s.clientSecret().revealCopy(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
    "issuer, http://idp.example.com, 'oidc.issuer: expected https'",
    "issuer, not a url, 'oidc.issuer: not a URL'",
    "redirect-uri, https://x.example.com/cb?next=evil, 'oidc.redirect-uri: expected an absolute URL without query'",
    "scopes, profile email, 'oidc.scopes: must contain openid'",
    "role.x, ADMIN@acme, 'oidc.role.x:'",
    "role.y, SUPER_ADMIN@acme, 'oidc.role.y:'",
    "unknown-key, 1, 'oidc.unknown-key: unknown key'",
    "roles-claim, 'groups; drop', 'oidc.roles-claim: expected a claim name'",
  })
  void parse_invalid_namesTheKey(String key, String value, String message) {
    Properties p = base();
    p.setProperty(key, value);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(p));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_loopbackHttpIssuer_allowedForALocalProvider() {
    Properties p = base();
    p.setProperty("issuer", "http://127.0.0.1:8081/default");
    assertEquals("127.0.0.1", parse(p).issuer().getHost());
  }

  @Test
  void parse_noSecretAnywhere_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OidcSettings.parse(base(), f -> null, name -> null));
    assertTrue(e.getMessage().contains("client-secret"), e.getMessage());
  }

  @Test
  void parse_noRoleMapping_refused() {
    Properties p = base();
    p.remove("role.tether-admins");
    p.remove("role.acme-authors");
    assertThrows(IllegalArgumentException.class, () -> parse(p));
  }

  @Test
  void secretFile_readableByOthers_refused(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("oidc-secret");
    Files.writeString(secret, "abc\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OidcSettingsSource.secretFile(dir.resolve("oidc.properties"), "oidc-secret"));
    assertTrue(e.getMessage().contains("owner only"), e.getMessage());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    assertEquals(
        "abc",
        new String(
            OidcSettingsSource.secretFile(dir.resolve("oidc.properties"), "oidc-secret")
                .revealCopy(),
            StandardCharsets.UTF_8));
  }
}
