package dev.tether.core.rules.personal;

import java.util.List;
import java.util.Random;

/** Valid-structure national ids and bank accounts for {@link FakePersonalData}. */
public final class FakeIds {
  private static final List<String> IBAN_COUNTRIES =
      List.of("DE", "GB", "FR", "NL", "ES", "IT", "CH", "BE", "AT", "PL", "SE", "NO");
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String GERMAN_PASSPORT = "CFGHJKLMNPRTVWXYZ0123456789";

  private FakeIds() {}

  /** A dashed SSN with a valid area (001-899 except 666), group and serial. */
  public static String ssn(Random random) {
    String digits;
    do {
      int area = 1 + random.nextInt(899);
      digits =
          String.format(
              "%03d%02d%04d",
              area == 666 ? 667 : area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    } while (!SsnDetector.valid(digits));
    return digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
  }

  /** A mod-97-valid IBAN of a random country, contiguous or in groups of four. */
  public static String iban(Random random) {
    String iban = iban(random, IBAN_COUNTRIES.get(random.nextInt(IBAN_COUNTRIES.size())));
    return random.nextBoolean() ? iban : spaced(iban);
  }

  /** A mod-97-valid contiguous IBAN for {@code country} (digits-only BBAN). */
  public static String iban(Random random, String country) {
    int length = IbanDetector.LENGTHS.get(country);
    StringBuilder bban = new StringBuilder();
    if (country.equals("GB")) {
      for (int i = 0; i < 4; i++) {
        bban.append(LETTERS.charAt(random.nextInt(26)));
      }
    }
    while (bban.length() < length - 4) {
      bban.append(random.nextInt(10));
    }
    int remainder = Checksums.ibanRemainder(country + "00" + bban);
    int check = 98 - remainder;
    return country + String.format("%02d", check) + bban;
  }

  /** The IBAN printed in groups of four. */
  public static String spaced(String iban) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      out.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
    }
    return out.toString();
  }

  /** A mod-11-valid NHS number as {@code 3 3 4} with spaces, or contiguous. */
  public static String nhsNumber(Random random) {
    String digits;
    int check;
    do {
      StringBuilder nine = new StringBuilder();
      for (int i = 0; i < 9; i++) {
        nine.append(random.nextInt(10));
      }
      digits = nine.toString();
      check = Checksums.nhsCheckDigit(digits);
    } while (check == 10 || Checksums.allSame(digits + check));
    String ten = digits + check;
    return random.nextBoolean()
        ? ten
        : ten.substring(0, 3) + " " + ten.substring(3, 6) + " " + ten.substring(6);
  }

  /** A passport number in a US, US next-generation, German or French format. */
  public static String passportNumber(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> digits(random, 9);
      case 1 -> LETTERS.charAt(random.nextInt(26)) + digits(random, 8);
      case 2 -> german(random);
      default -> digits(random, 2) + letters(random, 2) + digits(random, 5);
    };
  }

  private static String german(Random random) {
    StringBuilder out = new StringBuilder().append("CFGHJK".charAt(random.nextInt(6)));
    int digitCount = 0;
    for (int i = 0; i < 8; i++) {
      char c = GERMAN_PASSPORT.charAt(random.nextInt(GERMAN_PASSPORT.length()));
      out.append(c);
      digitCount += Character.isDigit(c) ? 1 : 0;
    }
    return digitCount >= 5 ? out.toString() : german(random);
  }

  static String digits(Random random, int n) {
    StringBuilder out = new StringBuilder();
    out.append(1 + random.nextInt(9));
    while (out.length() < n) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  private static String letters(Random random, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(LETTERS.charAt(random.nextInt(26)));
    }
    return out.toString();
  }
}
