package dev.tether.core.rules.personal;

import java.util.List;
import java.util.Random;

/** Medical record numbers and ICD-10 codes for {@link FakePersonalData}. */
public final class FakeHealth {
  private static final List<String> COMMON_CODES =
      List.of("E11.9", "I10", "J45.909", "F32.A", "M54.5", "Z79.4", "C50.911", "K21.9", "U07.1");

  private FakeHealth() {}

  /** A medical record number: 6 to 10 digits, sometimes with a short facility prefix. */
  public static String mrn(Random random) {
    String digits = FakeIds.digits(random, 6 + random.nextInt(5));
    return switch (random.nextInt(3)) {
      case 0 -> digits;
      case 1 -> "MR" + digits;
      default -> "H-" + digits;
    };
  }

  /**
   * A common ICD-10 code, or a random code of valid shape (letter other than U, two digits,
   * .digit).
   */
  public static String icd10Code(Random random) {
    if (random.nextBoolean()) {
      return COMMON_CODES.get(random.nextInt(COMMON_CODES.size()));
    }
    char letter = "ABCDEFGHIJKLMNOPQRSTVWXYZ".charAt(random.nextInt(25));
    return letter + String.format("%02d", random.nextInt(100)) + "." + random.nextInt(10);
  }
}
