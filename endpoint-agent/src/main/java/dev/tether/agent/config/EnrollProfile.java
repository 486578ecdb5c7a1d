package dev.tether.agent.config;

import dev.tether.agent.enroll.TrustPin;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The enrollment profile an MDM (or installer) drops on the device: {@code enroll --config FILE}.
 * Every field is optional; command-line options override it.
 *
 * <pre>
 * {"server": "https://tether.example.com/tether", "token": "...",
 *  "rootFingerprint": "sha256:...", "trustRoot": {"payloadType": "application/vnd.tether.root+json; version=1", ...}}
 * </pre>
 *
 * @param server server base URL
 * @param token single-use enrollment token
 * @param rootFingerprint fingerprint of the tenant's trust root ({@link TrustPin})
 * @param trustRoot a signed root metadata envelope of the tenant (from {@code GET .../roots})
 */
public record EnrollProfile(
    String server, String token, String rootFingerprint, SignedBundle trustRoot) {
  /** Largest profile read. */
  public static final int MAX_BYTES = 64 * 1024;

  @Override
  public String toString() {
    return "EnrollProfile[server="
        + server
        + ", token=masked, rootFingerprint="
        + rootFingerprint
        + "]";
  }

  /**
   * Reads a profile.
   *
   * @throws IllegalArgumentException naming the option and file when it is not valid
   */
  public static EnrollProfile read(String option, Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(
          option + ": \"" + file + "\" exceeds " + MAX_BYTES + " bytes");
    }
    try {
      return JsonCodec.read(Files.readAllBytes(file), EnrollProfile.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + ": \"" + file + "\" is not a valid profile: " + e.getMessage(), e);
    }
  }

  /** A trust root file: one signed root envelope of the tenant, as the server lists it. */
  public static SignedBundle readTrustRoot(String option, Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(
          option + ": \"" + file + "\" exceeds " + MAX_BYTES + " bytes");
    }
    try {
      return JsonCodec.read(Files.readAllBytes(file), SignedBundle.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + ": \"" + file + "\" is not a valid trust root: " + e.getMessage(), e);
    }
  }
}
