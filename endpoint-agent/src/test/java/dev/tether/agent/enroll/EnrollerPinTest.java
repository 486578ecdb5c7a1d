package dev.tether.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment checks the server's trust root against the installer's pin before storing anything.
 */
class EnrollerPinTest {
  @TempDir Path dir;
  HttpServer server;
  List<SignedBundle> presented = List.of(TestPolicies.ROOT);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/agent/enroll",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] body =
              JsonCodec.write(
                  new EnrollResponse(
                      "device-1", "cred", TestPolicies.TENANT, TestPolicies.GROUP, presented));
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  EnrollConfig config(TrustPin pin) {
    return new EnrollConfig(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "token",
            new StateDir(dir.resolve("state")),
            pin)
        .validated();
  }

  @Test
  void enroll_matchingFingerprint_storesRootAsInstallerPinned() throws Exception {
    String fingerprint = TrustPin.fingerprintOf(TestPolicies.ROOT);

    Enrollment enrollment = Enroller.enroll(config(new TrustPin(null, fingerprint.toUpperCase())));

    assertEquals(Enrollment.PIN_INSTALLER, enrollment.trustPinnedBy());
    assertEquals(TestPolicies.ROOT, enrollment.trustRoot());
  }

  @Test
  void enroll_serverPresentsAnotherRoot_abortsAndStoresNothing() {
    presented = List.of(otherRoot());

    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Enroller.enroll(
                    config(new TrustPin(null, TrustPin.fingerprintOf(TestPolicies.ROOT)))));

    assertThat(e.getMessage()).contains("not the pinned one").contains("nothing was stored");
    assertFalse(Files.exists(new StateDir(dir.resolve("state")).enrollment()));
    assertFalse(Files.exists(new StateDir(dir.resolve("state")).credential()));
    assertFalse(Files.exists(new StateDir(dir.resolve("state")).caCertificate()));
  }

  @Test
  void enroll_caCreatedBeforeByInstaller_isKept() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    DeviceCaFiles.loadOrCreate(state, "host");
    byte[] certificate = Files.readAllBytes(state.caCertificate());
    byte[] key = Files.readAllBytes(state.caKey());

    Enroller.enroll(config(TrustPin.NONE));

    assertThat(Files.readAllBytes(state.caCertificate())).isEqualTo(certificate);
    assertThat(Files.readAllBytes(state.caKey())).isEqualTo(key);
  }

  @Test
  void enroll_incompletePreCreatedCa_refusedBeforeAskingServer() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    DeviceCaFiles.loadOrCreate(state, "host");
    Files.delete(state.caKey());

    IOException e = assertThrows(IOException.class, () -> Enroller.enroll(config(TrustPin.NONE)));

    assertThat(e.getMessage()).contains("device CA incomplete");
    assertFalse(Files.exists(state.enrollment()));
  }

  @Test
  void enroll_pinnedRootFile_mismatch_aborts() {
    presented = List.of(otherRoot());

    assertThrows(
        IOException.class, () -> Enroller.enroll(config(new TrustPin(TestPolicies.ROOT, null))));
  }

  @Test
  void enroll_noPin_trustsOnFirstUseAndSaysSo() throws Exception {
    Enrollment enrollment = Enroller.enroll(config(TrustPin.NONE));

    assertEquals(Enrollment.PIN_FIRST_USE, enrollment.trustPinnedBy());
  }

  @Test
  void pin_malformedFingerprint_namesOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TrustPin(null, "abc"));
    assertThat(e.getMessage()).startsWith("root-fingerprint:");
  }

  /** A valid root of the same tenant made with other keys (an impostor server's). */
  private static SignedBundle otherRoot() {
    Ed25519KeyPair rootKey = Ed25519KeyPair.generate();
    Instant now = Instant.now();
    return RootSigner.sign(
        new RootMetadata(
            RootMetadata.FORMAT,
            TestPolicies.TENANT,
            1,
            now,
            1,
            List.of(RootMetadata.RootKey.of(rootKey.publicKey())),
            List.of(
                RootMetadata.SigningKey.of(
                    Ed25519KeyPair.generate().publicKey(), now, now.plus(Duration.ofDays(1)))),
            List.of()),
        null,
        List.of(rootKey));
  }
}
