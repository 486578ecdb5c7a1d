package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * International bank account numbers: a country code with its registered length, two check digits
 * and the BBAN, contiguous or printed in groups of four separated by single spaces, passing ISO
 * 7064 mod-97. Runs on every text; the first pass only stops at two upper-case letters followed by
 * two digits.
 */
final class IbanDetector implements Detector {
  static final String ID = "iban";

  /** IBAN length per country (SWIFT IBAN registry). */
  static final Map<String, Integer> LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("LY", 25),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20));

  /** Examples printed in standards and bank documentation. */
  private static final Set<String> EXAMPLES =
      Set.of("DE89370400440532013000", "GB82WEST12345698765432", "GB29NWBK60161331926819");

  private static final Scoring SCORING =
      new Scoring(
          ContextWords.of(
              60, 20, "iban", "account", "bank", "sepa", "bic", "swift", "transfer", "konto"),
          ContextWords.of(30, 5, "example", "sample", "test"),
          0.1,
          0.4);

  @Override
  public String family() {
    return DetectorFamilies.FINANCIAL_ACCOUNTS;
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    String text = input.toString(); // a String already in practice; its charAt is the fast path
    List<Finding> findings = new ArrayList<>();
    int n = text.length();
    StringBuilder iban = new StringBuilder(34);
    for (int i = 0; i + 4 < n; i++) {
      char probe = text.charAt(i + 3);
      if (!isUpper(probe) && !Scoring.isDigit(probe)) {
        // A start at i, i + 1 or i + 2 needs a digit at i + 3, a start at i + 3 a letter there.
        i += 3;
        continue;
      }
      if (!isUpper(text.charAt(i))
          || !isUpper(text.charAt(i + 1))
          || !Scoring.isDigit(text.charAt(i + 2))
          || !Scoring.isDigit(text.charAt(i + 3))
          || (i > 0 && (Scoring.isAlnum(text.charAt(i - 1)) || text.charAt(i - 1) == '_'))) {
        continue;
      }
      Integer length = LENGTHS.get(text.subSequence(i, i + 2).toString());
      if (length == null) {
        continue;
      }
      int end = read(text, i, length, iban);
      if (end < 0) {
        continue;
      }
      if (Checksums.ibanValid(iban)) {
        double confidence =
            EXAMPLES.contains(iban.toString()) ? 0.3 : SCORING.score(0.85, text, i, end);
        findings.add(new Finding(ID, "iban", family(), Severity.HIGH, confidence, i, end));
        i = end - 1;
      }
    }
    return findings;
  }

  /**
   * Reads exactly {@code length} IBAN characters from {@code start} into {@code out}, allowing one
   * space after every fourth character; returns the end offset or -1 when the text does not hold a
   * whole, bounded IBAN there.
   */
  private static int read(CharSequence text, int start, int length, StringBuilder out) {
    out.setLength(0);
    int j = start;
    int n = text.length();
    boolean spaced = false;
    while (j < n && out.length() < length) {
      char c = text.charAt(j);
      if (isUpper(c) || Scoring.isDigit(c)) {
        out.append(c);
        j++;
      } else if (c == ' '
          && out.length() % 4 == 0
          && (spaced || out.length() == 4)
          && j + 1 < n
          && Scoring.isAlnum(text.charAt(j + 1))) {
        spaced = true;
        j++;
      } else {
        return -1;
      }
    }
    if (out.length() < length
        || (j < n && (Scoring.isAlnum(text.charAt(j)) || text.charAt(j) == '_'))) {
      return -1;
    }
    return j;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
