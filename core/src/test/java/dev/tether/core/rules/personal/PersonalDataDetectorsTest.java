package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Realistic positives with exact spans, hard negatives, and families, through the engine. */
class PersonalDataDetectorsTest {
  static final RuleEngine ENGINE = RuleEngine.of(PersonalDataDetectors.all());

  // All values are generated fakes (FakePersonalData, seed 1) or reserved examples.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          visa in support ticket          | Hi, my card 4587 3444 6889 3735 was charged twice.                     | 4587 3444 6889 3735          | payment-card
          mastercard in json              | {"pan": "5124226962094984", "exp": "04/29"}                             | 5124226962094984             | payment-card
          mastercard 2-series dashed      | card=2221-3725-4063-5903;                                                | 2221-3725-4063-5903          | payment-card
          amex 4-6-5 in csv               | name,card,cvv%NL%Jane Roe,3754 507772 08079,1234                         | 3754 507772 08079            | payment-card
          discover in log                 | 2026-11-26 WARN declined pan=6011236565894403 amount=12.50              | 6011236565894403             | payment-card
          jcb after colon                 | JCB:3530163868458968                                                     | 3530163868458968             | payment-card
          diners 14 digits                | Diners Club 36582721178213 exp 01/28                                     | 36582721178213               | payment-card
          unionpay                        | UnionPay card 6295 9959 0764 0355                                        | 6295 9959 0764 0355          | payment-card
          maestro                         | Maestro 6759116042454482                                                 | 6759116042454482             | payment-card
          card then year column           | card 4587 3444 6889 3735 2029                                            | 4587 3444 6889 3735          | payment-card
          ssn dashed with label           | SSN: 439-21-7711                                                         | 439-21-7711                  | us-ssn
          ssn in json field               | {"employee": "J. Roe", "social_security_number": "793-47-5414"}          | 793-47-5414                  | us-ssn
          ssn undashed right after label  | ssn 109164406                                                            | 109164406                    | us-ssn
          ssn camelCase field             | {"usSsn": "439-21-7711"}                                                 | 439-21-7711                  | us-ssn
          iban de contiguous              | IBAN: DE82309523423715747796                                             | DE82309523423715747796       | iban
          iban gb spaced                  | Please pay GB08 XHJC 1685 7825 6009 58 by Friday                         | GB08 XHJC 1685 7825 6009 58  | iban
          iban fr in csv                  | vendor,iban%NL%Acme SARL,FR4600568789291083521596673                     | FR4600568789291083521596673  | iban
          iban nl in json                 | {"iban":"NL4882727854169883"}                                            | NL4882727854169883           | iban
          nhs spaced                      | NHS number: 618 650 0691                                                 | 618 650 0691                 | uk-nhs-number
          nhs contiguous in referral      | Referral (NHS No 3404992083) to cardiology                               | 3404992083                   | uk-nhs-number
          us passport                     | Passport number: 531976204                                               | 531976204                    | passport-number
          us next-gen passport            | passport_no=A12649733                                                    | A12649733                    | passport-number
          german passport                 | Reisepass-Nr.: C01X00T47                                                 | C01X00T47                    | passport-number
          french passport                 | passeport 12AB34567 delivre a Paris                                      | 12AB34567                    | passport-number
          e164 phone anywhere             | {"to": "+14155238812"}                                                   | +14155238812                 | phone-number
          uk international phone          | Call me on +44 7911 123456 tomorrow                                      | +44 7911 123456              | phone-number
          nanp national with context      | Phone: (415) 382-1234                                                    | (415) 382-1234               | phone-number
          uk national with context        | tel 020 7123 4567                                                        | 020 7123 4567                | phone-number
          german national with context    | Telefon 030/12345678                                                     | 030/12345678                 | phone-number
          email in prose                  | Please reply to jane.roe@acme-corp.com with the form.                    | jane.roe@acme-corp.com       | email-address
          email at sentence end           | Contact: omar.haddad@globex.co.uk.                                       | omar.haddad@globex.co.uk     | email-address
          email in log                    | INFO login ok user=li.chen+ci@northwind.io ip=10.0.0.7                   | li.chen+ci@northwind.io      | email-address
          dob iso                         | DOB: 1985-03-12                                                          | 1985-03-12                   | date-of-birth
          dob json field                  | {"date_of_birth": "12/03/1985"}                                          | 12/03/1985                   | date-of-birth
          dob written                     | She was born on 12 March 1985 in Leeds.                                  | 12 March 1985                | date-of-birth
          dob american written            | Date of birth: March 12, 1985                                            | March 12, 1985               | date-of-birth
          dob german                      | Max Mustermann, geb. 12.03.1985                                          | 12.03.1985                   | date-of-birth
          mrn after label                 | MRN: 00482913                                                            | 00482913                     | medical-record-number
          mrn with prefix                 | Medical record number H-4403786, follow-up in 2 weeks                    | H-4403786                    | medical-record-number
          icd10 with dot                  | Diagnosis: E11.9, stable                                                 | E11.9                        | icd10-code
          icd10 category only             | claim: ICD-10 I10 billed                                                 | I10                          | icd10-code
          icd10 covid                     | dx U07.1 confirmed                                                       | U07.1                        | icd10-code
          whole record                    | Summary. Patient: Jane Roe, MRN 00482913 admitted                        | Patient: Jane Roe, MRN 00482913 | medical-record
          record with diagnosis           | patient J. Roe dx F32.A                                                  | patient J. Roe dx F32.A      | medical-record
          us address with zip             | Ship to: 742 Evergreen Terrace, Springfield, IL 62704                    | 742 Evergreen Terrace, Springfield, IL 62704 | us-street-address
          us address with unit            | {"address": "1600 Pennsylvania Ave NW, Suite 4"}                        | 1600 Pennsylvania Ave NW, Suite 4 | us-street-address
          us address abbreviation dot     | lives at 12 Oak St., Dayton                                              | 12 Oak St.                   | us-street-address
          uk postcode with context        | Delivery address: Flat 2, Mill Lane, Leeds LS1 4DY                       | LS1 4DY                      | uk-postcode
          uk postcode london              | Postcode: SW1A 1AA                                                       | SW1A 1AA                     | uk-postcode
          """)
  void scan_valueInContext_isFoundWithExactSpan(
      String note, String text, String value, String detectorId) {
    String expanded = text.replace("%NL%", "\n");
    int start = expanded.indexOf(value);

    List<Finding> findings = ENGINE.scan(expanded);

    assertThat(findings)
        .as(note)
        .anySatisfy(
            f -> {
              assertThat(f.detectorId()).isEqualTo(detectorId);
              assertThat(f.start()).isEqualTo(start);
              assertThat(f.end()).isEqualTo(start + value.length());
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          luhn-invalid card               | Customer card: 4830 6661 9498 1057 exp 04/29
          card digits inside longer run   | id 45873444688937351
          card digits with letter suffix  | sku 4587344468893735X
          decimal with card digits        | ratio 0.4587344468893735
          order id with prefix            | Order ORD-4587344468893735 shipped
          not a card range                | account 9587344468893735
          visa with 15 digits             | card 458734446889373
          ssn area 666                    | SSN: 666-21-7711
          ssn area 9xx (itin)             | SSN: 912-21-7711
          ssn group 00                    | SSN: 439-00-7711
          ssn serial 0000                 | SSN: 439-21-0000
          ssn advertising number          | SSN: 078-05-1120
          ssn shape without context       | part no 439-21-7711 in stock
          undashed ssn far from label     | SSN on file; see the attached form for details we need. Order 109164406 shipped
          iban wrong check digits         | IBAN: DE83309523423715747796
          iban wrong length               | IBAN: DE8230952342371574779
          iban unknown country            | IBAN: QQ82309523423715747796
          nhs wrong check digit           | NHS number: 618 650 0692
          nhs shape without context       | invoice 618 650 0691
          passport word only              | Do I need a passport for Canada in 2026?
          number without passport         | Booking reference 531976204
          short number after + sign       | x +1234 y
          nanp invalid area code          | phone 123-456-7890
          build number no phone context   | CI build 4155238812 passed
          version string                  | upgrade to 10.0.19045.3693 today, phone later
          documentation email             | Send to user@example.com or admin@example.org
          noreply email                   | From: noreply@github.com and no-reply@accounts.acme.io
          reserved tld email              | jane@acme.test and bob@intranet.localhost
          sentry dsn userinfo             | SENTRY_DSN=https://3f2a9c1d4e5b6a7f8091a2b3c4d5e6f7@o123456.ingest.us.sentry.io/4507
          database url user and secret    | url=postgres://app_user:s3cr3t-Passw0rd@db.acme-corp.com:5432/app
          retina image file               | <img src="icon@2x.png">
          git remote                      | git clone git@github.com:acme/app.git
          npm package version             | install lodash@4.17.21
          date without birth context      | Released on 1985-03-12 with fixes
          dob impossible month            | DOB: 1985-13-40
          mrn too short                   | MRN: 12345
          icd without context             | Use paper size A4 and model E11.9 please
          house number without suffix     | We shipped 42 Boxes today
          uk postcode without context     | part SW1A 1AA in bin 4
          uuid                            | request_id=4f1c2a3e-9b8d-4c7e-a1f2-3b4c5d6e7f80
          sha256 digest                   | sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
          timestamp                       | 2026-11-26T12:03:23.123Z INFO started in 412 ms
          epoch millis                    | {"ts": 1764158603123}
          """)
  void scan_lookAlike_isNotFound(String note, String text) {
    assertThat(ENGINE.scan(text)).as(note).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          card                 | card 4587 3444 6889 3735        | payment-cards      | CRITICAL
          ssn                  | SSN: 439-21-7711                | government-ids     | HIGH
          nhs                  | NHS number: 618 650 0691        | government-ids     | HIGH
          passport             | Passport number: 531976204      | government-ids     | HIGH
          iban                 | IBAN: DE82309523423715747796    | financial-accounts | HIGH
          record               | patient J. Roe dx F32.A         | health-records     | CRITICAL
          dob                  | DOB: 1985-03-12                 | personal-data      | MEDIUM
          address              | 742 Evergreen Terrace, Springfield, IL 62704 | personal-data | MEDIUM
          email                | jane.roe@acme-corp.com          | contact-details    | LOW
          phone                | +14155238812                    | contact-details    | MEDIUM
          """)
  void scan_reportsFamilyAndSeverity(String note, String text, String family, String severity) {
    assertThat(ENGINE.scan(text))
        .as(note)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.family()).isEqualTo(family);
              assertThat(f.severity().name()).isEqualTo(severity);
            });
  }
}
