package dev.tether.server.web.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirProbeTest {
  @TempDir Path dir;

  @Test
  void writable_directory_leavesNoProbeBehind() throws IOException {
    DataDirProbe.writable(dir);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void writable_missingDirectory_throws() {
    assertThatThrownBy(() -> DataDirProbe.writable(dir.resolve("gone")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void writable_fileInsteadOfDirectory_throws() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> DataDirProbe.writable(file)).isInstanceOf(IOException.class);
  }

  @Test
  void signingKeysReadable_auditKeyAndTenantSigningKeys_countsThem() throws IOException {
    Files.write(dir.resolve("audit-log.ed25519"), new byte[32]);
    Files.createDirectories(dir.resolve("keys/acme/signing"));
    Files.createDirectories(dir.resolve("keys/acme/root"));
    Files.write(dir.resolve("keys/acme/signing/k1.ed25519"), new byte[32]);
    Files.write(dir.resolve("keys/acme/signing/k2.ed25519"), new byte[32]);
    Files.write(dir.resolve("keys/acme/root/r1.ed25519"), new byte[5]); // root keys not checked

    assertThat(DataDirProbe.signingKeysReadable(dir, "audit-log.ed25519")).isEqualTo(3);
  }

  @Test
  void signingKeysReadable_noKeysYet_isFine() throws IOException {
    assertThat(DataDirProbe.signingKeysReadable(dir, "audit-log.ed25519")).isZero();
  }

  @Test
  void signingKeysReadable_truncatedSigningKey_throwsNamingTheFile() throws IOException {
    Files.createDirectories(dir.resolve("keys/acme/signing"));
    Files.write(dir.resolve("keys/acme/signing/k1.ed25519"), new byte[31]);

    assertThatThrownBy(() -> DataDirProbe.signingKeysReadable(dir, "audit-log.ed25519"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("k1.ed25519")
        .hasMessageContaining("expected 32 bytes, got 31");
  }

  @Test
  void signingKeysReadable_unreadableAuditKey_throws() throws IOException {
    // A directory where the key file should be: unreadable as a file even for root.
    Files.createDirectories(dir.resolve("audit-log.ed25519"));

    assertThatThrownBy(() -> DataDirProbe.signingKeysReadable(dir, "audit-log.ed25519"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("audit-log.ed25519");
  }
}
