package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context words raise or lower confidence, Presidio-style: raised > plain > lowered. */
class ContextScoringTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          card: card words vs order id     | Visa card 4587344468893735 cvv 123 | value 4587344468893735 here   | Order ID 4587344468893735
          card: expiry vs tracking         | exp 04/29 pan 4587344468893735     | see 4587344468893735         | tracking 4587344468893735
          card: test card lowers           | credit card 5124226962094984       | x 5124226962094984           | test card 5124226962094984
          iban: bank words vs sample       | SEPA transfer to DE82309523423715747796 | to DE82309523423715747796 | sample DE82309523423715747796
          email: contact vs placeholder    | email jane.roe@acme-corp.com       | by jane.roe@acme-corp.com    | dummy jane.roe@acme-corp.com
          phone: phone word vs build       | mobile +14155238812                | x +14155238812               | build +14155238812
          address: ship to vs example      | Ship to 742 Evergreen Terrace      | at 742 Evergreen Terrace     | example 742 Evergreen Terrace
          """)
  void score_contextWords_orderConfidence(
      String note, String raised, String plain, String lowered) {
    double high = confidence(raised);
    double mid = confidence(plain);
    double low = confidence(lowered);

    assertThat(high).as(note + ": raised > plain").isGreaterThan(mid);
    assertThat(mid).as(note + ": plain > lowered").isGreaterThan(low);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ssn dashed beats undashed      | SSN: 439-21-7711 | SSN: 439217711
          nhs spaced beats contiguous    | NHS: 618 650 0691 | NHS: 6186500691
          address with zip beats street  | 742 Evergreen Terrace, Springfield, IL 62704 | 742 Evergreen Terrace
          record beats lone mrn          | Patient: J. Roe, MRN 00482913 | MRN 00482913
          """)
  void score_strongerFormat_isMoreConfident(String note, String stronger, String weaker) {
    assertThat(confidence(stronger)).as(note).isGreaterThan(confidence(weaker));
  }

  @Test
  void score_publishedTestCard_isLowConfidence() {
    assertThat(confidence("card 4111 1111 1111 1111")).isLessThan(0.5);
    assertThat(confidence("card 4587 3444 6889 3735")).isGreaterThan(0.9);
  }

  @Test
  void score_fictionalPhoneRange_isLowConfidence() {
    assertThat(confidence("phone (415) 555-0123")).isLessThan(0.5);
    assertThat(confidence("phone (415) 382-0123")).isGreaterThan(0.5);
  }

  private static double confidence(String text) {
    return PersonalDataDetectorsTest.ENGINE.scan(text).stream()
        .mapToDouble(Finding::confidence)
        .max()
        .orElseThrow(() -> new AssertionError("nothing found in: " + text));
  }
}
