package dev.tether.core.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.core.rules.RuleEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the built-in detectors to the rule layer's accuracy targets on the labelled corpus: overall
 * precision {@value #MIN_PRECISION}, overall recall {@value #MIN_RECALL}, and recall {@value
 * #MIN_TYPE_RECALL} for every type with at least {@value #MIN_TYPE_SAMPLES} labels. Prints the
 * per-type table and every error, and writes the corpus to {@code target/corpus/corpus.jsonl} for
 * the comparison with other tools (core/bench/compare-secretlint.sh).
 */
class CorpusAccuracyTest {
  static final double MIN_PRECISION = 0.97;
  static final double MIN_RECALL = 0.95;
  static final double MIN_TYPE_RECALL = 0.8;
  static final int MIN_TYPE_SAMPLES = 5;

  private static List<Sample> corpus;
  private static Scorecard scorecard;
  private static int generatorCount;

  @BeforeAll
  static void scanCorpus() {
    CorpusBuilder builder = CorpusBuilder.standard();
    generatorCount = builder.generators().size();
    corpus = builder.build();
    CorpusBuilder.writeJsonl(corpus, Path.of("target", "corpus", "corpus.jsonl"));
    RuleEngine engine = RuleEngine.standard();
    Map<String, List<Detection>> detections = new LinkedHashMap<>();
    for (Sample sample : corpus) {
      detections.put(sample.id(), engine.scan(sample.text()).stream().map(Detection::of).toList());
    }
    scorecard = Scorecard.score(corpus, detections);
    print();
  }

  @Test
  void corpus_overall_meetsPrecisionAndRecallTargets() {
    assumeTrue(generatorCount > 0, "no generator helper (FakeCredentials, FakePersonalData) yet");
    Scorecard.Row overall = scorecard.overall();

    assertThat(overall.precision()).as("overall precision").isGreaterThanOrEqualTo(MIN_PRECISION);
    assertThat(overall.recall()).as("overall recall").isGreaterThanOrEqualTo(MIN_RECALL);
  }

  @Test
  void corpus_everyTypeWithEnoughSamples_meetsRecallTarget() {
    assumeTrue(generatorCount > 0, "no generator helper (FakeCredentials, FakePersonalData) yet");
    List<String> failing = new ArrayList<>();
    for (Scorecard.Row row : scorecard.rows()) {
      if (row.labels() >= MIN_TYPE_SAMPLES && row.recall() < MIN_TYPE_RECALL) {
        failing.add(String.format(java.util.Locale.ROOT, "%s (R=%.3f)", row.type(), row.recall()));
      }
    }

    assertThat(failing).as("types below recall " + MIN_TYPE_RECALL).isEmpty();
  }

  @Test
  void corpus_holdsHardNegatives() {
    long negatives = corpus.stream().filter(Sample::isNegative).count();

    assertThat(negatives).as("hard negatives in the corpus").isGreaterThan(100);
  }

  private static void print() {
    Map<String, Long> byCategory =
        corpus.stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.category().split("/")[0] + "/" + s.category().split("/")[1],
                    TreeMap::new,
                    Collectors.counting()));
    System.out.println(
        "== corpus: " + corpus.size() + " samples from " + generatorCount + " generators");
    byCategory.forEach((c, n) -> System.out.printf("   %-40s %5d%n", c, n));
    System.out.println("== precision / recall per type (n = labels, findings = reported)");
    System.out.print(scorecard.table());
    System.out.println("== errors");
    Map<String, List<Scorecard.Error>> byType = new TreeMap<>();
    for (Scorecard.Error e : scorecard.errors()) {
      byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
    }
    byType.forEach(
        (type, errors) -> {
          System.out.println("-- " + type + ": " + errors.size());
          errors.stream()
              .limit(6)
              .forEach(
                  e ->
                      System.out.printf(
                          "   %-10s %-14s %-40s %s%n",
                          e.kind(), e.sampleId(), e.category(), e.excerpt()));
        });
  }
}
