package dev.tether.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Detection;
import dev.tether.core.rules.eval.Label;
import dev.tether.core.rules.eval.Sample;
import dev.tether.core.rules.eval.Scorecard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Scores Tether and secretlint on the same corpus and prints the comparison table.
 *
 * <p>Usage: {@code SecretlintComparison CORPUS.jsonl TETHER.jsonl SECRETLINT.json TETHER_WALL
 * TETHER_CPU SECRETLINT_WALL SECRETLINT_CPU} (seconds, whole runs including start-up). Results for
 * timing copies (ids containing {@code ~}) are ignored. TETHER.jsonl is the scan CLI's {@code
 * --jsonl} output; SECRETLINT.json is secretlint's {@code --format json} output over {@code
 * samples/ID.txt}.
 *
 * <p>A secretlint rule may claim a label of any Tether type its rule covers ({@link #RULES}); the
 * "covered" comparison counts only labels of those types (and only Tether findings of those types),
 * so neither tool is charged for types the other does not try to find. Tether's {@code password}
 * type also covers passwords in assignments, which secretlint does not look for; it is counted as
 * covered (through secretlint's URL-password rules), so secretlint's recall on it is partial.
 */
public final class SecretlintComparison {
  /**
   * secretlint rule (suffix of {@code @secretlint/secretlint-rule-}) to the Tether types it covers.
   */
  static final Map<String, Pattern> RULES =
      Map.ofEntries(
          Map.entry("aws", Pattern.compile("aws-secret-key")),
          Map.entry("gcp", Pattern.compile("gcp-service-account-key")),
          Map.entry("github", Pattern.compile("github-.*")),
          Map.entry("gitlab", Pattern.compile("gitlab-.*")),
          Map.entry("npm", Pattern.compile("npm-.*")),
          Map.entry("slack", Pattern.compile("slack-.*")),
          Map.entry("sendgrid", Pattern.compile("sendgrid-.*")),
          Map.entry("shopify", Pattern.compile("shopify-.*")),
          Map.entry("privatekey", Pattern.compile(".*private-key.*")),
          Map.entry("basicauth", Pattern.compile("password")),
          Map.entry(
              "database-connection-string", Pattern.compile(".*connection-string.*|password")),
          Map.entry("openai", Pattern.compile("openai-.*")),
          Map.entry("anthropic", Pattern.compile("anthropic-.*")),
          Map.entry("linear", Pattern.compile("linear-.*")),
          Map.entry("1password", Pattern.compile("1password.*|onepassword.*")),
          Map.entry("huggingface", Pattern.compile("hugging-?face-.*")),
          Map.entry("hashicorp-vault", Pattern.compile("(hashicorp-)?vault-.*")),
          Map.entry("groq", Pattern.compile("groq-.*")),
          Map.entry("grafana", Pattern.compile("grafana-.*")),
          Map.entry("figma", Pattern.compile("figma-.*")),
          Map.entry("docker", Pattern.compile("docker-token")),
          Map.entry("databricks", Pattern.compile("databricks-.*")),
          Map.entry("notion", Pattern.compile("notion-.*")),
          Map.entry("stripe", Pattern.compile("stripe-key")),
          Map.entry("tailscale", Pattern.compile("tailscale-.*")),
          Map.entry("vercel", Pattern.compile("vercel-.*")));

  private static final String RULE_PREFIX = "@secretlint/secretlint-rule-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretlintComparison() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 7) {
      System.err.println(
          "usage: SecretlintComparison CORPUS.jsonl TETHER.jsonl SECRETLINT.json"
              + " TETHER_WALL TETHER_CPU SECRETLINT_WALL SECRETLINT_CPU");
      System.exit(2);
    }
    List<Sample> corpus = CorpusBuilder.readJsonl(Path.of(args[0]));
    Map<String, List<Detection>> tether = readTether(Path.of(args[1]));
    Map<String, List<Detection>> secretlint = readSecretlint(Path.of(args[2]));
    double tetherWall = Double.parseDouble(args[3]);
    double tetherCpu = Double.parseDouble(args[4]);
    double secretlintWall = Double.parseDouble(args[5]);
    double secretlintCpu = Double.parseDouble(args[6]);

    Set<String> covered = new TreeSet<>();
    for (Sample s : corpus) {
      for (Label l : s.labels()) {
        if (RULES.values().stream().anyMatch(p -> p.matcher(l.type()).matches())) {
          covered.add(l.type());
        }
      }
    }
    Predicate<String> inCovered = covered::contains;
    Scorecard tetherAll = Scorecard.score(corpus, tether);
    Scorecard tetherCovered = Scorecard.score(corpus, tether, String::equals, inCovered, inCovered);
    Scorecard secretlintAll =
        Scorecard.score(corpus, secretlint, SecretlintComparison::claims, t -> true, t -> true);
    Scorecard secretlintCovered =
        Scorecard.score(corpus, secretlint, SecretlintComparison::claims, inCovered, t -> true);

    long chars = corpus.stream().mapToLong(s -> s.text().length()).sum();
    System.out.printf(
        Locale.ROOT,
        "corpus: %d samples, %d labels, %d chars; types secretlint covers: %d of %d%n%n",
        corpus.size(),
        corpus.stream().mapToInt(s -> s.labels().size()).sum(),
        chars,
        covered.size(),
        corpus.stream().flatMap(s -> s.labels().stream()).map(Label::type).distinct().count());
    System.out.printf(
        Locale.ROOT, "%-28s %8s %8s %8s %8s%n", "", "Tether P", "Tether R", "sl P", "sl R");
    row("all labelled types", tetherAll.overall(), secretlintAll.overall());
    row("types secretlint covers", tetherCovered.overall(), secretlintCovered.overall());
    // secretlint accepts a PEM key only if its body starts with ASN.1 or OpenSSH magic ("MI",
    // "b3BlbnNzaC1rZXktdjE"); fake keys with random bodies are fair to leave out.
    Predicate<String> noKeys = t -> covered.contains(t) && !t.equals("private-key");
    row(
        "covered, without private-key",
        Scorecard.score(corpus, tether, String::equals, noKeys, noKeys).overall(),
        Scorecard.score(corpus, secretlint, SecretlintComparison::claims, noKeys, t -> true)
            .overall());
    System.out.printf(
        Locale.ROOT,
        "%nwhole run incl. start-up: Tether %.2f s wall / %.2f s CPU, secretlint %.2f s wall / %.2f s"
            + " CPU; secretlint/Tether %.1fx wall, %.1fx CPU%n",
        tetherWall,
        tetherCpu,
        secretlintWall,
        secretlintCpu,
        secretlintWall / tetherWall,
        secretlintCpu / tetherCpu);
    System.out.printf(Locale.ROOT, "%nper covered type (n = labels)%n");
    System.out.printf(Locale.ROOT, "%-34s %5s %8s %8s%n", "type", "n", "Tether R", "sl R");
    for (String type : covered) {
      System.out.printf(
          Locale.ROOT,
          "%-34s %5d %8.3f %8.3f%n",
          type,
          tetherCovered.row(type).labels(),
          tetherCovered.row(type).recall(),
          secretlintCovered.row(type).recall());
    }
    System.out.println("\nsecretlint false positives:");
    secretlintAll.errors().stream()
        .filter(e -> !e.kind().equals("missed"))
        .limit(20)
        .forEach(
            e ->
                System.out.printf(
                    "  %-8s %-12s %-30s %s%n", e.kind(), e.sampleId(), e.type(), e.excerpt()));
  }

  /** True if a secretlint finding of {@code rule} may claim a label of Tether type {@code type}. */
  static boolean claims(String rule, String type) {
    Pattern p = RULES.get(rule);
    return p != null && p.matcher(type).matches();
  }

  private static void row(String name, Scorecard.Row tether, Scorecard.Row secretlint) {
    System.out.printf(
        Locale.ROOT,
        "%-28s %8.3f %8.3f %8.3f %8.3f%n",
        name,
        tether.precision(),
        tether.recall(),
        secretlint.precision(),
        secretlint.recall());
  }

  static Map<String, List<Detection>> readTether(Path file) throws IOException {
    Map<String, List<Detection>> out = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (node.get("id").asText().contains("~")) {
        continue; // a timing copy, not scored
      }
      List<Detection> ds = new ArrayList<>();
      for (JsonNode f : node.path("findings")) {
        ds.add(new Detection(f.get("type").asText(), f.get("start").asInt(), f.get("end").asInt()));
      }
      out.put(node.get("id").asText(), ds);
    }
    return out;
  }

  static Map<String, List<Detection>> readSecretlint(Path file) throws IOException {
    Map<String, List<Detection>> out = new HashMap<>();
    for (JsonNode result : JSON.readTree(file.toFile())) {
      String name = Path.of(result.get("filePath").asText()).getFileName().toString();
      String id = name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
      if (id.contains("~")) {
        continue; // a timing copy, not scored
      }
      List<Detection> ds = out.computeIfAbsent(id, k -> new ArrayList<>());
      for (JsonNode m : result.path("messages")) {
        String rule = m.path("ruleId").asText();
        rule = rule.startsWith(RULE_PREFIX) ? rule.substring(RULE_PREFIX.length()) : rule;
        JsonNode range = m.path("range");
        ds.add(new Detection(rule, range.get(0).asInt(), range.get(1).asInt()));
      }
    }
    return out;
  }
}
