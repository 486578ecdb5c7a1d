package dev.tether.agent.enroll;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.tls.DeviceCa;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The device CA in the state dir ({@code ca.pem} 0644, {@code ca.key} 0600). An installer may
 * create it before enrollment ({@code tether-agent ca init}, run by the Linux package's postinst)
 * so the CA is trusted from the moment the package is installed; enrollment then keeps it.
 *
 * <p>Guarantees: an existing pair is only ever reused after its key is checked to match its
 * certificate; a half-present pair (one file without the other) is refused, never silently
 * replaced, because clients may already trust the certificate on disk.
 */
public final class DeviceCaFiles {
  private DeviceCaFiles() {}

  /** The result of {@link #loadOrCreate}: the CA and whether it was generated just now. */
  public record Result(DeviceCa ca, boolean created) {
    public Result {
      java.util.Objects.requireNonNull(ca, "ca");
    }
  }

  /**
   * Loads the pair if both files exist, else generates a CA named after {@code hostname} and writes
   * it.
   *
   * @throws IOException naming the missing file when only one of the two exists
   * @throws GeneralSecurityException when the existing key does not match the certificate
   */
  public static Result loadOrCreate(StateDir dir, String hostname)
      throws IOException, GeneralSecurityException {
    Optional<DeviceCa> existing = loadExisting(dir);
    if (existing.isPresent()) {
      return new Result(existing.get(), false);
    }
    DeviceCa ca = DeviceCa.generate(hostname);
    write(dir, ca);
    return new Result(ca, true);
  }

  /**
   * The pair on disk, or empty when neither file exists.
   *
   * @throws IOException naming the missing file when only one of the two exists
   * @throws GeneralSecurityException when the key does not match the certificate
   */
  public static Optional<DeviceCa> loadExisting(StateDir dir)
      throws IOException, GeneralSecurityException {
    boolean cert = Files.exists(dir.caCertificate());
    boolean key = Files.exists(dir.caKey());
    if (cert && key) {
      return Optional.of(DeviceCa.load(dir.caCertificate(), dir.caKey()));
    }
    if (cert || key) {
      throw new IOException(
          dir.root()
              + ": device CA incomplete ("
              + (cert ? dir.caKey() : dir.caCertificate()).getFileName()
              + " is missing); remove "
              + (cert ? dir.caCertificate() : dir.caKey()).getFileName()
              + " to create a new CA");
    }
    return Optional.empty();
  }

  /** Writes the pair: the key (0600) first, so a certificate on disk always has its key. */
  static void write(StateDir dir, DeviceCa ca) throws IOException {
    Files.createDirectories(dir.root());
    AtomicFiles.write(dir.caKey(), ca.privateKeyPem(), AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(dir.caCertificate(), ca.certificatePem(), AtomicFiles.PUBLIC);
  }

  /** The hostname the CA is named after (as at enrollment). */
  public static String hostname() {
    return Enroller.hostname();
  }
}
