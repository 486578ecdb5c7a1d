package dev.tether.core.rules.personal;

import dev.tether.core.rules.Detector;
import java.util.List;

/**
 * Every built-in detector of personal and regulated data: cards, national ids, bank accounts,
 * health records, personal data and contact details. Detector ids and the {@code type} they report:
 *
 * <ul>
 *   <li>{@code payment-card} ({@code payment-card}, family payment-cards)
 *   <li>{@code us-ssn}, {@code uk-nhs-number}, {@code passport-number} (government-ids)
 *   <li>{@code iban} (financial-accounts)
 *   <li>{@code medical-record-number}, {@code icd10-code}, {@code medical-record} (health-records)
 *   <li>{@code date-of-birth}, {@code us-street-address} and {@code uk-postcode} (type {@code
 *       postal-address}) (personal-data)
 *   <li>{@code email-address}, {@code phone-number} (contact-details)
 * </ul>
 */
public final class PersonalDataDetectors {
  private static final List<Detector> ALL =
      List.of(
          new PaymentCardDetector(),
          new SsnDetector(),
          new NhsNumberDetector(),
          new PassportDetector(),
          new IbanDetector(),
          new HealthRecordDetector(),
          new DateOfBirthDetector(),
          new PostalAddressDetector(),
          new UkPostcodeDetector(),
          new EmailDetector(),
          new PhoneNumberDetector());

  private PersonalDataDetectors() {}

  /** All personal-data detectors, in a stable order. Stateless and shared. */
  public static List<Detector> all() {
    return ALL;
  }
}
