package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * US Social Security numbers, only near a context word ("SSN", "social security"). The dashed form
 * {@code 123-45-6789} may sit anywhere within the window; the spaced and undashed forms must follow
 * the word closely. Area 000, 666 and 900-999, group 00, serial 0000, repeated digits and numbers
 * the SSA lists as invalidated by advertising are rejected.
 */
final class SsnDetector implements Detector {
  static final String ID = "us-ssn";
  static final List<String> KEYWORDS =
      List.of("ssn", "ssns", "social security", "social sec", "soc sec", "ss#", "ss #", "ss no");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(KEYWORDS);

  private static final Pattern SSN =
      Pattern.compile("(?<![\\w.-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)");

  /** Invalidated by use in advertising or widely published; never a real person's number. */
  private static final Set<String> INVALID =
      Set.of(
          "078051120",
          "219099999",
          "457555462",
          "123456789",
          "002281852",
          "042103580",
          "062360749",
          "095073645",
          "128036045",
          "135016629",
          "141186941",
          "165167999",
          "165187999",
          "165207999",
          "165227999",
          "165247999",
          "189092294",
          "212097694",
          "212099999",
          "306302348",
          "308125070",
          "468288779",
          "549241889");

  private static final ContextWords CLOSE = new ContextWords(KEYWORDS, 40, 0);
  private static final Scoring SCORING =
      new Scoring(
          ContextWords.of(40, 10, "ssn", "social security number", "employee", "taxpayer"),
          ContextWords.of(30, 5, "order", "invoice", "tracking", "phone", "fax", "test", "fake"),
          0.1,
          0.4);

  @Override
  public String family() {
    return DetectorFamilies.GOVERNMENT_IDS;
  }

  @Override
  public Set<String> keywords() {
    // substrings of every context word, so field names like social_security pass the prefilter
    return Set.of("ssn", "soc", "ss#", "ss #", "ss no", "ss_no");
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    InContext.forEachMatch(
        text,
        WINDOWS,
        120,
        120,
        SSN,
        m -> {
          String digits = m.group(1) + m.group(3) + m.group(4);
          boolean dashed = "-".equals(m.group(2));
          if (!valid(digits) || (!dashed && !CLOSE.near(text, m.start(), m.end()))) {
            return;
          }
          double base = dashed ? 0.85 : m.group(2).isEmpty() ? 0.6 : 0.7;
          findings.add(
              new Finding(
                  ID,
                  "us-ssn",
                  family(),
                  Severity.HIGH,
                  SCORING.score(base, text, m.start(), m.end()),
                  m.start(),
                  m.end()));
        });
    return findings;
  }

  /** Structural validity of nine SSN digits. */
  static boolean valid(String digits) {
    int area = Integer.parseInt(digits.substring(0, 3));
    return area != 0
        && area != 666
        && area < 900
        && !digits.startsWith("00", 3)
        && !digits.startsWith("0000", 5)
        && !Checksums.allSame(digits)
        && !INVALID.contains(digits);
  }
}
