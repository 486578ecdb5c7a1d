package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: private keys outside PEM armour: age identities (Bech32, upper case) and
 * kubeconfig {@code client-key-data} (a Base64-encoded PEM key). PEM, OpenSSH and PGP blocks are
 * {@link PrivateKeyDetector}'s.
 */
final class KeyMaterialDetectors {
  static final String FAMILY = DetectorFamilies.PRIVATE_KEYS;

  private KeyMaterialDetectors() {}

  static List<Detector> all() {
    return List.of(
        Defs.token(
            "age-secret-key",
            "private-key",
            FAMILY,
            Severity.CRITICAL,
            0.99,
            Set.of("age-secret-key-1"),
            "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
        // Base64 of "-----BEGIN" is "LS0tLS1CRUdJTi"; the key must decode to a private key.
        Defs.anchored(
            "kubeconfig-client-key",
            "private-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("client-key-data"),
            0,
            ("client-key-data\"?\\s{0,4}:\\s{0,4}\"?(LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,10000}+"
                + "={0,2})"),
            v -> Values.base64Text(v).map(s -> s.contains("PRIVATE KEY-----")).orElse(false)));
  }
}
