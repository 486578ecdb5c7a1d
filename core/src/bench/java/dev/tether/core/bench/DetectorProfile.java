package dev.tether.core.bench;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.RuleEngine;
import dev.tether.core.rules.credentials.CredentialDetectors;
import dev.tether.core.rules.personal.PersonalDataDetectors;
import dev.tether.core.rules.support.RegexDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the scan time goes: times an engine over each built-in detector alone (prefilter and nested
 * decoding included, as in {@link RuleEngine#standard()}) on one payload at two sizes, and prints
 * the slowest detectors with their ms per MB at both sizes (a detector whose ms per MB grows with
 * the size is super-linear). A diagnostic, not a benchmark: a few repetitions, no JMH.
 *
 * <p>Usage: {@code DetectorProfile KIND [SMALL LARGE]} where KIND is {@code clean}, {@code secrets},
 * {@code json}, {@code json-secrets} or an adversarial kind of {@link AdversarialScanBenchmark}; sizes default to 65536 and 1048576.
 */
public final class DetectorProfile {
  private DetectorProfile() {}

  public static void main(String[] args) {
    String kind = args.length > 0 ? args[0] : "clean";
    int small = args.length > 2 ? Integer.parseInt(args[1]) : 1 << 16;
    int large = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
    String smallText = payload(kind, small);
    String largeText = payload(kind, large);
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    RuleEngine all = RuleEngine.of(detectors);
    for (int i = 0; i < 3; i++) {
      all.scan(smallText);
      all.scan(largeText);
    }
    double allSmall = msPerMb(all, smallText);
    double allLarge = msPerMb(all, largeText);
    RuleEngine none = RuleEngine.of(List.of());
    double baseSmall = msPerMb(none, smallText);
    double baseLarge = msPerMb(none, largeText);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < detectors.size(); i++) {
      RuleEngine one = RuleEngine.of(List.of(detectors.get(i)));
      rows.add(new double[] {i, msPerMb(one, smallText), msPerMb(one, largeText)});
    }
    rows.sort((a, b) -> Double.compare(b[2], a[2]));
    System.out.printf(
        Locale.ROOT,
        "%s: all detectors %.1f ms/MB at %d chars, %.1f ms/MB at %d chars%n",
        kind,
        allSmall,
        small,
        allLarge,
        large);
    System.out.printf(
        Locale.ROOT,
        "%s: engine without detectors %.1f ms/MB at %d chars, %.1f ms/MB at %d chars%n",
        kind,
        baseSmall,
        small,
        baseLarge,
        large);
    System.out.printf(
        Locale.ROOT, "%-60s %12s %12s%n", "detector (alone)", "ms/MB small", "ms/MB large");
    for (double[] r : rows.subList(0, Math.min(15, rows.size()))) {
      Detector d = detectors.get((int) r[0]);
      System.out.printf(Locale.ROOT, "%-60s %12.1f %12.1f%n", describe(d), r[1], r[2]);
    }
  }

  private static String payload(String kind, int size) {
    return switch (kind) {
      case "clean" -> Payloads.clean(size, 1);
      case "secrets" -> Payloads.withSecrets(size, 5, 1);
      case "json" -> Payloads.jsonChatBody(size, 0, 1);
      case "json-secrets" -> Payloads.jsonChatBody(size, 5, 1);
      default -> Payloads.adversarial(kind, size);
    };
  }

  private static String describe(Detector d) {
    String name = d instanceof RegexDetector r ? r.id() : d.getClass().getSimpleName();
    return name + " (" + d.family() + ")";
  }

  private static double msPerMb(RuleEngine engine, String text) {
    engine.scan(text);
    int reps = text.length() > (1 << 18) ? 2 : 8;
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      engine.scan(text);
    }
    double ms = (System.nanoTime() - start) / 1e6 / reps;
    return ms / (text.length() / (1024.0 * 1024.0));
  }
}
