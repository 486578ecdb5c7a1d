package dev.tether.core.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * Breadth checks for administrator-written patterns, run against a fixed sample of ordinary text
 * (prose, code, JSON, logs, shell, SQL, e-mail) that contains nothing sensitive. A pattern that
 * matches the empty string, covers most of the sample or fires in most of its snippets would flag
 * nearly every request, so it is rejected; one that fires in several snippets gets a warning.
 */
final class CustomRuleLint {
  /** Rejected when matches cover more than this share of the sample's characters. */
  static final double REJECT_COVERAGE = 0.5;

  /** Rejected when the pattern fires in at least this share of the snippets. */
  static final double REJECT_SNIPPET_SHARE = 0.75;

  /** Warned when the pattern fires in at least this many snippets. */
  static final int WARN_SNIPPETS = 2;

  static final List<String> SAMPLE =
      List.of(
          "Can you help me rewrite this paragraph so it sounds friendlier? We are moving the team"
              + " meeting to Thursday afternoon because several people are travelling this week.",
          "public int total(List<Item> items) {\n  int sum = 0;\n  for (Item item : items) {\n"
              + "    sum += item.price() * item.quantity();\n  }\n  return sum;\n}\n",
          "def parse(line):\n    # split on commas and strip spaces\n"
              + "    return [part.strip() for part in line.split(',')]\n",
          "{\"model\": \"small\", \"messages\": [{\"role\": \"user\", \"content\": \"Summarise the"
              + " release notes\"}], \"temperature\": 0.2}",
          "2024-03-14 09:12:44 INFO  server started on port 8080\n"
              + "2024-03-14 09:12:45 WARN  cache miss ratio above threshold\n",
          "SELECT name, city FROM customers WHERE created_at > now() - interval '7 days' ORDER BY"
              + " name;",
          "$ git status\nOn branch main\nnothing to commit, working tree clean\n$ ls -la src\n",
          "Hi Sam,\n\nThanks for the notes from yesterday. I will send the updated slides before"
              + " lunch.\n\nBest,\nRobin\n\n",
          "## Installation\n\n1. Download the archive.\n2. Unpack it and run the installer.\n");

  private CustomRuleLint() {}

  /** Throws if {@code compiled} matches the empty string or most of ordinary text. */
  static void rejectOverlyBroad(String key, String source, Pattern compiled) {
    Breadth breadth = measure(compiled);
    if (breadth.emptyMatch) {
      throw new PolicyValidationException(
          key
              + ": matches the empty string, so it would fire on every text; got "
              + PolicyChecks.echo(source));
    }
    if (breadth.coverage() > REJECT_COVERAGE
        || breadth.snippetsHit >= REJECT_SNIPPET_SHARE * SAMPLE.size()) {
      throw new PolicyValidationException(
          key
              + ": too broad, matches "
              + percent(breadth.coverage())
              + " of ordinary sample text and fires in "
              + breadth.snippetsHit
              + " of "
              + SAMPLE.size()
              + " sample snippets; got "
              + PolicyChecks.echo(source));
    }
  }

  /** A warning if {@code compiled} fires in several ordinary snippets, else empty. */
  static Optional<String> warnIfBroad(String key, Pattern compiled) {
    Breadth breadth = measure(compiled);
    if (breadth.snippetsHit < WARN_SNIPPETS) {
      return Optional.empty();
    }
    return Optional.of(
        key
            + ": broad, fires in "
            + breadth.snippetsHit
            + " of "
            + SAMPLE.size()
            + " ordinary sample snippets (covering "
            + percent(breadth.coverage())
            + "); expect false positives");
  }

  private static Breadth measure(Pattern compiled) {
    Breadth breadth = new Breadth();
    if (compiled.matcher("").find()) {
      breadth.emptyMatch = true;
      return breadth;
    }
    for (String snippet : SAMPLE) {
      Matcher matcher = compiled.matcher(snippet);
      boolean hit = false;
      while (matcher.find()) {
        if (matcher.end() == matcher.start()) {
          breadth.emptyMatch = true;
          return breadth;
        }
        hit = true;
        breadth.covered += matcher.end() - matcher.start();
      }
      breadth.total += snippet.length();
      breadth.snippetsHit += hit ? 1 : 0;
    }
    return breadth;
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static final class Breadth {
    boolean emptyMatch;
    long covered;
    long total;
    int snippetsHit;

    double coverage() {
      return total == 0 ? 0 : (double) covered / total;
    }
  }
}
