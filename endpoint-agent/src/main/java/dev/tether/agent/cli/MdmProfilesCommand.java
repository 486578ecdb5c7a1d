package dev.tether.agent.cli;

import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.mdm.MdmArtifacts;
import dev.tether.agent.mdm.MdmProfile;
import dev.tether.agent.tls.Pem;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.SecretBytes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tether-agent mdm-profiles}: renders every MDM artifact from one model. The token comes
 * from {@code --token-file} or {@code $TETHER_ENROLL_TOKEN}, never from the command line (process
 * lists and shell history would keep it), and is never printed.
 */
final class MdmProfilesCommand {
  /** Environment variable holding the enrollment token when {@code --token-file} is absent. */
  static final String TOKEN_ENV = "TETHER_ENROLL_TOKEN";

  private static final int MAX_FILE_BYTES = 64 * 1024;

  private MdmProfilesCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out) throws Exception {
    if (args.stream().anyMatch(a -> a.equals("--token") || a.startsWith("--token="))) {
      throw new IllegalArgumentException(
          "token: pass it with --token-file FILE or $" + TOKEN_ENV + ", never on the command line");
    }
    Options options =
        Options.parse(
            "mdm-profiles",
            args,
            Set.of(
                "server",
                "token-file",
                "root-fingerprint",
                "trust-root",
                "ca",
                "organization",
                "identifier",
                "out"),
            Set.of());
    if (options.get("out") == null) {
      throw new IllegalArgumentException("out: required, e.g. --out deploy/mdm/out");
    }
    SignedBundle trustRoot =
        options.get("trust-root") == null
            ? null
            : EnrollProfile.readTrustRoot("trust-root", Path.of(options.get("trust-root")));
    MdmProfile model =
        new MdmProfile(
            options.get("server"),
            token(options.get("token-file"), env),
            options.get("root-fingerprint"),
            trustRoot,
            options.get("ca") == null ? null : readCa(Path.of(options.get("ca"))),
            options.get("organization"),
            options.get("identifier"));
    Path dir = Path.of(options.get("out"));
    for (String name : MdmArtifacts.write(model, dir)) {
      out.println("wrote " + dir.resolve(name));
    }
    out.println("server: " + model.server() + "  root: " + model.rootFingerprint());
    out.println(
        "trust CA: "
            + (model.trustCa() == null
                ? "none (per-device CA only; see deploy/mdm/README.md)"
                : model.trustCa().getSubjectX500Principal().getName()));
    out.println("token: from " + (options.get("token-file") != null ? "file" : "$" + TOKEN_ENV));
    return 0;
  }

  private static SecretBytes token(String file, Map<String, String> env) throws IOException {
    byte[] raw;
    if (file != null) {
      Path path = Path.of(file);
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("token-file: larger than " + MAX_FILE_BYTES + " bytes");
      }
      raw = Files.readAllBytes(path);
    } else if (env.get(TOKEN_ENV) != null) {
      raw = env.get(TOKEN_ENV).getBytes(StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException("token-file: required (or set $" + TOKEN_ENV + ")");
    }
    try {
      String trimmed = new String(raw, StandardCharsets.UTF_8).strip();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("token-file: empty");
      }
      return SecretBytes.copyOf(trimmed.getBytes(StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** One CA certificate; a file that also holds a private key is refused, never distributed. */
  private static X509Certificate readCa(Path file) throws IOException, GeneralSecurityException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("ca: larger than " + MAX_FILE_BYTES + " bytes");
    }
    if (Files.readString(file, StandardCharsets.US_ASCII).contains("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "ca: \"" + file + "\" contains a private key; give the certificate only");
    }
    List<X509Certificate> certificates = Pem.readCertificates(file);
    if (certificates.size() != 1) {
      throw new IllegalArgumentException(
          "ca: expected exactly one certificate, got " + certificates.size());
    }
    return certificates.get(0);
  }
}
