package dev.tether.core.rules.personal;

import java.util.List;
import java.util.Random;

/** Luhn-valid card numbers in real IIN ranges, for {@link FakePersonalData}. */
public final class FakeCards {
  /** Scheme, IIN prefix and length of the generated cards. */
  private record Kind(String scheme, String prefix, int length) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("visa", "4", 16),
          new Kind("visa", "4", 13),
          new Kind("mastercard", "5", 16),
          new Kind("mastercard", "2", 16),
          new Kind("amex", "37", 15),
          new Kind("amex", "34", 15),
          new Kind("discover", "6011", 16),
          new Kind("discover", "65", 16),
          new Kind("jcb", "35", 16),
          new Kind("diners", "36", 14),
          new Kind("unionpay", "62", 16),
          new Kind("maestro", "6759", 16));

  private FakeCards() {}

  /** A card of a random scheme, contiguous or grouped the way the scheme prints it. */
  public static String cardNumber(Random random) {
    Kind kind = KINDS.get(random.nextInt(KINDS.size()));
    String digits = cardDigits(random, kind.prefix(), kind.length());
    int style = random.nextInt(3);
    return style == 0 ? digits : group(digits, style == 1 ? ' ' : '-');
  }

  /**
   * Luhn-valid digits starting with {@code prefix} (widened into a real range) of {@code length}.
   */
  public static String cardDigits(Random random, String prefix, int length) {
    StringBuilder digits = new StringBuilder(widen(random, prefix));
    while (digits.length() < length - 1) {
      digits.append(random.nextInt(10));
    }
    String number = digits.toString() + Checksums.luhnCheckDigit(digits);
    return CardIssuers.TEST_NUMBERS.contains(number) || Checksums.allSame(number)
        ? cardDigits(random, prefix, length)
        : number;
  }

  /** The same digits with the last check digit changed: a Luhn-invalid look-alike. */
  public static String luhnInvalid(Random random) {
    String valid = cardDigits(random, "4", 16);
    int last = valid.charAt(15) - '0';
    return valid.substring(0, 15) + (last + 1 + random.nextInt(8)) % 10;
  }

  /** 4-4-4-4 (or 4-6-5 for 15 digits, 4-6-4 for 14) with {@code separator}. */
  public static String group(String digits, char separator) {
    int[] groups =
        digits.length() == 15
            ? new int[] {4, 6, 5}
            : digits.length() == 14 ? new int[] {4, 6, 4} : null;
    StringBuilder out = new StringBuilder();
    int at = 0;
    int g = 0;
    while (at < digits.length()) {
      int size = groups == null ? 4 : groups[g++];
      if (at > 0) {
        out.append(separator);
      }
      out.append(digits, at, Math.min(digits.length(), at + size));
      at += size;
    }
    return out.toString();
  }

  private static String widen(Random random, String prefix) {
    return switch (prefix) {
      case "5" -> String.valueOf(51 + random.nextInt(5));
      case "2" -> String.valueOf(2221 + random.nextInt(500));
      case "35" -> String.valueOf(3528 + random.nextInt(62));
      case "62" -> "62" + (random.nextInt(7) + 3); // 623..629, outside Discover's co-brand range
      default -> prefix;
    };
  }
}
