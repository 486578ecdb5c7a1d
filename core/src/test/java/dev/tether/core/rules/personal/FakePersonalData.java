package dev.tether.core.rules.personal;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates valid fake personal data from a seeded {@link Random}, for tests and for the evaluation
 * corpus. Every value passes the same validation the detectors apply (Luhn in real IIN ranges,
 * mod-97, mod-11, SSN area rules) but is random, so none is knowingly a real person's.
 *
 * <p>{@link #positives()} lists one {@link Generator} per detected type with realistic templates
 * (CSV rows, JSON records, tickets, log lines). A template holds {@code %s} for the value; when the
 * labelled span is wider than the value (a whole {@code medical-record}), it is marked with {@code
 * «} and {@code »}, which {@link Generator#sample} removes. {@link #hardNegatives()} lists
 * look-alikes that must not be reported. The same seed always gives the same data.
 */
public final class FakePersonalData {
  private FakePersonalData() {}

  /** A text with one labelled value: {@code text.substring(start, end)} is what must be found. */
  public record Sample(String type, String detectorId, String text, int start, int end) {
    public String value() {
      return text.substring(start, end);
    }
  }

  /**
   * A generator of one detected type.
   *
   * @param type the finding type reported ({@code payment-card}, ...)
   * @param detectorId the detector id reported
   * @param value makes one valid value
   * @param templates contexts with {@code %s} for the value (and optional {@code «»} span marks)
   */
  public record Generator(
      String type, String detectorId, Function<Random, String> value, List<String> templates) {
    /** One sample: a random template filled with a random value. */
    public Sample sample(Random random) {
      String template = templates.get(random.nextInt(templates.size()));
      String filled = value.apply(random);
      int valueAt = template.replace("«", "").replace("»", "").indexOf("%s");
      String text = template.replace("«", "").replace("»", "").replace("%s", filled);
      int open = template.indexOf('«');
      if (open < 0) {
        return new Sample(type, detectorId, text, valueAt, valueAt + filled.length());
      }
      int close = template.indexOf('»') - 1 - 2 + filled.length();
      return new Sample(type, detectorId, text, open, close);
    }
  }

  /** A look-alike that must not be reported, with a note saying what it imitates. */
  public record Negative(String note, Function<Random, String> text) {}

  /** One generator per detected type. */
  public static List<Generator> positives() {
    return List.of(
        new Generator(
            "payment-card",
            PaymentCardDetector.ID,
            FakePersonalData::cardNumber,
            List.of(
                "Customer card: %s exp 04/29",
                "{\"customer_id\": 4411, \"card_number\": \"%s\", \"exp\": \"04/29\"}",
                "name,card,cvv\nJane Roe,%s,123",
                "2026-11-26T12:00:01Z WARN payment declined pan=%s amount=12.50",
                "Hi support, my Visa %s was charged twice, please refund.")),
        new Generator(
            "us-ssn",
            SsnDetector.ID,
            FakeIds::ssn,
            List.of(
                "SSN: %s",
                "{\"employee\": \"J. Roe\", \"ssn\": \"%s\", \"dept\": \"HR\"}",
                "name,ssn,dept\nJane Roe,%s,Finance",
                "Applicant's social security number is %s, please verify.")),
        new Generator(
            "iban",
            IbanDetector.ID,
            FakeIds::iban,
            List.of(
                "IBAN: %s",
                "Please transfer the deposit to %s (BIC DEUTDEFFXXX).",
                "{\"payee\": \"Acme GmbH\", \"iban\": \"%s\"}",
                "vendor_id,iban\n8812,%s")),
        new Generator(
            "uk-nhs-number",
            NhsNumberDetector.ID,
            FakeIds::nhsNumber,
            List.of(
                "NHS number: %s",
                "Referral for Mr J Roe (NHS No %s) to cardiology.",
                "{\"nhs_number\": \"%s\", \"gp\": \"Riverside Surgery\"}")),
        new Generator(
            "passport-number",
            PassportDetector.ID,
            FakeIds::passportNumber,
            List.of(
                "Passport number: %s",
                "traveller passport_no=%s nationality=US",
                "{\"passport\": \"%s\", \"expires\": \"2031-05-01\"}")),
        new Generator(
            "phone-number",
            PhoneNumberDetector.ID,
            FakeContacts::phoneNumber,
            List.of(
                "Call me at %s after 5pm.",
                "{\"name\": \"Jane Roe\", \"phone\": \"%s\"}",
                "Ticket 4471: customer asks for callback, mobile %s",
                "contact,tel\nJane Roe,%s")),
        new Generator(
            "email-address",
            EmailDetector.ID,
            FakeContacts::email,
            List.of(
                "Please reply to %s with the signed form.",
                "{\"user\": {\"email\": \"%s\", \"plan\": \"pro\"}}",
                "2026-11-26 INFO login ok user=%s ip=10.0.0.7",
                "id,email\n17,%s")),
        new Generator(
            "date-of-birth",
            DateOfBirthDetector.ID,
            FakeContacts::dateOfBirth,
            List.of(
                "DOB: %s",
                "{\"name\": \"Jane Roe\", \"date_of_birth\": \"%s\"}",
                "Patient was born on %s in Leeds.",
                "Date of birth %s, allergies none")),
        new Generator(
            "medical-record-number",
            HealthRecordDetector.MRN_ID,
            FakeHealth::mrn,
            List.of("MRN: %s", "Chart note. Medical record number %s, follow-up in 2 weeks.")),
        new Generator(
            "icd10-code",
            HealthRecordDetector.ICD_ID,
            FakeHealth::icd10Code,
            List.of("Diagnosis: %s, stable.", "claim line 1: ICD-10 %s billed 2026-10-02")),
        new Generator(
            "medical-record",
            HealthRecordDetector.RECORD_ID,
            FakeHealth::mrn,
            List.of(
                "Discharge summary. «Patient: Jane Roe, MRN %s» admitted for observation.",
                "«patient_name,mrn\nJ. Roe,%s»\n")),
        new Generator(
            "postal-address",
            PostalAddressDetector.US_ID,
            FakeContacts::usStreetAddress,
            List.of(
                "Ship to: %s",
                "{\"billing_address\": \"%s\"}",
                "Customer moved, new address is %s. Please update.")),
        new Generator(
            "postal-address",
            UkPostcodeDetector.ID,
            FakeContacts::ukPostcode,
            List.of("Postcode: %s", "Delivery address: Flat 2, Mill Lane, Leeds %s")));
  }

  /** Look-alikes that no detector in this package may report. */
  public static List<Negative> hardNegatives() {
    return FakeNegatives.ALL;
  }

  /** A Luhn-valid card number in a real IIN range, sometimes grouped with spaces or dashes. */
  public static String cardNumber(Random random) {
    return FakeCards.cardNumber(random);
  }
}
