package dev.tether.agent.enroll;

import dev.tether.agent.config.StateDir;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * The enrolled device as loaded from the state dir: enrollment record and bearer credential.
 *
 * @param enrollment the enrollment record
 * @param credential the device credential (masked in {@code toString})
 */
public record DeviceIdentity(Enrollment enrollment, SecretBytes credential) {
  /** Loads the identity; throws {@link NotEnrolledException} when the device is not enrolled. */
  public static DeviceIdentity load(StateDir dir) throws IOException {
    try {
      Enrollment enrollment =
          JsonCodec.read(Files.readAllBytes(dir.enrollment()), Enrollment.class);
      String credential = Files.readString(dir.credential(), StandardCharsets.UTF_8).trim();
      return new DeviceIdentity(
          enrollment, SecretBytes.copyOf(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      throw new NotEnrolledException(
          dir.root() + ": not enrolled (missing " + e.getFile() + "); run `enroll` first");
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.enrollment() + ": invalid: " + e.getMessage(), e);
    }
  }

  /** The device is not enrolled. */
  public static final class NotEnrolledException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotEnrolledException(String message) {
      super(message);
    }
  }
}
