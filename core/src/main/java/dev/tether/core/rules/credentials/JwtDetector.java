package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.Set;

/**
 * Signed JSON Web Tokens: three Base64url parts whose header decodes to a JSON object with an
 * {@code alg} and whose payload decodes to a JSON object. Unsigned tokens ({@code alg: none}, empty
 * signature) grant nothing and are skipped, as is the jwt.io documentation example.
 */
final class JwtDetector {
  static final String ID = "jwt";

  private JwtDetector() {}

  static Detector create() {
    return Defs.anchored(
        ID,
        "jwt",
        DetectorFamilies.GENERIC_SECRETS,
        Severity.HIGH,
        0.95,
        Set.of("eyj"),
        0,
        "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,2000}+\\.[A-Za-z0-9_-]{10,8000}+"
            + "\\.[A-Za-z0-9_-]{16,2000}+)(?![A-Za-z0-9_.-])",
        JwtDetector::isJwt);
  }

  static boolean isJwt(String token) {
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    String header = Values.base64Text(token.substring(0, first)).orElse("");
    String payload = Values.base64Text(token.substring(first + 1, second)).orElse("");
    String compactHeader = header.replace(" ", "");
    return compactHeader.startsWith("{")
        && compactHeader.contains("\"alg\":")
        && !compactHeader.contains("\"alg\":\"none\"")
        && payload.trim().startsWith("{")
        && !isDocumentationExample(payload)
        && Values.plausible(token.substring(second + 1));
  }

  /** The payload of the token printed on jwt.io and copied into countless tutorials. */
  private static boolean isDocumentationExample(String payload) {
    String compact = payload.replace(" ", "");
    return compact.contains("\"sub\":\"1234567890\"") && compact.contains("\"name\":\"John");
  }
}
