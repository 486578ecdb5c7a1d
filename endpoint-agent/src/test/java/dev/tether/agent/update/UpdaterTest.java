package dev.tether.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.core.api.AgentApi;
import dev.tether.core.bundle.AgentRelease;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.bundle.ReleaseVersion;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.crypto.Digests;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-update attack suite at the agent: a real local HTTP server plays the Tether server (or
 * an attacker in its place); the agent must stage only a verified artifact, and nothing otherwise.
 */
class UpdaterTest {
  private static final String PLATFORM = "linux-amd64-deb";
  private static final String TENANT = "acme";
  private static final ReleaseVersion INSTALLED = ReleaseVersion.parse("installed", "1.4.0");

  @TempDir Path dir;
  private final Ed25519KeyPair signingKey = Ed25519KeyPair.generate();
  private TrustedRoot root;
  private HttpServer server;
  private final AtomicReference<byte[]> record = new AtomicReference<>();
  private final AtomicReference<byte[]> artifact = new AtomicReference<>();
  private final AtomicInteger artifactRequests = new AtomicInteger();
  private final byte[] good = new byte[300_000];

  @BeforeEach
  void start() throws Exception {
    Ed25519KeyPair rootKey = Ed25519KeyPair.generate();
    Instant now = Instant.now();
    root =
        RootVerifier.trust(
            List.of(
                RootSigner.sign(
                    new RootMetadata(
                        RootMetadata.FORMAT,
                        TENANT,
                        1,
                        now.minus(Duration.ofDays(1)),
                        1,
                        List.of(RootMetadata.RootKey.of(rootKey.publicKey())),
                        List.of(
                            RootMetadata.SigningKey.of(
                                signingKey.publicKey(),
                                now.minus(Duration.ofDays(1)),
                                now.plus(Duration.ofDays(30)))),
                        List.of()),
                    null,
                    List.of(rootKey))),
            TENANT,
            null);
    new Random(11).nextBytes(good);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(AgentApi.RELEASES, this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean isArtifact = exchange.getRequestURI().getPath().endsWith("/artifact");
      byte[] body = isArtifact ? artifact.get() : record.get();
      if (isArtifact) {
        artifactRequests.incrementAndGet();
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      // Chunked (length 0): the agent cannot rely on Content-Length to bound the body.
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // the client hung up (cut off): expected for oversized bodies
      }
    }
  }

