package dev.tether.agent;

import dev.tether.agent.config.StateDir;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.policy.PolicyManager;
import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Signs test bundles with a test key and verifies them through the real policy code path. */
public final class TestPolicies {
  public static final String TENANT = "acme";
  public static final String GROUP = "developers";
  public static final Ed25519KeyPair SIGNING_KEY = Ed25519KeyPair.generate();
  public static final Ed25519KeyPair ROOT_KEY = Ed25519KeyPair.generate();

  /** Root version 1: one root key (threshold 1) delegating to {@link #SIGNING_KEY}. */
  public static final SignedBundle ROOT =
      RootSigner.sign(
          new RootMetadata(
              RootMetadata.FORMAT,
              TENANT,
              1,
              Instant.now(),
              1,
              List.of(RootMetadata.RootKey.of(ROOT_KEY.publicKey())),
              List.of(
                  RootMetadata.SigningKey.of(
                      SIGNING_KEY.publicKey(),
                      Instant.now().minus(Duration.ofDays(30)),
                      Instant.now().plus(Duration.ofDays(365)))),
              List.of()),
          null,
          List.of(ROOT_KEY));

  /** {@link #ROOT}, verified: what an enrolled device holds. */
  public static final TrustedRoot TRUST_ROOT = trustedRoot();

  public static final PolicyScope SCOPE = new PolicyScope(TENANT, GROUP);

  private TestPolicies() {}

  /** A policy treating {@code localhost} as an OpenAI endpoint; credentials blocked. */
  public static PolicyDocument document(List<String> blockedHosts) {
    return new PolicyDocument(
        "Test policy",
        List.of(new AiDestination("localhost", Provider.OPENAI)),
        blockedHosts,
        Map.of("cloud-credentials", ResponseMode.BLOCK, "private-keys", ResponseMode.BLOCK),
        ResponseMode.ALLOW,
        "P1D");
  }

  public static byte[] sign(
      PolicyDocument document, long version, Instant issuedAt, Duration lifetime) {
    return BundleSigner.create(SIGNING_KEY)
        .sign(BundlePayload.create(SCOPE, version, issuedAt, issuedAt.plus(lifetime), document));
  }

  public static PolicyManager manager(Path stateDir, Clock clock) {
    return new PolicyManager(new StateDir(stateDir), TRUST_ROOT, SCOPE, clock, null);
  }

  /** An active policy, verified through {@link PolicyManager#accept}. */
  public static ActivePolicy active(Path stateDir, PolicyDocument document) throws Exception {
    PolicyManager manager = manager(stateDir, Clock.systemUTC());
    return manager.accept(sign(document, 1, Instant.now(), Duration.ofDays(1)), "\"v1\"");
  }

  /** {@link #ROOT}, verified. */
  public static TrustedRoot trustedRoot() {
    try {
      return RootVerifier.trust(List.of(ROOT), TENANT, null);
    } catch (dev.tether.core.bundle.BundleVerificationException e) {
      throw new IllegalStateException(e);
    }
  }
}
