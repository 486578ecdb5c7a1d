package dev.tether.server.web.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Checks of the shared data directory for readiness. Each method returns normally or throws with a
 * message naming what failed (never a key's content).
 */
final class DataDirProbe {
  /** Most key files looked at per check (bounds the cost of a large tenant count). */
  static final int MAX_KEY_FILES = 10_000;

  private static final int SEED_BYTES = 32;

  private DataDirProbe() {}

  /** Creates, syncs and deletes a probe file: the directory exists and takes writes. */
  static void writable(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new IOException("tether.data.dir " + dataDir + " is not a directory");
    }
    Path probe = dataDir.resolve(".ready-" + UUID.randomUUID());
    try (FileChannel channel =
        FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
      channel.force(true);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /**
   * The keys this instance signs with are readable 32-byte seeds: the audit-log checkpoint key and
   * every tenant's online signing keys ({@code keys/<tenant>/signing/*.ed25519}). Root keys are not
   * checked: they may be kept offline on purpose.
   *
   * @return how many key files were read
   */
  static int signingKeysReadable(Path dataDir, String auditKeyFile) throws IOException {
    int read = 0;
    Path auditKey = dataDir.resolve(auditKeyFile);
    if (Files.exists(auditKey)) {
      seed(auditKey);
      read++;
    }
    Path keys = dataDir.resolve("keys");
    if (!Files.isDirectory(keys)) {
      return read;
    }
    try (DirectoryStream<Path> tenants = Files.newDirectoryStream(keys)) {
      for (Path tenant : tenants) {
        Path signing = tenant.resolve("signing");
        if (!Files.isDirectory(signing)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(signing, "*.ed25519")) {
          for (Path file : files) {
            if (read >= MAX_KEY_FILES) {
              return read;
            }
            try {
              seed(file);
            } catch (java.nio.file.NoSuchFileException e) {
              continue; // revoked and deleted between listing and reading
            }
            read++;
          }
        }
      }
    }
    return read;
  }

  private static void seed(Path file) throws IOException {
    byte[] buffer = new byte[SEED_BYTES + 1];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(buffer, 0, buffer.length);
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("key file " + file.getFileName() + " is not readable: " + e, e);
    } finally {
      java.util.Arrays.fill(buffer, (byte) 0);
    }
    if (n != SEED_BYTES) {
      throw new IOException(
          "key file " + file.getFileName() + ": expected " + SEED_BYTES + " bytes, got " + n);
    }
  }
}
