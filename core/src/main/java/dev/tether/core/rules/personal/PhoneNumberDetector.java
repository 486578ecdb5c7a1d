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

/**
 * Phone numbers. International numbers ({@code +44 20 7946 0018}, E.164 {@code +14155552671}) are
 * found anywhere: a plus, a non-zero country code and 8 to 15 digits in all. National numbers
 * (North American {@code (415) 555-2671}, trunk-0 numbers such as {@code 020 7946 0018} or {@code
 * 030/12345678}) are reported only near a phone word, so version strings, build numbers and dates
 * are not. Digit groups are read by hand (one to two separators between groups), never a regex.
 */
final class PhoneNumberDetector implements Detector {
  static final String ID = "phone-number";
  static final List<String> CONTEXT =
      List.of(
          "phone",
          "phones",
          "telephone",
          "tel",
          "mobile",
          "cell",
          "cellphone",
          "fax",
          "call",
          "contact",
          "sms",
          "whatsapp",
          "telefon",
          "telefonnummer",
          "mob");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(CONTEXT);

  private static final Scoring SCORING =
      new Scoring(
          new ContextWords(CONTEXT, 40, 10),
          ContextWords.of(
              30, 5, "order", "invoice", "build", "version", "serial", "isbn", "tracking", "ref"),
          0.15,
          0.4);

  @Override
  public String family() {
    return DetectorFamilies.CONTACT_DETAILS;
  }

  @Override
  public Set<String> keywords() {
    Set<String> keywords = new java.util.HashSet<>(CONTEXT);
    keywords.add("+");
    return Set.copyOf(keywords);
  }

  @Override
  public boolean usesKeywordStarts() {
    return true;
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    return scan(input, null);
  }

  /** With {@code keywordStarts} from the prefilter, the context-word pass is skipped. */
  @Override
  public List<Finding> scan(CharSequence input, int[] keywordStarts) {
    String text = input.toString(); // a String already in practice; its charAt is the fast path
    List<Finding> findings = new ArrayList<>();
    int n = text.length();
    for (int i = text.indexOf('+'); i >= 0 && i + 1 < n; i = text.indexOf('+', i + 1)) {
      if (text.charAt(i + 1) >= '1' && text.charAt(i + 1) <= '9') {
        if (i > 0 && (Scoring.isAlnum(text.charAt(i - 1)) || text.charAt(i - 1) == '+')) {
          continue;
        }
        int end = DigitGroups.read(text, i + 1, 15);
        String digits = InContext.digitsOf(text.subSequence(i + 1, Math.max(i + 1, end)));
        if (end > 0 && validInternational(digits)) {
          add(
              findings,
              text,
              i,
              end,
              fictional(digits.substring(digits.startsWith("1") ? 1 : 0)) ? 0.3 : 0.7);
          i = end;
        }
      }
    }
    List<int[]> regions =
        keywordStarts == null
            ? WINDOWS.around(text, 10, 60)
            : WINDOWS.aroundStarts(text, keywordStarts, 10, 60);
    for (int[] region : regions) {
      for (int p = region[0]; p < region[1]; p++) {
        char c = text.charAt(p);
        if (!(Scoring.isDigit(c) || c == '(') || !leftBoundary(text, p)) {
          continue;
        }
        int end = DigitGroups.read(text, c == '(' ? p + 1 : p, 11);
        if (end < 0) {
          while (p + 1 < region[1] && Scoring.isAlnum(text.charAt(p + 1))) {
            p++;
          }
          continue;
        }
        String digits = InContext.digitsOf(text.subSequence(p, end));
        if (validNational(digits)) {
          add(findings, text, p, end, fictional(digits) ? 0.3 : 0.65);
        }
        p = end;
      }
    }
    return findings;
  }

  private void add(List<Finding> findings, CharSequence text, int start, int end, double base) {
    double confidence = base < 0.5 ? base : SCORING.score(base, text, start, end);
    findings.add(
        new Finding(ID, "phone-number", family(), Severity.MEDIUM, confidence, start, end));
  }

  private static boolean leftBoundary(CharSequence text, int p) {
    if (p == 0) {
      return true;
    }
    char prev = text.charAt(p - 1);
    return !(Scoring.isAlnum(prev)
        || prev == '+'
        || prev == '_'
        || prev == '.'
        || prev == '-'
        || prev == '/'
        || prev == ':');
  }

  /** Country code non-zero, 8..15 digits; +1 numbers follow the North American plan. */
  static boolean validInternational(String digits) {
    if (digits.length() < 8 || digits.length() > 15 || Checksums.allSame(digits)) {
      return false;
    }
    return digits.charAt(0) != '1' || (digits.length() == 11 && nanp(digits.substring(1)));
  }

  /** Ten NANP digits, eleven with a leading 1, or 10..11 digits starting with a trunk 0. */
  static boolean validNational(String digits) {
    if (Checksums.allSame(digits.substring(1))) {
      return false;
    }
    if (digits.length() == 10 && digits.charAt(0) != '0') {
      return nanp(digits);
    }
    if (digits.length() == 11 && digits.charAt(0) == '1') {
      return nanp(digits.substring(1));
    }
    return (digits.length() == 10 || digits.length() == 11)
        && digits.charAt(0) == '0'
        && digits.charAt(1) != '0';
  }

  /** Area code and exchange both start 2-9. */
  private static boolean nanp(String ten) {
    return ten.charAt(0) >= '2' && ten.charAt(3) >= '2';
  }

  /** Numbers reserved for fiction: NANP 555-0100..0199, Ofcom 020 7946 0xxx and 07700 900xxx. */
  static boolean fictional(String digits) {
    String d = digits.startsWith("44") ? "0" + digits.substring(2) : digits;
    return (d.length() == 10 && d.startsWith("5550", 3) && d.charAt(7) == '1')
        || d.startsWith("0207946")
        || d.startsWith("07700900");
  }
}
