package dev.tether.server.audit;

import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.server.cluster.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The checkpoint signing key: a raw 32-byte Ed25519 seed in {@code <tether.data.dir>/audit-log
 * .ed25519} (0600, created on first start, never overwritten, never logged), and the log origin
 * {@value #ORIGIN_PROPERTY} (default {@value #DEFAULT_ORIGIN}), which is also the key name. The
 * data directory resolves as in policy-ejb's {@code ServerDataDir}.
 */
final class AuditLogKeys {
  static final String ORIGIN_PROPERTY = "tether.audit.origin";
  static final String DEFAULT_ORIGIN = "tether.local/audit-log";
  static final String KEY_FILE = "audit-log.ed25519";

  private AuditLogKeys() {}

  static String origin() {
    return ConfigProvider.getConfig()
        .getOptionalValue(ORIGIN_PROPERTY, String.class)
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .orElse(DEFAULT_ORIGIN);
  }

  static Path dataDir() {
    Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue("tether.data.dir", String.class);
    if (configured.isPresent() && !configured.get().isBlank()) {
      return Path.of(configured.get().trim()).toAbsolutePath();
    }
    String instanceRoot = System.getProperty("com.sun.aas.instanceRoot");
    if (instanceRoot != null && !instanceRoot.isBlank()) {
      return Path.of(instanceRoot, "tether").toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".tether-server").toAbsolutePath();
  }

  /**
   * Loads the signer, creating its key on first use. Creation is atomic ({@link SecretFiles}):
   * instances starting together on a shared data directory end up with the same key.
   */
  static NoteSigner signer(Path dataDir, String origin) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        Ed25519KeyPair generated = Ed25519KeyPair.generate();
        byte[] seed = generated.seed().revealCopy();
        try {
          SecretFiles.createIfAbsent(file, seed); // false: created concurrently, use that one
        } finally {
          Arrays.fill(seed, (byte) 0);
        }
      }
      byte[] seed = Files.readAllBytes(file);
      try {
        return new NoteSigner(origin, Ed25519KeyPair.fromSeed(SecretBytes.copyOf(seed)));
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit log key " + file + ": " + e.getMessage(), e);
    }
  }
}
