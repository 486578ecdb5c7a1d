package dev.tether.core.bench;

import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.ServerTime;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.core.crypto.Digests;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.Dictionary;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.KnownAiDestinations;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ProtectedCode;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.TradeSecrets;
import dev.tether.core.rules.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the policy trust chain on the device: full verification of a downloaded bundle ({@code
 * verifyUpdate}: parse, Ed25519, policy validation, canonical re-encoding + SHA-256 of the
 * content), a rotation step of the root chain (two thresholds of 2), a signed server time, and the
 * per-request integrity check the agent does before each decision (comparing the digest sealed at
 * verification with the policy in force), next to the alternative of re-hashing the policy content
 * per request. Policies: {@code minimal} (a few lines) and {@code realistic} (the AI catalogue, 60
 * blocked hosts, modes for every detector family, trade-secret markers, domains, a 300-word
 * dictionary, 5 custom rules and 20,000 protected-code fingerprints).
 *
 * <p>{@code java -cp benchmarks.jar dev.tether.core.bench.TrustBenchmark} prints the bundle sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TrustBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final PolicyScope SCOPE = new PolicyScope("acme", "engineering", "device-1");

  @Param({"minimal", "realistic"})
  public String policy;

  private byte[] envelope;
  private TrustedRoot root;
  private BundleVerifier verifier;
  private VerifiedBundle verified;
  private String sealedDigest;
  private List<SignedBundle> rotation;
  private SignedBundle serverTime;

  @Setup
  public void setUp() throws Exception {
    Fixture fixture = new Fixture(document(policy));
    envelope = fixture.envelope;
    root = fixture.root;
    rotation = fixture.rotation;
    serverTime = fixture.serverTime;
    verifier = BundleVerifier.create(SCOPE, Clock.fixed(NOW, ZoneOffset.UTC));
    verified = verifier.verifyUpdate(envelope, root, 0, null);
    sealedDigest = new String(verified.envelopeDigest().toCharArray());
  }

  /** Everything a device does with a downloaded bundle before it may use it. */
  @Benchmark
  public VerifiedBundle verifyUpdate() throws BundleVerificationException {
    return verifier.verifyUpdate(envelope, root, 0, null);
  }

  /** One root rotation step N to N+1 (2-of-3 old signatures, 2-of-2 new). */
  @Benchmark
  public TrustedRoot rootRotationStep() throws BundleVerificationException {
    return RootVerifier.update(root, rotation);
  }

  /** A heartbeat's signed server time (the clock floor). */
  @Benchmark
  public Instant serverTime() throws BundleVerificationException {
    return ServerTime.verify(serverTime, root);
  }

  /** Per request: the policy in force is still the verified one (sealed digest comparison). */
  @Benchmark
  public boolean perRequestDigestCompare() {
    return verified.envelopeDigest().equals(sealedDigest);
  }

  /** The alternative per-request check: re-encode and re-hash the policy content. */
  @Benchmark
  public boolean perRequestContentRehash() {
    return Digests.sha256(JsonCodec.write(verified.policy())).equals(verified.contentDigest());
  }

  /** Prints the envelope size and the canonical policy size of each policy kind. */
  public static void main(String[] args) throws Exception {
    for (String kind : List.of("minimal", "realistic")) {
      Fixture fixture = new Fixture(document(kind));
      VerifiedBundle bundle =
          BundleVerifier.create(SCOPE, Clock.fixed(NOW, ZoneOffset.UTC))
              .verifyUpdate(fixture.envelope, fixture.root, 0, null);
      System.out.printf(
          "%-10s envelope %,d bytes, policy %,d bytes, root %,d bytes%n",
          kind,
          fixture.envelope.length,
          bundle.payload().contentSize(),
          JsonCodec.write(fixture.root.envelope()).length);
    }
  }

  /** A 2-of-3 root delegating one signing key, a signed bundle, a rotation to 2-of-2. */
  private static final class Fixture {
    final byte[] envelope;
    final TrustedRoot root;
    final List<SignedBundle> rotation;
    final SignedBundle serverTime;

    Fixture(PolicyDocument document) throws BundleVerificationException {
      List<Ed25519KeyPair> rootKeys =
          List.of(Ed25519KeyPair.generate(), Ed25519KeyPair.generate(), Ed25519KeyPair.generate());
      Ed25519KeyPair signing = Ed25519KeyPair.generate();
      RootMetadata.SigningKey delegation =
          RootMetadata.SigningKey.of(
              signing.publicKey(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));
      RootMetadata v1 = root(1, rootKeys, delegation);
      root = RootVerifier.trust(List.of(RootSigner.sign(v1, null, rootKeys)), "acme", null);
      List<Ed25519KeyPair> newKeys = List.of(Ed25519KeyPair.generate(), Ed25519KeyPair.generate());
      List<Ed25519KeyPair> signers = new ArrayList<>(rootKeys.subList(0, 2));
      signers.addAll(newKeys);
      rotation = List.of(RootSigner.sign(root(2, newKeys, delegation), v1, signers));
      envelope =
          BundleSigner.create(signing)
              .sign(
                  BundlePayload.create(
                      new PolicyScope("acme", "engineering"),
                      7,
                      NOW.minus(Duration.ofMinutes(1)),
                      NOW.plus(Duration.ofDays(7)),
                      document));
      serverTime = ServerTime.sign(signing, "acme", NOW);
    }

    private static RootMetadata root(
        long version, List<Ed25519KeyPair> keys, RootMetadata.SigningKey delegation) {
      return new RootMetadata(
          RootMetadata.FORMAT,
          "acme",
          version,
          NOW.minus(Duration.ofDays(1)),
          2,
          keys.stream().map(k -> RootMetadata.RootKey.of(k.publicKey())).toList(),
          List.of(delegation),
          List.of());
    }
  }

  static PolicyDocument document(String kind) {
    if (kind.equals("minimal")) {
      return new PolicyDocument(
          "Engineering default",
          List.of(new AiDestination("api.openai.com", Provider.OPENAI)),
          List.of("api.deepseek.com"),
          Map.of(DetectorFamilies.CLOUD_CREDENTIALS, ResponseMode.BLOCK),
          ResponseMode.ALLOW,
          "P7D");
    }
    Random random = new Random(42);
    List<String> blocked = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      blocked.add("blocked-ai-" + i + ".example.com");
    }
    Map<String, ResponseMode> modes = new LinkedHashMap<>();
    for (String family :
        List.of(
            DetectorFamilies.CLOUD_CREDENTIALS,
            DetectorFamilies.PRIVATE_KEYS,
            DetectorFamilies.SOURCE_CONTROL_CREDENTIALS,
            DetectorFamilies.AI_PROVIDER_CREDENTIALS,
            DetectorFamilies.PAYMENT_CREDENTIALS,
            DetectorFamilies.MESSAGING_CREDENTIALS,
            DetectorFamilies.PACKAGE_REGISTRY_CREDENTIALS)) {
      modes.put(family, ResponseMode.BLOCK);
    }
    List<String> markers = new ArrayList<>();
    List<String> domains = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      markers.add("ACME CONFIDENTIAL " + i);
      domains.add("svc" + i + ".corp.acme.example");
    }
    for (int i = 0; i < 300; i++) {
      words.add("project" + Integer.toString(random.nextInt(1 << 20), 36));
    }
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      fingerprints.add(HexFormat.of().toHexDigits(random.nextLong()));
    }
    List<CustomRule> rules = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rules.add(
          new CustomRule(
              "internal-ticket-" + i,
              "internal ticket ids",
              "\\bACME" + i + "-[0-9]{4,8}\\b",
              Severity.MEDIUM,
              List.of("acme" + i)));
    }
    TradeSecrets secrets =
        new TradeSecrets(
            markers,
            domains,
            List.of("com.acme.", "dev.acme."),
            List.of("bluebird", "nightjar", "kestrel"),
            List.of(new Dictionary("projects", words)),
            List.of(new ProtectedCode("monorepo", "", fingerprints, null, null)),
            rules);
    return new PolicyDocument(
        "Engineering (realistic)",
        KnownAiDestinations.CATALOGUE,
        blocked,
        modes,
        ResponseMode.ALLOW,
        "P7D",
        secrets);
  }
}
