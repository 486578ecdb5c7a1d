package dev.tether.agent.mdm;

import dev.tether.agent.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders every artifact of one {@link MdmProfile} and writes them to one directory: the Linux
 * enrollment profile ({@value #LINUX_FILE}), the macOS configuration profile, the Intune script and
 * the Intune app definition. Files carrying the token are written owner-only (0600); each file is
 * replaced atomically.
 */
public final class MdmArtifacts {
  /** The Linux enrollment profile; install it as {@code /etc/tether/enrollment.json}. */
  public static final String LINUX_FILE = "enrollment.json";

  /** The trust anchor in PEM, for Linux ({@code /etc/tether/trust-ca.pem}) and other tooling. */
  public static final String CA_FILE = "trust-ca.pem";

  private MdmArtifacts() {}

  /** File name to bytes, in a fixed order. */
  public static Map<String, byte[]> render(MdmProfile model) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(LINUX_FILE, model.enrollmentJson());
    files.put(MobileConfig.FILE, MobileConfig.render(model));
    files.put(IntuneScript.FILE, IntuneScript.render(model));
    files.put(IntuneApp.FILE, IntuneApp.render(model));
    if (model.trustCa() != null) {
      files.put(
          CA_FILE,
          dev.tether.agent.tls.Pem.encode(model.trustCa())
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return files;
  }

  /**
   * Writes every artifact into {@code dir} (created if missing).
   *
   * @return the written file names, in order
   */
  public static Iterable<String> write(MdmProfile model, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, byte[]> files = render(model);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      boolean secret = !file.getKey().equals(IntuneApp.FILE) && !file.getKey().equals(CA_FILE);
      AtomicFiles.write(
          dir.resolve(file.getKey()),
          file.getValue(),
          secret ? AtomicFiles.OWNER_ONLY : AtomicFiles.PUBLIC);
    }
    return files.keySet();
  }
}
