package dev.tether.core.rules.personal;

import java.util.List;
import java.util.UUID;

/**
 * Hard negatives for {@link FakePersonalData#hardNegatives()}: texts that look like personal data
 * to a naive pattern but fail validation or lack the context the detectors require.
 */
final class FakeNegatives {
  private FakeNegatives() {}

  static final List<FakePersonalData.Negative> ALL =
      List.of(
          new FakePersonalData.Negative(
              "luhn-invalid card look-alike",
              r ->
                  "Customer card: "
                      + FakeCards.group(FakeCards.luhnInvalid(r), ' ')
                      + " exp 04/29"),
          new FakePersonalData.Negative(
              "order number with prefix",
              r -> "Order ORD-" + FakeCards.cardDigits(r, "4", 16) + " shipped"),
          new FakePersonalData.Negative(
              "epoch millisecond timestamp",
              r -> "{\"ts\": " + (1_700_000_000_000L + r.nextInt(1_000_000_000)) + "}"),
          new FakePersonalData.Negative(
              "iso timestamp in a log line",
              r ->
                  String.format(
                      "2026-%02d-%02dT12:%02d:07.123Z INFO started in 412 ms",
                      1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(60))),
          new FakePersonalData.Negative(
              "version string",
              r ->
                  "upgrade lodash to "
                      + r.nextInt(20)
                      + "."
                      + r.nextInt(40)
                      + "."
                      + r.nextInt(30)
                      + " and windows build 10.0."
                      + (19000 + r.nextInt(999))
                      + "."
                      + r.nextInt(9999)),
          new FakePersonalData.Negative(
              "uuid", r -> "request_id=" + new UUID(r.nextLong(), r.nextLong())),
          new FakePersonalData.Negative(
              "phone-like build number without phone context",
              r -> "CI build " + FakeIds.digits(r, 10) + " passed; artifact 4155552671.zip"),
          new FakePersonalData.Negative(
              "iban with a wrong check digit",
              r -> "IBAN: " + breakIbanCheck(FakeIds.iban(r, "DE"))),
          new FakePersonalData.Negative(
              "ssn with a never-issued area",
              r ->
                  "SSN: "
                      + (r.nextBoolean() ? "666" : String.valueOf(900 + r.nextInt(100)))
                      + "-"
                      + String.format("%02d-%04d", 1 + r.nextInt(99), 1 + r.nextInt(9999))),
          new FakePersonalData.Negative(
              "ssn-shaped number without context",
              r -> "ticket 4471 part no " + FakeIds.ssn(r) + " in stock"),
          new FakePersonalData.Negative(
              "nhs number with a wrong check digit",
              r -> "NHS number: " + breakNhsCheck(FakeIds.nhsNumber(r).replace(" ", ""))),
          new FakePersonalData.Negative(
              "documentation and machine e-mail addresses",
              r ->
                  "Send to user@example.com or noreply@github.com; icon@2x.png; "
                      + "git@github.com:acme/app.git; test@test.com"),
          new FakePersonalData.Negative(
              "date without birth context",
              r -> "Released on " + FakeContacts.dateOfBirth(r) + " with 12 fixes."),
          new FakePersonalData.Negative(
              "sha256 hex digest",
              r ->
                  "sha256:"
                      + Long.toHexString(r.nextLong())
                      + Long.toHexString(r.nextLong())
                      + Long.toHexString(r.nextLong())
                      + Long.toHexString(r.nextLong())),
          new FakePersonalData.Negative(
              "passport word without a number",
              r -> "Do I need a passport to travel to Canada in " + (2020 + r.nextInt(9)) + "?"),
          new FakePersonalData.Negative(
              "quantity and price columns",
              r -> "sku,qty,price\nA-" + r.nextInt(999) + "," + r.nextInt(99) + ",1299.99"));

  private static String breakIbanCheck(String iban) {
    int check = Integer.parseInt(iban.substring(2, 4));
    int wrong = check == 98 ? 2 : check + 1;
    return iban.substring(0, 2) + String.format("%02d", wrong) + iban.substring(4);
  }

  private static String breakNhsCheck(String ten) {
    int check = ten.charAt(9) - '0';
    return ten.substring(0, 9) + (check + 1) % 10;
  }
}
