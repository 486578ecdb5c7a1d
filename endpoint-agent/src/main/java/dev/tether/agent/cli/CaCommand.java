package dev.tether.agent.cli;

import dev.tether.agent.config.StateDir;
import dev.tether.agent.enroll.DeviceCaFiles;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code ca init [--state-dir D]}: creates the device CA ({@code ca.pem}, {@code ca.key}) in the
 * state dir if it is not there yet, so an installer can trust it before enrollment (enrollment
 * keeps it). Idempotent: an existing, matching pair is kept. Exit codes: 0 created or kept, 1
 * incomplete or mismatched pair, 2 usage.
 */
final class CaCommand {
  private CaCommand() {}

  static int run(List<String> args, PrintStream out) throws Exception {
    if (args.isEmpty() || !args.get(0).equals("init")) {
      throw new IllegalArgumentException("ca: expected init");
    }
    Options options =
        Options.parse("ca init", args.subList(1, args.size()), Set.of("state-dir"), Set.of());
    StateDir dir = StateDir.resolve(options.get("state-dir"));
    DeviceCaFiles.Result result = DeviceCaFiles.loadOrCreate(dir, DeviceCaFiles.hostname());
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(result.ca().certificate().getEncoded());
    out.println(
        "device CA "
            + (result.created() ? "created" : "kept")
            + ": "
            + dir.caCertificate()
            + " ("
            + result.ca().certificate().getSubjectX500Principal()
            + ", sha256:"
            + HexFormat.of().formatHex(digest)
            + ")");
    return 0;
  }
}
