package dev.tether.models.judge;

import dev.tether.core.policy.KnownAiDestinations;
import dev.tether.models.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The judge's feature vector: the sentence embedding of the redacted text followed by context
 * features that are not payload content: rule findings per family (counts, never values), payload
 * size and shape, the kind of application and whether the destination is a catalogued AI service.
 *
 * <p>The order is fixed by {@link #NAMES}; the head file records the names it was trained with and
 * loading refuses a head whose names differ.
 */
public final class Features {
  /** Detector families whose counts are features, in order. */
  static final List<String> FAMILIES =
      List.of(
          "cloud-credentials",
          "private-keys",
          "source-control-credentials",
          "ai-provider-credentials",
          "payment-credentials",
          "messaging-credentials",
          "package-registry-credentials",
          "observability-credentials",
          "infrastructure-credentials",
          "generic-secrets",
          "payment-cards",
          "government-ids",
          "financial-accounts",
          "health-records",
          "personal-data",
          "contact-details",
          "trade-secret-markers",
          "protected-source-code",
          "custom-rules");

  static final List<String> APP_KINDS = List.of("browser", "ide", "terminal", "script", "other");

  /** Names of every feature, in vector order. */
  public static final List<String> NAMES = names();

  private Features() {}

  /** Embeds the windows of {@code input} with {@code encoder} and returns its feature vector. */
  public static double[] extract(SentenceEncoder encoder, JudgeInput input) {
    return of(input, encoder.embed(TokenWindows.select(input.redactedText(), encoder.tokenizer())));
  }

  /** The feature vector of {@code input} given its window embeddings. */
  public static double[] of(JudgeInput input, float[][] windowEmbeddings) {
    double[] v = new double[NAMES.size()];
    int i = 0;
    double norm = 0;
    double[] mean = new double[SentenceEncoder.DIMENSIONS];
    for (float[] w : windowEmbeddings) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += w[d];
      }
    }
    for (double x : mean) {
      norm += x * x;
    }
    norm = Math.max(Math.sqrt(norm), 1e-12);
    for (double x : mean) {
      v[i++] = x / norm;
    }
    int total = 0;
    for (String family : FAMILIES) {
      int count = input.familyCounts().getOrDefault(family, 0);
      total += count;
      v[i++] = Math.log1p(count);
    }
    v[i++] = Math.log1p(total);
    v[i++] = Math.log1p(input.typeCounts().size());
    String text = input.redactedText();
    v[i++] = Math.log1p(input.originalChars()) / 10.0;
    int lines = 1;
    int codeLines = 0;
    int digits = 0;
    int upper = 0;
    int symbols = 0;
    int nonAscii = 0;
    int letters = 0;
    int lineStart = 0;
    int n = Math.min(text.length(), 20_000);
    for (int c = 0; c < n; c++) {
      char ch = text.charAt(c);
      if (ch == '\n') {
        if (looksLikeCode(text, lineStart, c)) {
          codeLines++;
        }
        lines++;
        lineStart = c + 1;
      } else if (Character.isDigit(ch)) {
        digits++;
      } else if (Character.isLetter(ch)) {
        letters++;
        if (Character.isUpperCase(ch)) {
          upper++;
        }
      } else if ("{}[]();=<>_/\\|&*#$:".indexOf(ch) >= 0) {
        symbols++;
      }
      if (ch > 127) {
        nonAscii++;
      }
    }
    if (looksLikeCode(text, lineStart, n)) {
      codeLines++;
    }
    double chars = Math.max(1, n);
    v[i++] = Math.log1p(lines) / 5.0;
    v[i++] = codeLines / (double) lines;
    v[i++] = digits / chars;
    v[i++] = letters == 0 ? 0 : upper / (double) letters;
    v[i++] = symbols / chars;
    v[i++] = nonAscii / chars;
    String kind = appKind(input.app());
    for (String k : APP_KINDS) {
      v[i++] = k.equals(kind) ? 1.0 : 0.0;
    }
    v[i++] =
        input.destinationHost() != null
                && KnownAiDestinations.lookup(input.destinationHost().toLowerCase(Locale.ROOT))
                    .isPresent()
            ? 1.0
            : 0.0;
    return v;
  }

  /** Coarse kind of application, from the words of its process name (first kind that matches). */
  static String appKind(String app) {
    if (app == null || app.isBlank()) {
      return "other";
    }
    List<String> words = List.of(app.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
    for (int k = 0; k < APP_HINTS.size(); k++) {
      for (String word : words) {
        if (APP_HINTS.get(k).contains(word)) {
          return APP_KINDS.get(k);
        }
      }
    }
    return "other";
  }

  /** Process-name words per app kind, in {@link #APP_KINDS} order. */
  private static final List<Set<String>> APP_HINTS =
      List.of(
          Set.of("chrome", "chromium", "firefox", "safari", "msedge", "edge", "brave", "opera"),
          Set.of(
              "code",
              "vscode",
              "idea",
              "idea64",
              "intellij",
              "pycharm",
              "goland",
              "webstorm",
              "cursor",
              "vim",
              "nvim",
              "emacs",
              "xcode",
              "eclipse",
              "zed",
              "rider",
              "clion",
              "sublime",
              "studio",
              "windsurf"),
          Set.of(
              "curl",
              "wget",
              "bash",
              "zsh",
              "fish",
              "terminal",
              "iterm2",
              "powershell",
              "pwsh",
              "http",
              "httpie",
              "cmd",
              "aider"),
          Set.of("python", "python3", "node", "java", "ruby", "deno", "bun", "jupyter", "go"));

  private static boolean looksLikeCode(String text, int from, int to) {
    int end = to;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end <= from) {
      return false;
    }
    char last = text.charAt(end - 1);
    if (last == ';' || last == '{' || last == '}' || last == ')' || last == ':') {
      return true;
    }
    int start = from;
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    return start - from >= 2 && end - start > 3;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int d = 0; d < SentenceEncoder.DIMENSIONS; d++) {
      names.add("emb" + d);
    }
    FAMILIES.forEach(f -> names.add("findings:" + f));
    names.add("findings:total");
    names.add("findings:types");
    names.add("shape:chars");
    names.add("shape:lines");
    names.add("shape:code-lines");
    names.add("shape:digits");
    names.add("shape:uppercase");
    names.add("shape:symbols");
    names.add("shape:non-ascii");
    APP_KINDS.forEach(k -> names.add("app:" + k));
    names.add("destination:catalogued");
    return List.copyOf(names);
  }
}
