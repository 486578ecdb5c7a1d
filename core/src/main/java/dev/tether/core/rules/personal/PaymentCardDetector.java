package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers (PAN): 12 to 19 digits, contiguous or grouped with single spaces or dashes
 * (4-4-4-4, 4-6-5, 4-6-4), in a known issuer range and length, passing Luhn. Runs on every text (a
 * card needs no keyword) with a hand-written single pass over the characters; no regex.
 */
final class PaymentCardDetector implements Detector {
  static final String ID = "payment-card";
  private static final int MAX_DIGITS = 19;
  private static final double BASE = 0.8;
  private static final double TEST_NUMBER = 0.3;

  private static final Scoring SCORING =
      new Scoring(
          ContextWords.of(
              60,
              40,
              "card",
              "credit",
              "debit",
              "visa",
              "mastercard",
              "amex",
              "american express",
              "discover",
              "jcb",
              "diners",
              "maestro",
              "unionpay",
              "cvv",
              "cvc",
              "cc",
              "pan",
              "exp",
              "expiry",
              "expires",
              "cardholder",
              "payment"),
          ContextWords.of(
              30,
              5,
              "order id",
              "order no",
              "order number",
              "order #",
              "invoice no",
              "invoice number",
              "invoice #",
              "tracking",
              "reference",
              "ref",
              "transaction id",
              "txn",
              "sku",
              "isbn",
              "imei",
              "serial",
              "build",
              "test card",
              "test number"),
          0.15,
          0.45);

  @Override
  public String family() {
    return DetectorFamilies.PAYMENT_CARDS;
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    String text = input.toString(); // a String already in practice; its charAt is the fast path
    List<Finding> findings = new ArrayList<>();
    int n = text.length();
    char[] digits = new char[MAX_DIGITS + 1];
    int[] groupEnds = new int[MAX_DIGITS + 1];
    int[] groupOffsets = new int[MAX_DIGITS + 1];
    int i = 0;
    while ((i = Scoring.nextDigit(text, i)) < n) {
      int runStart = i;
      int count = 0;
      int groups = 0;
      char separator = 0;
      int j = i;
      while (j < n && count <= MAX_DIGITS) {
        char d = text.charAt(j);
        if (Scoring.isDigit(d)) {
          digits[count++] = d;
          j++;
        } else if ((d == ' ' || d == '-')
            && (separator == 0 || separator == d)
            && j + 1 < n
            && Scoring.isDigit(text.charAt(j + 1))) {
          separator = d;
          groupEnds[groups] = count;
          groupOffsets[groups++] = j;
          j++;
        } else {
          break;
        }
      }
      while (j < n && Scoring.isDigit(text.charAt(j))) {
        j++; // a run longer than any card: skip it whole
      }
      if (count <= MAX_DIGITS && leftBoundary(text, runStart)) {
        groupEnds[groups] = count;
        groupOffsets[groups] = j;
        evaluate(text, runStart, digits, groupEnds, groupOffsets, groups, separator, j, findings);
      } else if (count > MAX_DIGITS && separator != 0 && leftBoundary(text, runStart)) {
        // A grouped card followed by another number ("4111 1111 1111 1111 2029"): try prefixes.
        evaluate(
            text, runStart, digits, groupEnds, groupOffsets, groups - 1, separator, -1, findings);
      }
      i = j;
    }
    return findings;
  }

  /** Tries the longest prefix of whole groups that forms a valid, well-grouped card number. */
  private void evaluate(
      CharSequence text,
      int start,
      char[] digits,
      int[] groupEnds,
      int[] groupOffsets,
      int lastGroup,
      char separator,
      int runEnd,
      List<Finding> findings) {
    for (int g = lastGroup; g >= 0; g--) {
      int length = groupEnds[g];
      int end = g == lastGroup && runEnd >= 0 ? runEnd : groupOffsets[g];
      if (length < 12 || length > MAX_DIGITS) {
        continue;
      }
      if (!rightBoundary(text, end)) {
        return;
      }
      String number = new String(digits, 0, length);
      if (separator != 0 && !wellGrouped(groupEnds, g)) {
        continue;
      }
      if (CardIssuers.scheme(number) != null
          && Checksums.luhn(number)
          && !Checksums.allSame(number)) {
        double confidence =
            CardIssuers.TEST_NUMBERS.contains(number)
                ? TEST_NUMBER
                : SCORING.score(BASE - (length < 13 ? 0.2 : 0), text, start, end);
        findings.add(
            new Finding(ID, "payment-card", family(), Severity.CRITICAL, confidence, start, end));
        return;
      }
      if (separator == 0) {
        return;
      }
    }
  }

  /** 4-4-4-4 style (last group 1..4), or the Amex/Diners 4-6-5 and 4-6-4 layouts. */
  private static boolean wellGrouped(int[] groupEnds, int lastGroup) {
    if (lastGroup == 0) {
      return true; // contiguous digits followed by a separated number
    }
    if (lastGroup == 2 && groupEnds[0] == 4 && groupEnds[1] == 10) {
      int last = groupEnds[2] - groupEnds[1];
      return last == 5 || last == 4;
    }
    for (int g = 0; g < lastGroup; g++) {
      if (groupEnds[g] - (g == 0 ? 0 : groupEnds[g - 1]) != 4) {
        return false;
      }
    }
    return true;
  }

  private static boolean leftBoundary(CharSequence text, int start) {
    if (start == 0) {
      return true;
    }
    char prev = text.charAt(start - 1);
    if (Scoring.isAlnum(prev) || prev == '_') {
      return false;
    }
    // "12.4111..." is a decimal; "ORD-4111..." or "v/4111..." belongs to a longer token
    if (start >= 2 && (prev == '.' || prev == ',')) {
      return !Scoring.isDigit(text.charAt(start - 2));
    }
    boolean joiner = prev == '-' || prev == '/';
    return !(joiner && start >= 2 && Scoring.isAlnum(text.charAt(start - 2)));
  }

  private static boolean rightBoundary(CharSequence text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char next = text.charAt(end);
    if (Scoring.isAlnum(next) || next == '_') {
      return false;
    }
    boolean joiner = next == '.' || next == '-' || next == '/' || next == ':';
    return !(joiner && end + 1 < text.length() && Scoring.isDigit(text.charAt(end + 1)));
  }
}