  private byte[] signed(
      String version, long counter, long size, String sha256, Ed25519KeyPair key) {
    Instant now = Instant.now();
    return JsonCodec.write(
        new AgentRelease(
                AgentRelease.FORMAT,
                TENANT,
                PLATFORM,
                version,
                counter,
                "tether-agent_" + version + "_amd64.deb",
                size,
                sha256,
                "1.0.0",
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(7)))
            .sign(key));
  }

  private void publish(String version, long counter) {
    record.set(signed(version, counter, good.length, Digests.sha256(good), signingKey));
    artifact.set(good);
  }

  private Updater updater() {
    return new Updater(
        new UpdateClient(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            SecretBytes.copyOf("device-credential".getBytes(StandardCharsets.UTF_8))),
        PLATFORM,
        INSTALLED,
        new ReleaseFloor(dir.resolve("trust/release-counter-floor")),
        Clock.systemUTC(),
        null);
  }

  private Path out() {
    return dir.resolve("update");
  }

  private List<Path> staged() throws IOException {
    if (!Files.isDirectory(out())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(out())) {
      return files.toList();
    }
  }

  private Reason refusal(Class<? extends Exception> type) {
    Exception e = assertThrows(Exception.class, () -> updater().download(root, out()));
    assertInstanceOf(type, e, e.toString());
    return e instanceof BundleVerificationException b ? b.reason() : null;
  }

  @Test
  void download_verifiedRelease_stagedAtomicallyWithRecordAndFloor() throws Exception {
    publish("1.5.0", 5);

    Updater.Staged staged = updater().download(root, out()).orElseThrow();

    assertEquals(out().resolve("tether-agent_1.5.0_amd64.deb"), staged.artifact());
    assertArrayEquals(good, Files.readAllBytes(staged.artifact()));
    assertArrayEquals(record.get(), Files.readAllBytes(staged.record()));
    assertEquals(5, new ReleaseFloor(dir.resolve("trust/release-counter-floor")).read());
    assertThat(staged()).hasSize(2);
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(staged.artifact())));
  }

  @Test
  void download_tamperedArtifact_refusedAndNothingStaged() throws Exception {
    publish("1.5.0", 5);
    byte[] evil = good.clone();
    evil[1234] ^= 1;
    artifact.set(evil);

    assertEquals(Reason.DIGEST, refusal(BundleVerificationException.class));
    assertThat(staged()).isEmpty();
    assertEquals(0, new ReleaseFloor(dir.resolve("trust/release-counter-floor")).read());
  }

  @Test
  void download_artifactLongerThanSigned_cutOffAndNothingStaged() throws Exception {
    publish("1.5.0", 5);
    byte[] longer = new byte[good.length + 10_000_000];
    System.arraycopy(good, 0, longer, 0, good.length);
    artifact.set(longer);

    refusal(IOException.class);
    assertThat(staged()).isEmpty();
  }

  @Test
  void download_artifactShorterThanSigned_refusedAndNothingStaged() throws Exception {
    publish("1.5.0", 5);
    artifact.set(java.util.Arrays.copyOf(good, good.length - 1));

    assertEquals(Reason.DIGEST, refusal(BundleVerificationException.class));
    assertThat(staged()).isEmpty();
  }

  @Test
  void download_tamperedRecord_refusedBeforeAnyArtifactRequest() throws Exception {
    publish("1.5.0", 5);
    String text = new String(record.get(), StandardCharsets.UTF_8);
    // Point the signed record at attacker bytes: the payload changes, the signature no longer fits.
    String payload =
        JsonCodec.read(record.get(), dev.tether.core.bundle.SignedBundle.class).payload();
    String body = new String(java.util.Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
    String forged = body.replace(Digests.sha256(good), Digests.sha256(new byte[good.length]));
    record.set(
        text.replace(
                payload,
                java.util.Base64.getEncoder()
                    .encodeToString(forged.getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8));
    artifact.set(new byte[good.length]);

    assertEquals(Reason.SIGNATURE, refusal(BundleVerificationException.class));
    assertEquals(0, artifactRequests.get());
    assertThat(staged()).isEmpty();
  }

  @Test
  void download_signedByUndelegatedKey_refused() throws Exception {
    record.set(signed("1.5.0", 5, good.length, Digests.sha256(good), Ed25519KeyPair.generate()));
    artifact.set(good);

    assertEquals(Reason.UNKNOWN_KEY, refusal(BundleVerificationException.class));
    assertEquals(0, artifactRequests.get());
  }

  @Test
  void download_olderThanInstalled_refusedAsDowngrade() throws Exception {
    publish("1.3.9", 9);

    assertEquals(Reason.ROLLBACK, refusal(BundleVerificationException.class));
    assertEquals(0, artifactRequests.get());
    assertThat(staged()).isEmpty();
  }

  @Test
  void download_olderRecordAfterNewerStaged_refusedAsReplay() throws Exception {
    publish("1.6.0", 6);
    updater().download(root, out()).orElseThrow();
    publish("1.5.0", 5);

    assertEquals(Reason.ROLLBACK, refusal(BundleVerificationException.class));
  }

  @Test
  void check_reportsAvailableUpToDateAndNoRelease() throws Exception {
    assertInstanceOf(Updater.Check.NoRelease.class, updater().check(root));
    publish("1.4.0", 3);
    assertInstanceOf(Updater.Check.UpToDate.class, updater().check(root));
    publish("1.4.1", 4);
    Updater.Check check = updater().check(root);
    assertInstanceOf(Updater.Check.Available.class, check);
    assertEquals("1.4.1", ((Updater.Check.Available) check).release().version().toString());
    assertTrue(staged().isEmpty(), "check never downloads");
    assertEquals(0, artifactRequests.get());
  }
}
