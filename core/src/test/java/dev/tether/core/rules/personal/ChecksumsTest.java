package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          processor test visa            | 4111111111111111 | true
          generated visa                 | 4587344468893735 | true
          last digit changed             | 4587344468893736 | false
          amex test number               | 378282246310005  | true
          transposed digits              | 4857344468893735 | false
          """)
  void luhn_table(String note, String digits, boolean valid) {
    assertThat(Checksums.luhn(digits)).as(note).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          standard german example        | DE89370400440532013000       | true
          standard british example       | GB82WEST12345698765432       | true
          generated french               | FR4600568789291083521596673  | true
          check digits changed           | DE88370400440532013000       | false
          check digits 00 never valid    | DE00370400440532013000       | false
          bban digit changed             | GB82WEST12345698765433       | false
          """)
  void iban_table(String note, String iban, boolean valid) {
    assertThat(Checksums.ibanValid(iban)).as(note).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nhs documentation example      | 9434765919 | true
          generated                      | 6186500691 | true
          check digit changed            | 9434765918 | false
          check digit would be 10        | 1000000010 | false
          """)
  void nhs_table(String note, String digits, boolean valid) {
    assertThat(Checksums.nhsValid(digits)).as(note).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ordinary                       | 439217711 | true
          area 000                       | 000217711 | false
          area 666                       | 666217711 | false
          area 900 (itin range)          | 900217711 | false
          group 00                       | 439007711 | false
          serial 0000                    | 439210000 | false
          woolworth wallet card          | 078051120 | false
          ssa pamphlet number            | 219099999 | false
          all one digit                  | 111111111 | false
          """)
  void ssn_table(String note, String digits, boolean valid) {
    assertThat(SsnDetector.valid(digits)).as(note).isEqualTo(valid);
  }
}
