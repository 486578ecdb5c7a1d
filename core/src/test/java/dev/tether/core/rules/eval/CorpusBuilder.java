package dev.tether.core.rules.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds the labelled corpus deterministically: the same seed and the same generators always give
 * the same samples, in the same order, with the same ids.
 *
 * <p>Positives: for every detector a generator helper covers, {@code valuesPerType} values, each in
 * {@code contextsPerValue} contexts: first the helper's own template for that type, then context
 * templates of ours (env files, JSON, code, manifests, shell history, logs, chat prompts, AI
 * request bodies, CSV, tickets) holding the bare value when the type is recognisable on its own, or
 * the helper's labelled snippet otherwise; plus a few env files mixing several credential types.
 * Negatives: see {@link HardNegatives}. Each type draws from its own random stream (seeded from the
 * corpus seed and the detector id), so adding a type does not change the samples of the others.
 */
public final class CorpusBuilder {
  /** The seed of the corpus the accuracy test and the benchmarks use. */
  public static final long SEED = 20261126L;

  private final long seed;
  private final int valuesPerType;
  private final int contextsPerValue;
  private final List<TypeGenerator> generators;

  private CorpusBuilder(
      long seed, int valuesPerType, int contextsPerValue, List<TypeGenerator> generators) {
    this.seed = seed;
    this.valuesPerType = valuesPerType;
    this.contextsPerValue = contextsPerValue;
    this.generators = List.copyOf(generators);
  }

  /**
   * The standard corpus: every discovered generator, 4 values per detector, 2 contexts each (the
   * helper's own template and one of ours).
   */
  public static CorpusBuilder standard() {
    return new CorpusBuilder(SEED, 4, 2, Generators.discover());
  }

  /** A builder over exactly {@code generators}. */
  public static CorpusBuilder of(
      long seed, int valuesPerType, int contextsPerValue, List<TypeGenerator> generators) {
    if (valuesPerType < 1 || contextsPerValue < 1) {
      throw new IllegalArgumentException(
          "corpus: valuesPerType and contextsPerValue must be >= 1, got "
              + valuesPerType
              + " and "
              + contextsPerValue);
    }
    return new CorpusBuilder(seed, valuesPerType, contextsPerValue, generators);
  }

  /** The generators this corpus is built from. */
  public List<TypeGenerator> generators() {
    return generators;
  }

  /** Builds the corpus. */
  public List<Sample> build() {
    List<Contexts.Template> contexts = Contexts.load();
    List<Sample> samples = new ArrayList<>();
    for (TypeGenerator g : generators) {
      Random random = new Random(seed * 31 + g.detectorId().hashCode());
      List<Contexts.Template> order = new ArrayList<>(contexts);
      Collections.shuffle(order, random);
      int next = 0;
      for (int v = 0; v < valuesPerType; v++) {
        String id = "pos-" + g.detectorId() + "-" + v;
        // 1. the helper's own context for this type
        samples.add(
            sample(id + "-own", "positive/helper-template", g.type(), g.nextInContext(random)));
        // 2..n: ours; a bare value if it is recognisable on its own, else the helper's snippet
        for (int k = 1; k < contextsPerValue; k++) {
          boolean snippet = !g.standalone() || k % 2 == 0;
          TypeGenerator.Snippet s = snippet ? g.nextInContext(random) : whole(g.next(random));
          for (int tried = 0; tried < order.size(); tried++) {
            Contexts.Template t = order.get(next++ % order.size());
            if (t.accepts(g, s.text(), snippet)) {
              samples.add(withId(t.render("", g.type(), s), id + "-" + k));
              break;
            }
          }
        }
      }
    }
    samples.addAll(mixedEnvFiles(new Random(seed + 1)));
    Random negatives = new Random(seed + 2);
    List<Sample> hard = new ArrayList<>(HardNegatives.handWritten());
    hard.addAll(HardNegatives.identifiers(negatives, 12));
    for (TypeGenerator g : generators) {
      hard.addAll(
          HardNegatives.lookAlikes(g, new Random(seed * 37 + g.detectorId().hashCode()), 2));
    }
    hard.addAll(HardNegatives.fromHelper(Generators.personalNegatives(), negatives, 2));
    for (int i = 0; i < hard.size(); i++) {
      samples.add(withId(hard.get(i), String.format(Locale.ROOT, "neg-%04d", i)));
    }
    return List.copyOf(samples);
  }

  /** Env files holding three credentials of different types each, one label per value. */
  private List<Sample> mixedEnvFiles(Random random) {
    List<TypeGenerator> credentials = new ArrayList<>();
    for (TypeGenerator g : generators) {
      if (g.isCredential() && g.standalone()) {
        credentials.add(g);
      }
    }
    List<Sample> out = new ArrayList<>();
    if (credentials.size() < 3) {
      return out;
    }
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(credentials, random);
      StringBuilder text = new StringBuilder("# staging\nAPP_ENV=staging\n");
      List<Label> labels = new ArrayList<>();
      for (TypeGenerator g : credentials) {
        String value = g.next(random);
        if (value.indexOf('\n') >= 0) {
          continue;
        }
        text.append(Contexts.upperSnake(g.type())).append('=');
        labels.add(new Label(g.type(), text.length(), text.length() + value.length()));
        text.append(value).append('\n');
        if (labels.size() == 3) {
          break;
        }
      }
      text.append("LOG_LEVEL=debug\n");
      out.add(new Sample("pos-mixed-env-" + i, "positive/mixed-env-file", text.toString(), labels));
    }
    return out;
  }

  /** Writes {@code samples} as JSON lines {@code {"id","category","text","labels":[...]}}. */
  public static void writeJsonl(List<Sample> samples, Path file) {
    ObjectMapper json = new ObjectMapper();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Sample s : samples) {
          ObjectNode line = json.createObjectNode();
          line.put("id", s.id());
          line.put("category", s.category());
          line.put("text", s.text());
          ArrayNode labels = line.putArray("labels");
          for (Label l : s.labels()) {
            labels.addObject().put("type", l.type()).put("start", l.start()).put("end", l.end());
          }
          out.write(json.writeValueAsString(line));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corpus: cannot write " + file, e);
    }
  }

  /** Reads a file written by {@link #writeJsonl}. */
  public static List<Sample> readJsonl(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<Sample> samples = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        var node = json.readTree(line);
        List<Label> labels = new ArrayList<>();
        for (var l : node.path("labels")) {
          labels.add(
              new Label(l.get("type").asText(), l.get("start").asInt(), l.get("end").asInt()));
        }
        samples.add(
            new Sample(
                node.get("id").asText(),
                node.path("category").asText("unknown"),
                node.get("text").asText(),
                labels));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corpus: cannot read " + file, e);
    }
    return samples;
  }

  private static TypeGenerator.Snippet whole(String value) {
    return new TypeGenerator.Snippet(value, 0, value.length());
  }

  private static Sample sample(String id, String category, String type, TypeGenerator.Snippet s) {
    return new Sample(id, category, s.text(), List.of(new Label(type, s.start(), s.end())));
  }

  private static Sample withId(Sample sample, String id) {
    return new Sample(id, sample.category(), sample.text(), sample.labels());
  }
}
