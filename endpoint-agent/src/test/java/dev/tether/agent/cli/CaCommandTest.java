package dev.tether.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.config.StateDir;
import dev.tether.agent.tls.DeviceCa;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandTest {
  @TempDir Path tmp;

  private int run(StringBuilder output, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    output
        .append(out.toString(StandardCharsets.UTF_8))
        .append(err.toString(StandardCharsets.UTF_8));
    return code;
  }

  @Test
  void init_createsMatchingPair_ownerOnlyKey() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("state"));
    StringBuilder out = new StringBuilder();

    assertThat(run(out, "ca", "init", "--state-dir", dir.root().toString())).isZero();

    assertThat(out.toString()).startsWith("device CA created: ").contains("sha256:");
    DeviceCa ca = DeviceCa.load(dir.caCertificate(), dir.caKey());
    assertThat(ca.certificate().getBasicConstraints()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.caKey())))
        .isEqualTo("rw-------");
  }

  @Test
  void init_twice_keepsTheSameCa() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("state"));
    run(new StringBuilder(), "ca", "init", "--state-dir", dir.root().toString());
    byte[] first = Files.readAllBytes(dir.caCertificate());
    StringBuilder out = new StringBuilder();

    assertThat(run(out, "ca", "init", "--state-dir", dir.root().toString())).isZero();

    assertThat(out.toString()).startsWith("device CA kept: ");
    assertThat(Files.readAllBytes(dir.caCertificate())).isEqualTo(first);
  }

  @Test
  void init_certificateWithoutKey_refusedAndNotReplaced() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("state"));
    run(new StringBuilder(), "ca", "init", "--state-dir", dir.root().toString());
    byte[] cert = Files.readAllBytes(dir.caCertificate());
    Files.delete(dir.caKey());
    StringBuilder out = new StringBuilder();

    assertThat(run(out, "ca", "init", "--state-dir", dir.root().toString())).isEqualTo(1);

    assertThat(out.toString()).contains("device CA incomplete (ca.key is missing)");
    assertThat(Files.readAllBytes(dir.caCertificate())).isEqualTo(cert);
    assertThat(dir.caKey()).doesNotExist();
  }

  @Test
  void init_keyOfAnotherCa_refused() throws Exception {
    StateDir dir = new StateDir(tmp.resolve("state"));
    StateDir other = new StateDir(tmp.resolve("other"));
    run(new StringBuilder(), "ca", "init", "--state-dir", dir.root().toString());
    run(new StringBuilder(), "ca", "init", "--state-dir", other.root().toString());
    Files.copy(other.caKey(), dir.caKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(run(new StringBuilder(), "ca", "init", "--state-dir", dir.root().toString()))
        .isEqualTo(1);
  }

  @Test
  void ca_withoutInit_isUsageError() {
    StringBuilder out = new StringBuilder();
    assertThat(run(out, "ca", "create")).isEqualTo(2);
    assertThat(out.toString()).contains("ca: expected init");
  }
}
