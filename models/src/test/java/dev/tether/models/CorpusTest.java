package dev.tether.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the labelled corpus the judge is trained and evaluated on: every line is a valid example,
 * every class has enough examples, the held-out split is about a fifth of each class, ids are
 * unique, and no held-out prompt is a copy or near-copy of a training prompt (which would make
 * held-out figures meaningless).
 */
class CorpusTest {
  static final String DIR = "/dev/tether/models/corpus/";
  static final int MIN_PER_CLASS = 300;
  static final int MAX_PROMPT_CHARS = 8_000;
  static final Set<String> FIELDS = Set.of("id", "label", "prompt", "destination", "app");

  /** Character shingle length and the Jaccard similarity at which two prompts count as copies. */
  static final int SHINGLE = 5;

  static final double NEAR_DUPLICATE = 0.6;

  record Example(String id, IntentLabel label, String prompt, String destination, String app) {}

  static List<Example> train;
  static List<Example> heldout;

  @BeforeAll
  static void load() throws IOException {
    train = read("train.jsonl");
    heldout = read("heldout.jsonl");
  }

  static List<Example> read(String name) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Example> out = new ArrayList<>();
    try (InputStream in = CorpusTest.class.getResourceAsStream(DIR + name)) {
      assertNotNull(in, "corpus file missing from the classpath: " + DIR + name);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String where = name + ":" + n;
        JsonNode o = json.readTree(line);
        assertThat(o.isObject()).as(where).isTrue();
        Set<String> fields = new TreeSet<>();
        o.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(FIELDS), fields, where + ": fields");
        for (String f : FIELDS) {
          assertThat(o.get(f).isTextual()).as(where + ": " + f + " is a string").isTrue();
          assertThat(o.get(f).asText()).as(where + ": " + f).isNotBlank();
        }
        String prompt = o.get("prompt").asText();
        assertThat(prompt.length())
            .as(where + ": prompt length")
            .isLessThanOrEqualTo(MAX_PROMPT_CHARS);
        out.add(
            new Example(
                o.get("id").asText(),
                IntentLabel.fromLabel(o.get("label").asText()),
                prompt,
                o.get("destination").asText(),
                o.get("app").asText()));
      }
    }
    return out;
  }

  @Test
  void everyClass_hasAtLeastTheMinimum_andAFifthHeldOut() {
    Map<IntentLabel, int[]> counts = new EnumMap<>(IntentLabel.class);
    for (IntentLabel l : IntentLabel.values()) {
      counts.put(l, new int[2]);
    }
    train.forEach(e -> counts.get(e.label())[0]++);
    heldout.forEach(e -> counts.get(e.label())[1]++);
    counts.forEach(
        (label, c) -> {
          int total = c[0] + c[1];
          assertThat(total).as(label.label() + " examples").isGreaterThanOrEqualTo(MIN_PER_CLASS);
          double share = (double) c[1] / total;
          assertThat(share).as(label.label() + " held-out share").isBetween(0.12, 0.28);
        });
  }

  @Test
  void ids_areUniqueAcrossSplits_andNamedAfterTheirClass() {
    Set<String> seen = new HashSet<>();
    for (Example e : all()) {
      assertThat(seen.add(e.id())).as("duplicate id " + e.id()).isTrue();
      assertThat(e.id()).matches("[a-z]{3}-\\d{4}");
    }
    Map<String, IntentLabel> prefix = new HashMap<>();
    for (Example e : all()) {
      IntentLabel before = prefix.putIfAbsent(e.id().substring(0, 3), e.label());
      assertThat(before == null || before == e.label())
          .as("id prefix of " + e.id() + " is used by two classes")
          .isTrue();
    }
  }

  @Test
  void noPromptIsRepeated() {
    Map<String, String> seen = new HashMap<>();
    for (Example e : all()) {
      String before = seen.putIfAbsent(normalise(e.prompt()), e.id());
      assertThat(before).as("prompt of " + e.id() + " repeats " + before).isNull();
    }
  }

  @Test
  void noHeldOutPrompt_nearDuplicatesATrainingPrompt() {
    List<int[]> trainShingles = train.stream().map(e -> shingles(e.prompt())).toList();
    List<String> found = new ArrayList<>();
    for (Example h : heldout) {
      int[] a = shingles(h.prompt());
      for (int i = 0; i < train.size(); i++) {
        int[] b = trainShingles.get(i);
        // Jaccard >= t needs the smaller set to be at least t times the larger one.
        if (Math.min(a.length, b.length) < NEAR_DUPLICATE * Math.max(a.length, b.length)) {
          continue;
        }
        double j = jaccard(a, b);
        if (j >= NEAR_DUPLICATE) {
          found.add(h.id() + " ~ " + train.get(i).id() + " (" + String.format("%.2f", j) + ")");
        }
      }
    }
    assertThat(found).as("held-out prompts that near-duplicate training prompts").isEmpty();
  }

  @Test
  void nearDuplicateCheck_catchesAnEditedCopy() {
    String a = "Why does boto3 say InvalidClientTokenId when I list buckets in eu-central-1?";
    String b = "why does boto3 say InvalidClientTokenId when I list my buckets in eu-west-1??";
    assertThat(jaccard(shingles(a), shingles(b))).isGreaterThanOrEqualTo(NEAR_DUPLICATE);
    String c = "Explain the difference between a mutex and a semaphore.";
    assertThat(jaccard(shingles(a), shingles(c))).isLessThan(NEAR_DUPLICATE);
  }

  @Test
  void documentedExampleCredentials_neverCarryTheSecretExposureLabel() {
    // Near-misses: prompts that quote vendors' documented example keys ask about public
    // reference material; the secret-exposure class must be learnt from live-looking keys.
    List<String> documented =
        List.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG", "sk_test_4eC39");
    for (Example e : all()) {
      if (e.label() == IntentLabel.CODE_REVIEW_WITH_SECRET_EXPOSURE) {
        for (String d : documented) {
          assertThat(e.prompt()).as(e.id()).doesNotContain(d);
        }
      }
    }
  }

  static List<Example> all() {
    List<Example> all = new ArrayList<>(train);
    all.addAll(heldout);
    return all;
  }

  static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /** Sorted distinct hashes of the normalised prompt's character shingles. */
  static int[] shingles(String s) {
    String n = normalise(s);
    if (n.length() <= SHINGLE) {
      return new int[] {n.hashCode()};
    }
    int[] h = new int[n.length() - SHINGLE + 1];
    for (int i = 0; i < h.length; i++) {
      h[i] = n.substring(i, i + SHINGLE).hashCode();
    }
    return Arrays.stream(h).sorted().distinct().toArray();
  }

  static double jaccard(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }
}
