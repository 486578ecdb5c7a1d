package dev.tether.agent.mdm;

import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.enroll.TrustPin;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one model every MDM artifact is rendered from.
 *
 * @param server server base URL, {@code https://} (or {@code http://} on a loopback host only);
 *     printable ASCII without quotes, whitespace or backslashes, so it is safe on an msiexec
 *     command line
 * @param token the enrollment token (masked in {@link #toString()})
 * @param rootFingerprint the tenant root fingerprint the device pins ({@code sha256:<hex>}); must
 *     match {@code trustRoot} when both are given
 * @param trustRoot the tenant's signed root envelope, or {@code null} (the fingerprint alone pins)
 * @param trustCa the enterprise Tether trust anchor certificate (CA:true) to install into the OS
 *     trust stores, or {@code null}
 * @param organization shown in the macOS profile and the Intune app
 * @param identifier reverse-DNS prefix of the profile's payload identifiers, e.g. {@code
 *     com.example.tether}
 */
public record MdmProfile(
    String server,
    SecretBytes token,
    String rootFingerprint,
    SignedBundle trustRoot,
    X509Certificate trustCa,
    String organization,
    String identifier) {
  /** The macOS managed-preferences domain the agent reads its enrollment settings from. */
  public static final String PREFERENCE_DOMAIN = "dev.tether.agent";

  /** Default payload identifier prefix. */
  public static final String DEFAULT_IDENTIFIER = "dev.tether.enrollment";

  private static final Pattern SAFE_URL =
      Pattern.compile("[!#%&()*+,\\-./0-9:;=?@A-Z\\[\\]_a-z~$']+");
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}(\\.[A-Za-z0-9][A-Za-z0-9-]{0,62}){1,7}");
  private static final int MAX_TOKEN_BYTES = 200;

  public MdmProfile {
    server = requireServer(server);
    Objects.requireNonNull(token, "token: required (--token-file or $TETHER_ENROLL_TOKEN)");
    if (token.length() > MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "token: expected at most " + MAX_TOKEN_BYTES + " bytes, got " + token.length());
    }
    for (byte b : token.revealCopy()) {
      if (b < 0x21 || b > 0x7e) {
        // Printable ASCII only: tokens are ASCII, and XML 1.0 cannot carry control characters.
        throw new IllegalArgumentException(
            "token: expected printable ASCII without spaces (check the token file)");
      }
    }
    if (rootFingerprint == null && trustRoot == null) {
      throw new IllegalArgumentException(
          "root-fingerprint: required (or --trust-root): an MDM-installed agent must pin the"
              + " tenant root, never trust it on first use");
    }
    TrustPin pin = new TrustPin(trustRoot, rootFingerprint);
    if (trustRoot != null) {
      String actual = TrustPin.fingerprintOf(trustRoot);
      if (rootFingerprint != null && !rootFingerprint.equals(actual)) {
        throw new IllegalArgumentException(
            "root-fingerprint: does not match --trust-root (want "
                + actual
                + ", got "
                + rootFingerprint
                + ")");
      }
      rootFingerprint = actual;
    }
    Objects.requireNonNull(pin, "pin");
    if (trustCa != null && trustCa.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "ca: expected a CA certificate (basicConstraints CA:true), got "
              + trustCa.getSubjectX500Principal().getName());
    }
    organization = organization == null || organization.isBlank() ? "Tether" : organization;
    if (organization.length() > 100 || organization.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("organization: expected 1-100 printable characters");
    }
    identifier = identifier == null ? DEFAULT_IDENTIFIER : identifier;
    if (!IDENTIFIER.matcher(identifier).matches()) {
      throw new IllegalArgumentException(
          "identifier: expected reverse-DNS like com.example.tether, got \"" + identifier + "\"");
    }
  }

  private static String requireServer(String server) {
    if (server == null || !SAFE_URL.matcher(server).matches() || server.length() > 2000) {
      throw new IllegalArgumentException(
          "server: expected an https URL of printable ASCII without quotes, spaces or"
              + " backslashes, got \""
              + (server == null ? null : server.replaceAll("[^\\x20-\\x7e]", "?"))
              + "\"");
    }
    URI uri;
    try {
      uri = URI.create(server);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("server: expected a URL, got \"" + server + "\"", e);
    }
    String host = uri.getHost();
    boolean loopback =
        host != null
            && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    if (host == null
        || uri.getUserInfo() != null
        || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
      throw new IllegalArgumentException(
          "server: expected https://host/... (http only for a loopback host), got \""
              + server
              + "\"");
    }
    return server.replaceAll("/+$", "");
  }

  /** The token as text, for the renderers only. Every caller handles secret material. */
  String revealToken() {
    return new String(token.revealCopy(), StandardCharsets.UTF_8);
  }

  /** The Linux/Windows enrollment profile ({@code enroll --config}) as canonical JSON bytes. */
  public byte[] enrollmentJson() {
    return JsonCodec.write(new EnrollProfile(server, revealToken(), rootFingerprint, trustRoot));
  }

  /** The trust anchor's DER encoding, or {@code null}. */
  byte[] trustCaDer() {
    if (trustCa == null) {
      return null;
    }
    try {
      return trustCa.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("ca: cannot encode: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MdmProfile[server="
        + server
        + ", token=masked, rootFingerprint="
        + rootFingerprint
        + ", trustCa="
        + (trustCa == null ? null : trustCa.getSubjectX500Principal().getName())
        + ", identifier="
        + identifier
        + "]";
  }
}
