package dev.tether.agent.cli;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scan}: runs the rule engine (built-in detectors, plus a policy's with {@code --policy})
 * over files or stdin.
 *
 * <ul>
 *   <li>{@code scan --jsonl FILE|-}: see {@link JsonlScan}; exit 1 if any line was malformed.
 *   <li>{@code scan [FILE|-]...}: human report, one line per finding, {@code file:line:col type
 *       severity confidence detectorId value} with the value masked unless {@code --show-values};
 *       exit 1 if anything was found, 0 if not, 2 on a usage error or a file that could not be
 *       scanned (missing, a directory, larger than {@value #MAX_FILE_BYTES} bytes).
 * </ul>
 */
final class ScanCommand {
  /** Largest file scanned in the human mode (the engine's limit). */
  static final int MAX_FILE_BYTES = RuleEngine.MAX_SCAN_CHARS;

  static final String USAGE =
      String.join(
          "\n",
          "usage: tether-agent scan [--policy FILE] [--show-values] [FILE|-]...",
          "       tether-agent scan --jsonl FILE|- [--policy FILE] [--show-values]");

  private ScanCommand() {}

  static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err)
      throws IOException {
    String jsonl = null;
    String policyFile = null;
    boolean showValues = false;
    List<String> files = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String inline = null;
      if (options && (arg.startsWith("--jsonl=") || arg.startsWith("--policy="))) {
        inline = arg.substring(arg.indexOf('=') + 1);
        arg = arg.substring(0, arg.indexOf('='));
      }
      if (!options || arg.equals("-") || !arg.startsWith("-")) {
        files.add(arg);
      } else if (arg.equals("--")) {
        options = false;
      } else if (arg.equals("--show-values")) {
        showValues = true;
      } else if (arg.equals("--jsonl") || arg.equals("--policy")) {
        if (inline == null && i + 1 >= args.size()) {
          return usage(err, arg + ": expected a file after " + arg);
        }
        String value = inline != null ? inline : args.get(++i);
        if (arg.equals("--jsonl") ? jsonl != null : policyFile != null) {
          return usage(err, arg + ": given more than once");
        }
        if (arg.equals("--jsonl")) {
          jsonl = value;
        } else {
          policyFile = value;
        }
      } else {
        return usage(
            err, "scan: unknown option " + arg + " (allowed: --jsonl, --policy, --show-values)");
      }
    }
    if (jsonl != null && !files.isEmpty()) {
      return usage(err, "scan: --jsonl reads only its own FILE, got also " + files);
    }
    if (files.stream().filter("-"::equals).count() > 1) {
      return usage(err, "scan: stdin (-) given more than once");
    }
    if (Main.ownProcess && ScanCompilation.quickCompileFor(inputBytes(jsonl, files))) {
      ScanCompilation.preferQuickCompiler();
    }
    RuleEngine engine;
    try {
      engine =
          policyFile == null ? RuleEngine.standard() : RuleEngine.forPolicy(policy(policyFile));
    } catch (IOException | RuntimeException e) {
      err.println("error: --policy " + policyFile + ": " + message(e));
      return 2;
    }
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try {
      if (jsonl != null) {
        InputStream in;
        try {
          in = jsonl.equals("-") ? stdin : open(jsonl);
        } catch (IOException e) {
          err.println("error: --jsonl " + jsonl + ": " + message(e));
          return 2;
        }
        try (in) {
          return new JsonlScan(engine, showValues, LineWorkers.defaultThreads())
              .run(new InputStreamReader(in, StandardCharsets.UTF_8), writer);
        }
      }
      return report(engine, files.isEmpty() ? List.of("-") : files, stdin, writer, err, showValues);
    } finally {
      writer.flush();
    }
  }

  private static int report(
      RuleEngine engine,
      List<String> files,
      InputStream stdin,
      Writer out,
      PrintStream err,
      boolean showValues)
      throws IOException {
    int found = 0;
    int failed = 0;
    for (String file : files) {
      String label = file.equals("-") ? "<stdin>" : file;
      String text;
      try {
        text = read(file, stdin);
      } catch (IOException e) {
        err.println("error: " + label + ": " + message(e) + ", not scanned");
        failed++;
        continue;
      }
      List<Finding> findings;
      try {
        findings = engine.scan(text);
      } catch (RuntimeException e) {
        // A detector failure costs this file only; the message names the class, not the content.
        err.println("error: " + label + ": scan failed (" + e.getClass().getSimpleName() + ")");
        failed++;
        continue;
      }
      found += findings.size();
      int line = 1;
      int lineStart = 0;
      int scanned = 0;
      for (Finding finding : findings) {
        for (; scanned < finding.start(); scanned++) {
          if (text.charAt(scanned) == '\n') {
            line++;
            lineStart = scanned + 1;
          }
        }
        String value = text.substring(finding.start(), finding.end());
        out.write(
            String.format(
                Locale.ROOT,
                "%s:%d:%d %s %s %.2f %s %s\n",
                label,
                line,
                finding.start() - lineStart + 1,
                finding.type(),
                finding.severity().name(),
                finding.confidence(),
                finding.detectorId(),
                showValues ? printable(value) : mask(value)));
      }
      out.flush();
    }
    err.println(
        found
            + " finding(s) in "
            + (files.size() - failed)
            + " file(s)"
            + (failed > 0 ? ", " + failed + " not scanned" : ""));
    return failed > 0 ? 2 : found > 0 ? 1 : 0;
  }

  /** The first few characters, then {@code ****…}: enough to recognise, not enough to use. */
  static String mask(String value) {
    int shown = Math.min(4, value.length() / 4);
    return printable(value.substring(0, shown)) + "****\u2026";
  }

  /** {@code value} on one line: control characters escaped as {@code \n}, {@code \u0000}. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Bytes the scan will read, or -1 if unknown (stdin, a pipe). Missing files count as empty. */
  static long inputBytes(String jsonl, List<String> files) {
    List<String> inputs = jsonl != null ? List.of(jsonl) : files.isEmpty() ? List.of("-") : files;
    long total = 0;
    for (String file : inputs) {
      if (file.equals("-")) {
        return -1;
      }
      try {
        Path path = Path.of(file);
        if (Files.isRegularFile(path)) {
          total += Files.size(path);
        } else if (Files.exists(path)) {
          return -1; // a pipe or device: size unknown
        }
      } catch (IOException | RuntimeException e) {
        // a missing or unreadable file is reported when it is read
      }
    }
    return total;
  }

  private static String read(String file, InputStream stdin) throws IOException {
    byte[] bytes;
    if (file.equals("-")) {
      bytes = stdin.readNBytes(MAX_FILE_BYTES + 1);
    } else {
      try (InputStream in = open(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static PolicyDocument policy(String file) throws IOException {
    Path path = Path.of(file);
    if (Files.size(path) > JsonCodec.MAX_DOCUMENT_BYTES) {
      throw new IOException("larger than " + JsonCodec.MAX_DOCUMENT_BYTES + " bytes");
    }
    return JsonCodec.read(Files.readAllBytes(path), PolicyDocument.class).validated();
  }

  static InputStream open(String file) throws IOException {
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new IOException("is a directory");
    }
    return Files.newInputStream(path);
  }

  static String message(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static int usage(PrintStream err, String message) {
    err.println("error: " + message + "\n" + USAGE);
    return 2;
  }
}
