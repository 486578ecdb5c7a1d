package dev.tether.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.Pem;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdmProfilesCommandTest {
  private static final String TOKEN = "tok_SECRET_7f3a";

  @TempDir Path dir;
  private Path tokenFile;
  private Path rootFile;
  private Path caFile;
  private DeviceCa ca;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void files() throws Exception {
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    Instant now = Instant.now();
    SignedBundle root =
        RootSigner.sign(
            new RootMetadata(
                RootMetadata.FORMAT,
                "acme",
                1,
                now,
                1,
                List.of(RootMetadata.RootKey.of(key.publicKey())),
                List.of(
                    RootMetadata.SigningKey.of(
                        Ed25519KeyPair.generate().publicKey(), now, now.plus(Duration.ofDays(1)))),
                List.of()),
            null,
            List.of(key));
    rootFile = Files.write(dir.resolve("root.json"), JsonCodec.write(root));
    ca = DeviceCa.generate("cli-test");
    caFile = Files.write(dir.resolve("ca.pem"), ca.certificatePem());
  }

  private int run(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "mdm-profiles";
    System.arraycopy(args, 0, full, 1, args.length);
    return Main.run(
        full,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void mdmProfiles_writesEveryArtifact_neverPrintsToken() throws Exception {
    Path outDir = dir.resolve("out");

    int code =
        run(
            "--server", "https://tether.example.com/tether",
            "--token-file", tokenFile.toString(),
            "--trust-root", rootFile.toString(),
            "--ca", caFile.toString(),
            "--out", outDir.toString());

    assertEquals(0, code, printed());
    assertThat(printed()).doesNotContain(TOKEN).contains("enrollment.json");
    assertThat(outDir.resolve("tether-enrollment.mobileconfig")).exists();
    assertThat(outDir.resolve("Install-TetherAgent.ps1")).exists();
    assertThat(outDir.resolve("intune-win32-app.json")).exists();
    assertThat(outDir.resolve("trust-ca.pem")).hasBinaryContent(ca.certificatePem());
    assertThat(Files.readString(outDir.resolve("intune-win32-app.json"))).doesNotContain(TOKEN);
    assertEquals(TOKEN, EnrollProfile.read("config", outDir.resolve("enrollment.json")).token());
  }

  @Test
  void mdmProfiles_tokenOnCommandLine_refusedWithoutEcho() {
    int code =
        run(
            "--server",
            "https://tether.example.com/tether",
            "--token",
            TOKEN,
            "--trust-root",
            rootFile.toString(),
            "--out",
            dir.resolve("out").toString());

    assertEquals(2, code);
    assertThat(printed()).contains("never on the command line").doesNotContain(TOKEN);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void mdmProfiles_caFileWithPrivateKey_refused() throws Exception {
    Path withKey =
        Files.writeString(
            dir.resolve("ca+key.pem"),
            new String(ca.certificatePem(), StandardCharsets.US_ASCII)
                + Pem.encode(DeviceCa.generate("x").privateKey()));

    int code =
        run(
            "--server", "https://tether.example.com/tether",
            "--token-file", tokenFile.toString(),
            "--trust-root", rootFile.toString(),
            "--ca", withKey.toString(),
            "--out", dir.resolve("out").toString());

    assertEquals(2, code);
    assertThat(printed()).contains("contains a private key");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
