package dev.tether.agent.audit;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.evidence.EvidenceVerificationException;
import dev.tether.core.audit.evidence.EvidenceVerifier;
import dev.tether.core.audit.log.NoteVerifierKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tether-agent verify-evidence}: the auditor's offline check of an evidence package (from
 * {@code GET /api/v1/admin/tenants/{t}/evidence}) against the audit-log verifier key they pinned
 * (never the copy inside the package). Checks the signed {@code MANIFEST}, every file's size and
 * SHA-256, that no file is missing or added, and the package's signed checkpoint. Needs no network.
 *
 * <p>Exit codes: 0 verified, 1 verification failed (the message names the file), 2 usage error.
 */
public final class VerifyEvidenceCommand {
  static final String USAGE =
      "usage: tether-agent verify-evidence (--key VKEY | --key-file FILE) PACKAGE.zip";

  /** Largest key file read. */
  static final long MAX_KEY_FILE_BYTES = 4096;

  private VerifyEvidenceCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    String key = null;
    Path pkg = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(arg + ": value required\n" + USAGE);
        }
        String value = args.get(++i);
        switch (arg) {
          case "--key" -> key = value;
          case "--key-file" -> key = readKey(Path.of(value));
          default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
        }
      } else if (pkg == null) {
        pkg = Path.of(arg);
      } else {
        throw new IllegalArgumentException("one package file expected\n" + USAGE);
      }
    }
    if (key == null || pkg == null) {
      throw new IllegalArgumentException(USAGE);
    }
    NoteVerifierKey verifierKey = NoteVerifierKey.parse(key);
    try {
      EvidenceManifest manifest = EvidenceVerifier.verify(pkg, verifierKey);
      out.println(
          "OK: "
              + manifest.files().size()
              + " files verified; tenant "
              + manifest.tenant()
              + ", period "
              + manifest.from()
              + " to "
              + manifest.to()
              + ", audit log size "
              + manifest.logSize()
              + ", generated "
              + manifest.generatedAt()
              + ", signed by "
              + verifierKey.name());
      return 0;
    } catch (EvidenceVerificationException e) {
      err.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  private static String readKey(Path file) throws IOException {
    if (Files.size(file) > MAX_KEY_FILE_BYTES) {
      throw new IllegalArgumentException(
          file + ": larger than the limit of " + MAX_KEY_FILE_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }
}
