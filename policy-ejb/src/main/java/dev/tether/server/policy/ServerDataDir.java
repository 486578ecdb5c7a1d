package dev.tether.server.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's data directory (admin token, signing keys): {@value #PROPERTY} from MicroProfile
 * Config (system property or environment), else {@code ${com.sun.aas.instanceRoot}/tether}, else
 * {@code ${user.home}/.tether-server}. Directories are created owner-only (0700), secret files
 * owner read/write only (0600) and never overwritten.
 */
public final class ServerDataDir {
  /** Config key of the data directory. */
  public static final String PROPERTY = "tether.data.dir";

  private static final Set<PosixFilePermission> DIR_PERMS =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_PERMS =
      PosixFilePermissions.fromString("rw-------");

  private ServerDataDir() {}

  /** Resolves the directory from configuration; does not create it. */
  public static Path resolve() {
    Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class);
    return resolve(
        configured.orElse(null),
        System.getProperty("com.sun.aas.instanceRoot"),
        System.getProperty("user.home"));
  }

  static Path resolve(String configured, String instanceRoot, String userHome) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.trim()).toAbsolutePath();
    }
    if (instanceRoot != null && !instanceRoot.isBlank()) {
      return Path.of(instanceRoot, "tether").toAbsolutePath();
    }
    return Path.of(userHome, ".tether-server").toAbsolutePath();
  }

  /** Creates {@code dir} (and parents) if missing and restricts it to the owner. */
  public static Path ensureDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        if (posix(dir)) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
          Files.createDirectories(dir);
        }
      }
      if (posix(dir)) {
        Files.setPosixFilePermissions(dir, DIR_PERMS);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("tether.data.dir: cannot create " + dir, e);
    }
  }

  /**
   * Writes {@code secret} to a new owner-only file, atomically: a concurrent reader (another
   * instance on a shared data directory) sees no file or the whole file, and of two concurrent
   * writers exactly one wins.
   *
   * @return false if the file already existed (it is left untouched)
   */
  public static boolean writeSecretIfAbsent(Path file, byte[] secret) {
    ensureDirectory(file.getParent());
    return dev.tether.server.cluster.SecretFiles.createIfAbsent(file, secret);
  }

  /** Reads a secret file written by {@link #writeSecretIfAbsent}. */
  public static byte[] readSecret(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret file " + file, e);
    }
  }

  private static boolean posix(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && Files.getFileAttributeView(
                existing, java.nio.file.attribute.PosixFileAttributeView.class)
            != null;
  }
}
