package dev.tether.agent.enroll;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.server.AgentVersion;
import dev.tether.agent.server.ServerClient;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Enrolls this device: generates the device Ed25519 key and the device CA locally (keeping a device
 * CA an installer created before with {@code ca init}), sends only the public key with the token,
 * and stores the result in the state dir. Private keys never leave the device.
 */
public final class Enroller {
  private static final System.Logger LOG = System.getLogger(Enroller.class.getName());

  private Enroller() {}

  /** Runs enrollment; returns the stored record. */
  public static Enrollment enroll(EnrollConfig config)
      throws IOException, InterruptedException, GeneralSecurityException {
    StateDir dir = config.stateDir();
    if (Files.exists(dir.enrollment())) {
      // Re-enrolling would replace the device key and CA under a running daemon and every
      // client that trusts the old CA; make it an explicit decision.
      throw new IOException(
          dir.root()
              + ": already enrolled ("
              + dir.enrollment().getFileName()
              + " exists); use another --state-dir or remove this one to re-enroll");
    }
    Files.createDirectories(dir.root());
    String hostname = hostname();
    Ed25519KeyPair deviceKey = Ed25519KeyPair.generate();
    // Before the server is asked: an incomplete or mismatched pre-created CA enrolls nothing.
    java.util.Optional<DeviceCa> existingCa = DeviceCaFiles.loadExisting(dir);
    DeviceCa ca = existingCa.isPresent() ? existingCa.get() : DeviceCa.generate(hostname);

    EnrollResponse response =
        ServerClient.anonymous(config.server())
            .enroll(
                new EnrollRequest(
                    config.token(),
                    deviceKey.publicKey().toBase64(),
                    hostname,
                    System.getProperty("user.name"),
                    AgentVersion.get(),
                    System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch")));
    if (response.deviceCredential() == null || response.deviceCredential().isBlank()) {
      throw new IOException("enroll: server returned no device credential");
    }
    // Checked before anything is stored: a server presenting another root enrolls nothing.
    SignedBundle root = config.pin().check(response.rootChain(), response.tenant());
    if (config.pin().isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "no root of trust pinned (--root-fingerprint / --trust-root / --config): trusting the"
              + " server''s root {0} on first use",
          TrustPin.fingerprintOf(root));
    }
    Enrollment enrollment =
        new Enrollment(
            config.server(),
            response.deviceId(),
            response.tenant(),
            response.group(),
            root,
            config.pin().isEmpty() ? Enrollment.PIN_FIRST_USE : Enrollment.PIN_INSTALLER);

    byte[] seed = deviceKey.seed().revealCopy();
    AtomicFiles.write(
        dir.deviceKey(),
        (Base64.getEncoder().encodeToString(seed) + "\n").getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.OWNER_ONLY);
    java.util.Arrays.fill(seed, (byte) 0);
    if (existingCa.isEmpty()) {
      DeviceCaFiles.write(dir, ca);
    }
    LOG.log(
        System.Logger.Level.INFO,
        existingCa.isEmpty()
            ? "device CA created: {0}"
            : "device CA kept (created by ca init): {0}",
        ca.certificate().getSubjectX500Principal());
    AtomicFiles.write(
        dir.credential(),
        response.deviceCredential().getBytes(StandardCharsets.UTF_8),
        AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(dir.enrollment(), JsonCodec.write(enrollment), AtomicFiles.PUBLIC);
    LOG.log(
        System.Logger.Level.INFO,
        "enrolled device={0} tenant={1} group={2}",
        enrollment.deviceId(),
        enrollment.tenant(),
        enrollment.group());
    return enrollment;
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }
}
