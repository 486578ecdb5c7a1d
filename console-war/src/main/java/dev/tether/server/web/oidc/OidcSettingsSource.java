package dev.tether.server.web.oidc;

import dev.tether.core.crypto.SecretBytes;
import dev.tether.server.policy.ServerDataDir;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the OIDC settings come from: {@code <tether.data.dir>/oidc.properties} ({@link
 * OidcSettings} lists the keys). Absent file: single sign-on is off. The file is re-read when it
 * changes, so an operator can switch providers or rotate the client secret without a restart. A
 * present but invalid file is an error (sign-on refused with the key named), never a silent
 * fallback. The secret file must be owner-only where the file system has POSIX permissions.
 */
@ApplicationScoped
public class OidcSettingsSource {
  /** File name in the data directory. */
  public static final String FILE = "oidc.properties";

  private static final int MAX_BYTES = 64 * 1024;

  private record Loaded(FileTime modified, long size, OidcSettings settings) {}

  private volatile Loaded loaded;

  /**
   * The current settings, or empty when single sign-on is not configured.
   *
   * @throws IllegalArgumentException naming the key when the file is invalid
   */
  public Optional<OidcSettings> current() {
    return read(ServerDataDir.resolve().resolve(FILE));
  }

  Optional<OidcSettings> read(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      Loaded cached = loaded;
      if (cached != null && cached.modified.equals(modified) && cached.size == size) {
        return Optional.of(cached.settings);
      }
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            "oidc: " + file + " larger than " + MAX_BYTES + " bytes");
      }
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      }
      OidcSettings settings =
          OidcSettings.parse(properties, name -> secretFile(file, name), System::getenv);
      loaded = new Loaded(modified, size, settings);
      return Optional.of(settings);
    } catch (NoSuchFileException e) {
      loaded = null;
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("oidc: cannot read " + file, e);
    }
  }

  /** Reads the client secret file (relative to the data directory), owner-only, bounded. */
  static SecretBytes secretFile(Path settingsFile, String name) {
    Path file = settingsFile.resolveSibling(name);
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> perms = posix.readAttributes().permissions();
        for (PosixFilePermission p : perms) {
          if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
            throw new IllegalArgumentException(
                "oidc.client-secret-file: "
                    + file
                    + " must be readable by its owner only (chmod 600)");
          }
        }
      }
      if (Files.size(file) > 4096) {
        throw new IllegalArgumentException("oidc.client-secret-file: larger than 4096 bytes");
      }
      String secret = Files.readString(file).strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("oidc.client-secret-file: " + file + " is empty");
      }
      return SecretBytes.copyOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("oidc.client-secret-file: " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("oidc: cannot read the client secret file " + file, e);
    }
  }
}
