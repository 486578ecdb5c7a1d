package dev.tether.core.rules;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.credentials.CredentialDetectors;
import dev.tether.core.rules.internal.DecodedView;
import dev.tether.core.rules.internal.Findings;
import dev.tether.core.rules.internal.JsonEscapes;
import dev.tether.core.rules.internal.KeywordAutomaton;
import dev.tether.core.rules.internal.NestedDecoder;
import dev.tether.core.rules.personal.PersonalDataDetectors;
import dev.tether.core.rules.tradesecret.TradeSecretDetectors;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the detectors over a text and every text nested in it, and returns all findings in order of
 * position, as spans of the original text. Immutable and thread-safe: build once per activated
 * policy (the keyword automaton is built here), call {@link #scan} concurrently.
 *
 * <p>What {@link #scan} does, in order:
 *
 * <ol>
 *   <li>Decodes nested encodings ({@link NestedDecoder}): JSON string escapes, percent-encoding and
 *       base64, at most {@value NestedDecoder#DEFAULT_MAX_DEPTH} levels deep and at most twice the
 *       text length plus {@value NestedDecoder#BUDGET_SLACK_CHARS} decoded characters in all.
 *   <li>Skips a view that has a JSON-unescaped child when every escape in it stands for a line
 *       break, tab, control character, space or quote (a chat-request body holding prose and code):
 *       findings in it that split or cross such an escape are dropped anyway (see below), and any
 *       other span holds no escape, so the child, which covers the whole view with an exact offset
 *       map, has the same characters there. {@code JsonViewEquivalenceTest} checks that the
 *       findings are the same as with the view scanned, on the corpus as it is and wrapped in
 *       chat-request bodies.
 *   <li>For each other view (the original and each decoding), one pass of the keyword automaton
 *       finds the detectors whose {@link Detector#keywords()} occur; only those, and the detectors
 *       with no keywords, scan that view.
 *   <li>Maps findings in decoded views back to the original text: exactly through escapes and
 *       percent-encoding, to the whole encoded run through base64.
 *   <li>Drops findings in a view whose span boundary splits a JSON escape when that view also has
 *       an unescaped child (which reports the real span), and merges findings of the same detector
 *       with overlapping spans.
 * </ol>
 */
public final class RuleEngine {
  /** Longest text scanned; larger inputs are refused (the caller blocks). */
  public static final int MAX_SCAN_CHARS = 16 * 1024 * 1024;

  private final List<Detector> detectors;
  private final KeywordAutomaton automaton;
  private final BitSet alwaysOn = new BitSet();
  private final BitSet positional = new BitSet();
  private final boolean scanEscapedViews;

  private RuleEngine(List<Detector> detectors) {
    this(detectors, false);
  }

  private RuleEngine(List<Detector> detectors, boolean scanEscapedViews) {
    this.scanEscapedViews = scanEscapedViews;
    this.detectors = List.copyOf(detectors);
    List<Set<String>> keywords = new ArrayList<>(this.detectors.size());
    for (int i = 0; i < this.detectors.size(); i++) {
      Set<String> set =
          Objects.requireNonNull(this.detectors.get(i).keywords(), "detector keywords");
      keywords.add(set);
      if (set.isEmpty() || set.contains("")) {
        alwaysOn.set(i);
      } else if (this.detectors.get(i).usesKeywordStarts()) {
        positional.set(i);
      }
    }
    this.automaton = KeywordAutomaton.build(keywords, positional);
  }

  /** The built-in detectors: credentials and personal data. */
  public static RuleEngine standard() {
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    return new RuleEngine(detectors);
  }

  /** The built-in detectors plus those {@code policy} defines (markers, protected code, rules). */
  public static RuleEngine forPolicy(PolicyDocument policy) {
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    detectors.addAll(TradeSecretDetectors.forPolicy(policy));
    return new RuleEngine(detectors);
  }

  /** An engine over exactly {@code detectors}. */
  public static RuleEngine of(List<Detector> detectors) {
    return new RuleEngine(Objects.requireNonNull(detectors, "detectors"));
  }

  /**
   * The same engine, but one that also runs every detector over a view that has a JSON-unescaped
   * child, as engines did before that view was skipped. For equivalence tests only.
   */
  RuleEngine scanningEscapedViews() {
    return new RuleEngine(detectors, true);
  }

  /** The detector families this engine can report. */
  public List<String> families() {
    return detectors.stream().map(Detector::family).distinct().toList();
  }

  /** Number of detectors. */
  public int detectorCount() {
    return detectors.size();
  }

  /**
   * All findings in {@code text} and in the texts nested in it, as spans of {@code text}, ordered
   * by start offset; at most one finding per detector for overlapping spans.
   *
   * @throws IllegalArgumentException if {@code text} is longer than {@link #MAX_SCAN_CHARS}
   * @throws IllegalStateException if a detector reports a span outside the text it scanned (a
   *     detector bug; the caller blocks)
   */
  public List<Finding> scan(CharSequence text) {
    if (text.length() > MAX_SCAN_CHARS) {
      throw new IllegalArgumentException(
          "scan: text of " + text.length() + " chars exceeds the limit of " + MAX_SCAN_CHARS);
    }
    // One copy to a String: detectors and the prefilter run fastest on it, whatever the caller had.
    String original = text.toString();
    List<Finding> findings = new ArrayList<>();
    List<DecodedView> views = NestedDecoder.decode(original).views();
    // Most texts have no nested encoding: only the original view, nothing to skip or filter.
    Set<DecodedView> unescaped =
        views.size() == 1 ? Set.of() : Collections.newSetFromMap(new IdentityHashMap<>());
    Set<DecodedView> skipped =
        views.size() == 1 ? Set.of() : Collections.newSetFromMap(new IdentityHashMap<>());
    for (DecodedView view : views) {
      if (view.encoding() == DecodedView.Encoding.JSON_ESCAPES) {
        unescaped.add(view.parent());
        if (!scanEscapedViews && JsonEscapes.onlySeparatorEscapes(view.parent().text())) {
          skipped.add(view.parent());
        }
      }
    }
    for (DecodedView view : views) {
      if (skipped.contains(view)) {
        continue;
      }
      CharSequence viewText = view.text();
      int[][] starts = positional.isEmpty() ? null : new int[detectors.size()][];
      BitSet active = automaton.groupsIn(viewText, starts);
      active.or(alwaysOn);
      for (int d = active.nextSetBit(0); d >= 0; d = active.nextSetBit(d + 1)) {
        Detector detector = detectors.get(d);
        List<Finding> found =
            starts != null && starts[d] != null
                ? detector.scan(viewText, starts[d])
                : detector.scan(viewText);
        for (Finding finding : found) {
          checkSpan(view, finding);
          // "\nbob@corp.io" seen raw matches "nbob@corp.io"; the unescaped view has the real span.
          // "value\n\nThanks!" seen raw is one token; unescaped, the value ends at the line break.
          if (unescaped.contains(view)
              && (JsonEscapes.splits(viewText, finding.start())
                  || JsonEscapes.splits(viewText, finding.end())
                  || JsonEscapes.crossesSeparator(viewText, finding.start(), finding.end()))) {
            continue;
          }
          findings.add(toOriginal(view, finding));
        }
      }
    }
    return List.copyOf(Findings.deduplicate(findings));
  }

  private static void checkSpan(DecodedView view, Finding finding) {
    if (finding.end() > view.text().length()) {
      throw new IllegalStateException(
          "detector "
              + finding.detectorId()
              + " reported span ["
              + finding.start()
              + ", "
              + finding.end()
              + ") outside a text of "
              + view.text().length()
              + " chars");
    }
  }

  private static Finding toOriginal(DecodedView view, Finding finding) {
    if (view.isRoot()) {
      return finding;
    }
    int[] span = view.toOriginal(finding.start(), finding.end());
    return finding.shifted(span[0], span[1]);
  }
}
