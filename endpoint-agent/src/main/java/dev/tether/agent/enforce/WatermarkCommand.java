package dev.tether.agent.enforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tether-agent watermark [FILE|-]}: prints the decision id of every intact Watermark marker
 * in leaked text (one per line), then its content fingerprint ({@link Fingerprint}) to compare with
 * the audit records' fingerprints. Exit 0 when a marker was found, 1 when none, 2 on a usage error
 * or an input over {@value #MAX_BYTES} bytes.
 */
public final class WatermarkCommand {
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private WatermarkCommand() {}

  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws IOException {
    if (args.size() > 1) {
      err.println("usage: tether-agent watermark [FILE|-]");
      return 2;
    }
    byte[] bytes;
    if (args.isEmpty() || args.get(0).equals("-")) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } else {
      Path file = Path.of(args.get(0));
      if (Files.size(file) > MAX_BYTES) {
        err.println("error: " + file + " is larger than " + MAX_BYTES + " bytes");
        return 2;
      }
      bytes = Files.readAllBytes(file);
    }
    if (bytes.length > MAX_BYTES) {
      err.println("error: input larger than " + MAX_BYTES + " bytes");
      return 2;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> ids = WatermarkCodec.decode(text);
    ids.forEach(id -> out.println("decision " + id));
    out.println("fingerprint " + Fingerprint.of(text));
    if (ids.isEmpty()) {
      err.println("no intact watermark found (compare the fingerprint with audit records)");
      return 1;
    }
    return 0;
  }
}
