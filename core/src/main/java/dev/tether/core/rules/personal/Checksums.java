package dev.tether.core.rules.personal;

/**
 * Check-digit algorithms of the identifiers this package detects. Inputs are strings of ASCII
 * digits (and, for IBAN, upper-case letters) with separators already removed.
 */
final class Checksums {
  private Checksums() {}

  /** True if {@code digits} passes the Luhn (mod-10) check used by payment cards. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** The Luhn check digit to append to {@code payload}. */
  static int luhnCheckDigit(CharSequence payload) {
    for (int d = 0; d <= 9; d++) {
      if (luhn(payload.toString() + d)) {
        return d;
      }
    }
    throw new AssertionError("no Luhn digit for " + payload.length() + " digits");
  }

  /**
   * The ISO 7064 mod-97 remainder of an IBAN with its first four characters moved to the end and
   * letters replaced by 10..35. A valid IBAN gives 1.
   */
  static int ibanRemainder(CharSequence iban) {
    int remainder = 0;
    int n = iban.length();
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return -1;
      }
    }
    return remainder;
  }

  /** True if {@code iban} (no spaces, upper case) passes mod-97 with check digits 02..98. */
  static boolean ibanValid(CharSequence iban) {
    int check = (iban.charAt(2) - '0') * 10 + (iban.charAt(3) - '0');
    return check >= 2 && check <= 98 && ibanRemainder(iban) == 1;
  }

  /**
   * The NHS number check digit for the first nine digits: weights 10..2, 11 minus the sum mod 11,
   * 11 becomes 0; returns 10 when no valid number has this prefix.
   */
  static int nhsCheckDigit(CharSequence nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check;
  }

  /** True if the ten digits form a valid NHS number. */
  static boolean nhsValid(CharSequence tenDigits) {
    int check = nhsCheckDigit(tenDigits);
    return check != 10 && check == tenDigits.charAt(9) - '0';
  }

  /** True if every character of {@code s} is the same. */
  static boolean allSame(CharSequence s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) != s.charAt(0)) {
        return false;
      }
    }
    return true;
  }
}
