package dev.tether.core.bundle;

import dev.tether.core.crypto.Ed25519KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's keys for tests: three root keys with threshold two, and delegated signing keys. Builds
 * and signs root versions the way the server does.
 */
final class TestTrust {
  static final String TENANT = "acme";
  static final Instant KEY_FROM = BundleFixtures.NOW.minus(Duration.ofDays(30));
  static final Instant KEY_UNTIL = BundleFixtures.NOW.plus(Duration.ofDays(60));

  final List<Ed25519KeyPair> rootKeys = List.of(generate(), generate(), generate());
  final Ed25519KeyPair signingKey = Ed25519KeyPair.generate();

  private static Ed25519KeyPair generate() {
    return Ed25519KeyPair.generate();
  }

  static RootMetadata metadata(
      long version,
      List<Ed25519KeyPair> rootKeys,
      int threshold,
      List<RootMetadata.SigningKey> signingKeys,
      List<String> revoked) {
    List<RootMetadata.RootKey> keys = new ArrayList<>();
    rootKeys.forEach(k -> keys.add(RootMetadata.RootKey.of(k.publicKey())));
    return new RootMetadata(
        RootMetadata.FORMAT,
        TENANT,
        version,
        BundleFixtures.NOW.minus(Duration.ofDays(1)),
        threshold,
        keys,
        signingKeys,
        revoked);
  }

  static RootMetadata.SigningKey delegate(Ed25519KeyPair key, Instant from, Instant until) {
    return RootMetadata.SigningKey.of(key.publicKey(), from, until);
  }

  RootMetadata rootV1() {
    return metadata(1, rootKeys, 2, List.of(delegate(signingKey, KEY_FROM, KEY_UNTIL)), List.of());
  }

  SignedBundle signedV1() {
    return RootSigner.sign(rootV1(), null, rootKeys.subList(0, 2));
  }

  TrustedRoot trusted() throws BundleVerificationException {
    return RootVerifier.trust(List.of(signedV1()), TENANT, null);
  }

  /** Root version 2 (same root keys) with these signing keys and revocations. */
  TrustedRoot trustedV2(List<RootMetadata.SigningKey> signingKeys, List<String> revoked)
      throws BundleVerificationException {
    RootMetadata v2 = metadata(2, rootKeys, 2, signingKeys, revoked);
    return RootVerifier.update(
        trusted(), List.of(RootSigner.sign(v2, rootV1(), rootKeys.subList(1, 3))));
  }
}
