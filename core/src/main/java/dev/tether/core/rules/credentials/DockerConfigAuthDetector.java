package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * Docker {@code config.json} registry credentials: {@code "auth": "<base64 of user:password>"}. The
 * value must decode to printable {@code user:password} with a plausible password, so empty or
 * templated entries do not fire.
 */
final class DockerConfigAuthDetector {
  static final String ID = "docker-config-auth";

  private DockerConfigAuthDetector() {}

  static Detector create() {
    return Defs.anchored(
        ID,
        "docker-auth",
        DetectorFamilies.PACKAGE_REGISTRY_CREDENTIALS,
        Severity.CRITICAL,
        0.95,
        Set.of("\"auth\""),
        0,
        "\"auth\"\\s{0,8}:\\s{0,8}\"([A-Za-z0-9+/]{8,1024}+={0,2})\"",
        DockerConfigAuthDetector::isUserPassword);
  }

  /** True if {@code base64} decodes to {@code user:password} with a plausible password. */
  static boolean isUserPassword(String base64) {
    Optional<String> decoded = Values.base64Text(base64);
    if (decoded.isEmpty()) {
      return false;
    }
    String s = decoded.get();
    int colon = s.indexOf(':');
    return colon > 0
        && colon < s.length() - 1
        && Values.plausiblePassword(s.substring(colon + 1))
        && !Values.isReference(s.substring(0, colon));
  }
}
