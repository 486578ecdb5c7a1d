package dev.tether.core.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Precision and recall of one tool's detections against a labelled corpus.
 *
 * <p>A detection is a true positive when it overlaps a label whose type it is compatible with (for
 * Tether: the same type). Recall counts labels that at least one compatible detection overlaps;
 * precision counts detections that overlap a compatible label. A detection is attributed to the
 * type of the label it matched, or to its own type when it matched nothing, so a type's row shows
 * both how many of its labels were found and how many of its findings were wrong.
 */
public final class Scorecard {

  /** Counts for one type. {@code crossType} counts false positives that overlap another label. */
  public record Row(
      String type, int labels, int found, int detections, int correct, int crossType) {
    public double precision() {
      return detections == 0 ? 1.0 : (double) correct / detections;
    }

    public double recall() {
      return labels == 0 ? 1.0 : (double) found / labels;
    }
  }

  /** One error, for the report: what was missed or wrongly reported, and where. */
  public record Error(String kind, String sampleId, String category, String type, String excerpt) {}

  private final Map<String, Row> rows;
  private final List<Error> errors;

  private Scorecard(Map<String, Row> rows, List<Error> errors) {
    this.rows = rows;
    this.errors = errors;
  }

  /**
   * Scores {@code detections} (sample id to that sample's detections) against {@code corpus}.
   *
   * @param compatible whether a detection of the first type may claim a label of the second
   * @param labelScope which label types are counted (others are ignored, not missed)
   * @param detectionScope which detection types are counted (others are ignored)
   */
  public static Scorecard score(
      List<Sample> corpus,
      Map<String, List<Detection>> detections,
      BiPredicate<String, String> compatible,
      Predicate<String> labelScope,
      Predicate<String> detectionScope) {
    Map<String, int[]> counts = new TreeMap<>();
    List<Error> errors = new ArrayList<>();
    for (Sample sample : corpus) {
      List<Label> labels = sample.labels().stream().filter(l -> labelScope.test(l.type())).toList();
      List<Detection> found =
          detections.getOrDefault(sample.id(), List.of()).stream()
              .filter(d -> detectionScope.test(d.type()))
              .toList();
      for (Label label : labels) {
        int[] c = counts.computeIfAbsent(label.type(), t -> new int[5]);
        c[0]++;
        boolean hit =
            found.stream()
                .anyMatch(
                    d ->
                        compatible.test(d.type(), label.type())
                            && label.overlaps(d.start(), d.end()));
        if (hit) {
          c[1]++;
        } else {
          errors.add(error("missed", sample, label.type(), label.start(), label.end()));
        }
      }
      for (Detection d : found) {
        Label matched =
            labels.stream()
                .filter(l -> compatible.test(d.type(), l.type()) && l.overlaps(d.start(), d.end()))
                .findFirst()
                .orElse(null);
        int[] c =
            counts.computeIfAbsent(matched == null ? d.type() : matched.type(), t -> new int[5]);
        c[2]++;
        if (matched != null) {
          c[3]++;
        } else {
          boolean cross = sample.labels().stream().anyMatch(l -> l.overlaps(d.start(), d.end()));
          if (cross) {
            c[4]++;
          }
          errors.add(
              error(cross ? "wrong-type" : "spurious", sample, d.type(), d.start(), d.end()));
        }
      }
    }
    Map<String, Row> rows = new TreeMap<>();
    counts.forEach((t, c) -> rows.put(t, new Row(t, c[0], c[1], c[2], c[3], c[4])));
    return new Scorecard(rows, List.copyOf(errors));
  }

  /** Scores Tether-style detections: a detection matches a label of exactly its type. */
  public static Scorecard score(List<Sample> corpus, Map<String, List<Detection>> detections) {
    return score(corpus, detections, String::equals, t -> true, t -> true);
  }

  /** One row per type, sorted by type. */
  public List<Row> rows() {
    return List.copyOf(rows.values());
  }

  /** The row of {@code type}, or an empty row. */
  public Row row(String type) {
    return rows.getOrDefault(type, new Row(type, 0, 0, 0, 0, 0));
  }

  /** All types together. */
  public Row overall() {
    int[] sum = new int[5];
    for (Row r : rows.values()) {
      sum[0] += r.labels();
      sum[1] += r.found();
      sum[2] += r.detections();
      sum[3] += r.correct();
      sum[4] += r.crossType();
    }
    return new Row("overall", sum[0], sum[1], sum[2], sum[3], sum[4]);
  }

  /** Every missed label and every false positive. */
  public List<Error> errors() {
    return errors;
  }

  /** A fixed-width table: type, n (labels), found, findings, P, R, and cross-type errors. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %5s %5s %8s %6s %6s %6s%n",
            "type",
            "n",
            "found",
            "findings",
            "P",
            "R",
            "xtype"));
    for (Row r : rows.values()) {
      out.append(line(r));
    }
    out.append(line(overall()));
    return out.toString();
  }

  private static String line(Row r) {
    return String.format(
        Locale.ROOT,
        "%-34s %5d %5d %8d %6.3f %6.3f %6d%n",
        r.type(),
        r.labels(),
        r.found(),
        r.detections(),
        r.precision(),
        r.recall(),
        r.crossType());
  }

  private static Error error(String kind, Sample sample, String type, int start, int end) {
    String text = sample.text();
    int from = Math.max(0, start - 20);
    int to = Math.min(text.length(), end + 20);
    String excerpt =
        text.substring(from, start)
            + "\u00bb"
            + text.substring(start, end)
            + "\u00ab"
            + text.substring(end, to);
    if (excerpt.length() > 160) {
      excerpt = excerpt.substring(0, 157) + "...";
    }
    return new Error(kind, sample.id(), sample.category(), type, excerpt.replace("\n", "\\n"));
  }
}
