package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passport numbers, only right after a passport word ("passport no.: ", "Reisepass-Nr. "): US (nine
 * digits, or a letter and eight digits), UK (nine digits), German (nine characters of the
 * restricted alphabet, starting C, F, G, H, J or K), French (two digits, two letters, five digits)
 * and a generic one or two letters plus six to eight digits (lower confidence).
 */
final class PassportDetector implements Detector {
  static final String ID = "passport-number";
  private static final List<String> KEYWORDS =
      List.of("passport", "passports", "reisepass", "passeport", "pasaporte", "passaporto");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(KEYWORDS);

  /** Keyword, up to 40 characters of label ("number", "no.", ":"), then the value. */
  private static final Pattern AFTER_KEYWORD =
      Pattern.compile(
          "(?i:passports?|reisepass|passeport|pasaporte|passaporto)"
              + "[\\w .:#'\"=(),\\n-]{0,40}?(?<![A-Za-z0-9])"
              + "([A-Z0-9]{7,9})(?![A-Za-z0-9])");

  private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");
  private static final Pattern US_NEXT_GEN = Pattern.compile("[A-Z]\\d{8}");
  private static final Pattern GERMAN = Pattern.compile("[CFGHJK][0-9CFGHJKLMNPRTVWXYZ]{8}");
  private static final Pattern FRENCH = Pattern.compile("\\d{2}[A-Z]{2}\\d{5}");
  private static final Pattern GENERIC = Pattern.compile("[A-Z]{1,2}\\d{6,7}");

  @Override
  public String family() {
    return DetectorFamilies.GOVERNMENT_IDS;
  }

  @Override
  public Set<String> keywords() {
    return Set.copyOf(KEYWORDS);
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    InContext.forEachMatch(
        text,
        WINDOWS,
        0,
        80,
        AFTER_KEYWORD,
        m -> {
          double confidence = confidence(m.group(1));
          if (confidence > 0) {
            findings.add(
                new Finding(
                    ID,
                    "passport-number",
                    family(),
                    Severity.HIGH,
                    confidence,
                    m.start(1),
                    m.end(1)));
          }
        });
    return findings;
  }

  /** Confidence for a candidate value, 0 if it fits no known format. */
  static double confidence(String value) {
    int digits = InContext.digitsOf(value).length();
    if (digits < 5 || Checksums.allSame(InContext.digitsOf(value))) {
      return 0;
    }
    if (matches(NINE_DIGITS, value) || matches(US_NEXT_GEN, value) || matches(FRENCH, value)) {
      return 0.85;
    }
    if (matches(GERMAN, value)) {
      return 0.8;
    }
    return matches(GENERIC, value) ? 0.65 : 0;
  }

  private static boolean matches(Pattern pattern, String value) {
    Matcher matcher = pattern.matcher(value);
    return matcher.matches();
  }
}
