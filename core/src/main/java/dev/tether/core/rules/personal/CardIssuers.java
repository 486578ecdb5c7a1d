package dev.tether.core.rules.personal;

import java.util.List;

/**
 * Issuer identification number (IIN) ranges and lengths of the card schemes detected. Facts from
 * the schemes' published ranges (ISO/IEC 7812 numbering).
 */
final class CardIssuers {
  /** One IIN range: prefixes {@code low..high} of {@code digits} digits, card lengths min..max. */
  record Range(String scheme, int digits, int low, int high, int minLength, int maxLength) {
    boolean matches(CharSequence number) {
      if (number.length() < minLength || number.length() > maxLength) {
        return false;
      }
      int prefix = 0;
      for (int i = 0; i < digits; i++) {
        prefix = prefix * 10 + (number.charAt(i) - '0');
      }
      return prefix >= low && prefix <= high;
    }
  }

  static final List<Range> RANGES =
      List.of(
          new Range("visa", 1, 4, 4, 13, 19),
          new Range("mastercard", 2, 51, 55, 16, 16),
          new Range("mastercard", 4, 2221, 2720, 16, 16),
          new Range("amex", 2, 34, 34, 15, 15),
          new Range("amex", 2, 37, 37, 15, 15),
          new Range("discover", 4, 6011, 6011, 16, 19),
          new Range("discover", 3, 644, 649, 16, 19),
          new Range("discover", 2, 65, 65, 16, 19),
          new Range("jcb", 4, 3528, 3589, 16, 19),
          new Range("diners", 3, 300, 305, 14, 19),
          new Range("diners", 4, 3095, 3095, 14, 19),
          new Range("diners", 2, 36, 36, 14, 19),
          new Range("diners", 2, 38, 39, 14, 19),
          new Range("unionpay", 2, 62, 62, 16, 19),
          new Range("maestro", 4, 5018, 5018, 12, 19),
          new Range("maestro", 4, 5020, 5020, 12, 19),
          new Range("maestro", 4, 5038, 5038, 12, 19),
          new Range("maestro", 4, 5893, 5893, 12, 19),
          new Range("maestro", 4, 6304, 6304, 12, 19),
          new Range("maestro", 4, 6759, 6759, 12, 19),
          new Range("maestro", 4, 6761, 6763, 12, 19));

  /**
   * Published test numbers of payment processors: valid by Luhn and IIN but never real accounts.
   * Reported with low confidence (they still should not end up in prompts as if real).
   */
  static final List<String> TEST_NUMBERS =
      List.of(
          "4111111111111111",
          "4242424242424242",
          "4012888888881881",
          "4000056655665556",
          "4222222222222",
          "5555555555554444",
          "5105105105105100",
          "5200828282828210",
          "2223003122003222",
          "378282246310005",
          "371449635398431",
          "378734493671000",
          "6011111111111117",
          "6011000990139424",
          "3530111333300000",
          "3566002020360505",
          "30569309025904",
          "38520000023237",
          "6200000000000005");

  private CardIssuers() {}

  /** The scheme whose IIN range and length {@code number} fits, or {@code null}. */
  static String scheme(CharSequence number) {
    if (number.charAt(0) == '4') {
      // Visa issues 13, 16 and 19 digit numbers only.
      int n = number.length();
      return n == 13 || n == 16 || n == 19 ? "visa" : null;
    }
    for (Range range : RANGES) {
      if (range.matches(number)) {
        return range.scheme();
      }
    }
    return null;
  }
}
