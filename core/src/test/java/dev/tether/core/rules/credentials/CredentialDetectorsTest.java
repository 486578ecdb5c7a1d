package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialDetectorsTest {
  private static final RuleEngine ENGINE = RuleEngine.standard();

  // Test values below are fabricated for this test; none is a live credential.
  private static final String PEM_BODY =
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
          + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          aws key id in env file          | AWS_ACCESS_KEY_ID=AKIAQ3EGT5ZRWJ7LUN4F                  | aws-access-key-id
          aws session key id              | "ASIAZ4Q7TRKMBV2GHY6D"                                   | aws-access-key-id
          aws secret after keyword        | aws_secret_access_key = Zr8q2N5kL0pV7xW3yT6uB1mC4dF9gH2jK5lQ8sA0 | aws-secret-access-key
          google api key                  | key=AIzaSyD4mXq8Zb2Lr7Tn3Vw9Pk5Hj1Gf6Ds0Ae2                | gcp-api-key
          gcp service account key id      | "private_key_id": "8f3b2a1c9d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a" | gcp-service-account-key
          pem private key                 | -----BEGIN PRIVATE KEY-----%ESC%%PEM%%ESC%-----END PRIVATE KEY----- | pem-private-key
          rsa private key                 | -----BEGIN RSA PRIVATE KEY-----%NL%%PEM%%NL%-----END RSA PRIVATE KEY----- | pem-private-key
          openssh private key             | -----BEGIN OPENSSH PRIVATE KEY-----%NL%%PEM%%NL%-----END OPENSSH PRIVATE KEY----- | openssh-private-key
          """)
  void scan_realisticSecret_isFound(String note, String text, String expectedDetector) {
    List<Finding> findings = ENGINE.scan(expand(text));

    assertThat(findings).extracting(Finding::detectorId).contains(expectedDetector);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          aws documentation example id    | AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
          aws documentation secret        | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          low entropy secret              | aws_secret_access_key=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
          truncated pem example           | -----BEGIN PRIVATE KEY-----%ESC%...%ESC%-----END PRIVATE KEY-----
          public key is not private       | -----BEGIN PUBLIC KEY-----%NL%%PEM%%NL%-----END PUBLIC KEY-----
          key id embedded in longer word  | XAKIAQ3EGT5ZRWJ7LUN4FX
          plain prose                     | Please explain how AWS access keys and private keys work.
          """)
  void scan_lookAlike_isNotFound(String note, String text) {
    assertThat(ENGINE.scan(expand(text))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          cloud family    | AKIAQ3EGT5ZRWJ7LUN4F                                     | cloud-credentials
          key family      | -----BEGIN EC PRIVATE KEY-----%NL%%PEM%%NL%-----END EC PRIVATE KEY----- | private-keys
          """)
  void scan_reportsFamily(String note, String text, String family) {
    assertThat(ENGINE.scan(expand(text))).extracting(Finding::family).containsOnly(family);
  }

  @org.junit.jupiter.api.Test
  void scan_spanCoversSecretOnly() {
    String text = "id: AKIAQ3EGT5ZRWJ7LUN4F end";

    Finding finding = ENGINE.scan(text).get(0);

    assertThat(text.substring(finding.start(), finding.end())).isEqualTo("AKIAQ3EGT5ZRWJ7LUN4F");
  }

  @org.junit.jupiter.api.Test
  void scan_oversizedText_throws() {
    CharSequence huge = new LargeText(RuleEngine.MAX_SCAN_CHARS + 1);

    assertThrows(IllegalArgumentException.class, () -> ENGINE.scan(huge));
  }

  private static String expand(String row) {
    return row.replace("%PEM%", PEM_BODY).replace("%NL%", "\n").replace("%ESC%", "\\n");
  }

  /** A long text that is never materialised. */
  private record LargeText(int length) implements CharSequence {
    @Override
    public char charAt(int index) {
      return 'a';
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new LargeText(end - start);
    }
  }
}
