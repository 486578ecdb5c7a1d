package dev.tether.core.rules.personal;

import java.util.List;
import java.util.Random;

/**
 * Phone numbers, e-mail addresses, dates of birth and postal addresses for {@link
 * FakePersonalData}.
 */
public final class FakeContacts {
  private static final List<String> FIRST = List.of("jane", "omar", "li", "maria", "tom", "aisha");
  private static final List<String> LAST =
      List.of("roe", "haddad", "chen", "garcia", "okafor", "berg");
  private static final List<String> DOMAINS =
      List.of("acme-corp.com", "northwind.io", "globex.co.uk", "initech.de", "umbrella-health.org");
  private static final List<String> MONTHS =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");
  private static final List<String> STREETS =
      List.of("Maple", "Oak", "Pennsylvania", "Lincoln", "Cedar Hill", "5th", "Martin Luther King");
  private static final List<String> SUFFIXES =
      List.of("Street", "St", "Avenue", "Ave", "Road", "Blvd", "Lane", "Drive", "Court", "Way");
  private static final List<String> CITIES = List.of("Springfield", "Austin", "San Jose", "Dayton");
  private static final List<String> STATES = List.of("IL", "TX", "CA", "OH", "NY", "WA");

  private FakeContacts() {}

  /**
   * International (E.164 or spaced) or North American national phone numbers; never fictional
   * ranges.
   */
  public static String phoneNumber(Random random) {
    String area = String.valueOf(201 + random.nextInt(700));
    String exchange = String.valueOf(201 + random.nextInt(350)); // 201..550: never 555
    String line = String.format("%04d", random.nextInt(10000));
    return switch (random.nextInt(6)) {
      case 0 -> "+1" + area + exchange + line;
      case 1 -> "+1 (" + area + ") " + exchange + "-" + line;
      case 2 -> "(" + area + ") " + exchange + "-" + line;
      case 3 -> "+44 7" + FakeIds.digits(random, 3) + " " + FakeIds.digits(random, 6);
      case 4 -> "+49 30 " + FakeIds.digits(random, 8);
      default -> area + "-" + exchange + "-" + line;
    };
  }

  /** first.last@company, on domains that are not reserved for documentation. */
  public static String email(Random random) {
    String first = FIRST.get(random.nextInt(FIRST.size()));
    String last = LAST.get(random.nextInt(LAST.size()));
    String local =
        random.nextBoolean() ? first + "." + last : first.charAt(0) + last + random.nextInt(100);
    return local + "@" + DOMAINS.get(random.nextInt(DOMAINS.size()));
  }

  /** A date between 1930 and 2008 in ISO, day/month/year, dotted or written form. */
  public static String dateOfBirth(Random random) {
    int year = 1930 + random.nextInt(79);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(28);
    return switch (random.nextInt(5)) {
      case 0 -> String.format("%d-%02d-%02d", year, month, day);
      case 1 -> String.format("%02d/%02d/%d", day, month, year);
      case 2 -> String.format("%02d.%02d.%d", day, month, year);
      case 3 -> day + " " + MONTHS.get(month - 1) + " " + year;
      default -> MONTHS.get(month - 1) + " " + day + ", " + year;
    };
  }

  /** "742 Maple Avenue" with, half the time, ", Springfield, IL 62704". */
  public static String usStreetAddress(Random random) {
    String street =
        (1 + random.nextInt(9899))
            + " "
            + STREETS.get(random.nextInt(STREETS.size()))
            + " "
            + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
    if (random.nextBoolean()) {
      return street;
    }
    return street
        + ", "
        + CITIES.get(random.nextInt(CITIES.size()))
        + ", "
        + STATES.get(random.nextInt(STATES.size()))
        + " "
        + String.format("%05d", 10000 + random.nextInt(89999));
  }

  /** A UK postcode of a random valid shape (A9, A99, AA9, AA99, A9A, AA9A) and inward code. */
  public static String ukPostcode(Random random) {
    String first = "ABCDEFGHIJKLMNOPRSTUWYZ";
    String second = "ABCDEFGHKLMNOPQRSTUVWXY";
    String inward = "ABDEFGHJLNPQRSTUWXYZ";
    String a = pick(random, first);
    String outward =
        switch (random.nextInt(6)) {
          case 0 -> a + random.nextInt(10);
          case 1 -> a + (10 + random.nextInt(90));
          case 2 -> a + pick(random, second) + random.nextInt(10);
          case 3 -> a + pick(random, second) + (10 + random.nextInt(90));
          case 4 -> a + random.nextInt(10) + pick(random, "ABCDEFGHJKPSTUW");
          default -> a + pick(random, second) + random.nextInt(10) + pick(random, "ABEHMNPRVWXY");
        };
    return outward + " " + random.nextInt(10) + pick(random, inward) + pick(random, inward);
  }

  private static String pick(Random random, String letters) {
    return String.valueOf(letters.charAt(random.nextInt(letters.length())));
  }
}
