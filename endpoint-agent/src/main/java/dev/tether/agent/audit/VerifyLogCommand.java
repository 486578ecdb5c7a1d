package dev.tether.agent.audit;

import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.ExportVerifier;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.LogVerificationException;
import dev.tether.core.audit.log.MerkleProofs;
import dev.tether.core.audit.log.NoteVerifierKey;
import dev.tether.core.audit.log.SignedCheckpoints;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code tether-agent verify-log}: the auditor's offline check of an audit export (from {@code GET
 * /api/v1/admin/tenants/{t}/audit-export}) against the checkpoint key they pinned. Optionally also
 * checks that the export's checkpoint extends an older checkpoint they kept (consistency proof from
 * {@code GET /api/v1/admin/audit-log/consistency}). Needs no network and no server.
 *
 * <p>Exit codes: 0 verified, 1 verification failed (the message names the event or checkpoint), 2
 * usage error.
 */
public final class VerifyLogCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: tether-agent verify-log (--key VKEY | --key-file FILE) [--origin ORIGIN]",
          "         [--previous-checkpoint FILE --consistency-proof FILE] EXPORT.json");

  /** Largest file read (an export of 10,000 events is well below). */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** The consistency proof as the server returns it. */
  record Consistency(long first, long second, List<String> hashes) {}

  private VerifyLogCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    String key = null;
    String origin = null;
    Path previous = null;
    Path proof = null;
    Path export = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(arg + ": value required\n" + USAGE);
        }
        String value = args.get(++i);
        switch (arg) {
          case "--key" -> key = value;
          case "--key-file" -> key = read(Path.of(value)).trim();
          case "--origin" -> origin = value;
          case "--previous-checkpoint" -> previous = Path.of(value);
          case "--consistency-proof" -> proof = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
        }
      } else if (export == null) {
        export = Path.of(arg);
      } else {
        throw new IllegalArgumentException("one export file expected\n" + USAGE);
      }
    }
    if (key == null || export == null || (previous == null) != (proof == null)) {
      throw new IllegalArgumentException(USAGE);
    }
    NoteVerifierKey verifierKey = NoteVerifierKey.parse(key);
    LogExport logExport =
        JsonCodec.read(read(export).getBytes(StandardCharsets.UTF_8), LogExport.class);
    try {
      Checkpoint checkpoint = ExportVerifier.verify(logExport, verifierKey, origin);
      out.println(
          "OK: "
              + logExport.entries().size()
              + " events verified against checkpoint "
              + checkpoint.origin()
              + " size "
              + checkpoint.size()
              + " root "
              + HexFormat.of().formatHex(checkpoint.rootHash()));
      if (previous != null) {
        Checkpoint old = SignedCheckpoints.open(read(previous), verifierKey);
        Consistency consistency =
            JsonCodec.read(read(proof).getBytes(StandardCharsets.UTF_8), Consistency.class);
        if (consistency.first() != old.size() || consistency.second() != checkpoint.size()) {
          throw new LogVerificationException(
              "consistency proof is for sizes "
                  + consistency.first()
                  + " -> "
                  + consistency.second()
                  + ", checkpoints are "
                  + old.size()
                  + " -> "
                  + checkpoint.size());
        }
        MerkleProofs.verifyConsistency(
            old.size(),
            checkpoint.size(),
            old.rootHash(),
            checkpoint.rootHash(),
            consistency.hashes().stream().map(h -> Base64.getDecoder().decode(h)).toList());
        out.println(
            "OK: checkpoint size "
                + checkpoint.size()
                + " extends the earlier checkpoint size "
                + old.size()
                + " (no stored event was changed or removed)");
      }
      return 0;
    } catch (LogVerificationException e) {
      err.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  private static String read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          file + ": larger than the limit of " + MAX_FILE_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
