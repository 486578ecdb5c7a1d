package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.core.rules.credentials.FakeCredentials.Sample;
import dev.tether.core.rules.support.Base62Checksum;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hard negatives: placeholders, documentation examples, references to variables, checksum-invalid
 * look-alikes, hashes, UUIDs, commit ids, public keys. None may produce a credential finding.
 */
class CredentialLookAlikesTest {
  private static final RuleEngine ENGINE = RuleEngine.of(CredentialDetectors.all());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          placeholder in env file            | OPENAI_API_KEY=YOUR_API_KEY
          shell variable                     | OPENAI_API_KEY=${OPENAI_API_KEY}
          jinja template                     | api_key: "{{ openai_api_key }}"
          python getenv                      | password = os.getenv("DB_PASSWORD")
          python environ                     | password = os.environ["DB_PASSWORD"]
          node process.env                   | const db = { password: process.env.DB_PASSWORD };
          dotted config reference            | password: config.database.password
          changeme                           | password = "changeme"
          password as its own value          | DB_PASSWORD=password
          masked value                       | DB_PASSWORD=****************
          angle-bracket placeholder          | GITHUB_TOKEN=<token>
          github token of x                  | GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
          stripe live key of x               | stripe.api_key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"
          stripe documentation test key      | stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
          all-same datadog key               | DD_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
          aws documentation key id           | AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
          aws documentation secret           | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          slack webhook documentation        | https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
          sequential openai-looking key      | sk-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst
          sha1 commit id                     | commit 3f786850e387550fdab836ed7e6dc881de23001b
          sha256 digest                      | image@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
          md5 checksum                       | md5sum: 9e107d9d372bb6826bd81d3542a419d6
          uuid request id                    | request_id=550e8400-e29b-41d4-a716-446655440000
          base64 blob without context        | data=SGVsbG8gd29ybGQsIHRoaXMgaXMganVzdCBzb21lIHRleHQgZW5jb2RlZCBpbiBiYXNlNjQu
          ssh public key                     | ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEpublickeymaterialFAKEonlyFAKE0123456 dev@laptop
          pem public key                     | -----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAFAKEFAKEFAKEFAKEFAKEFAKEFAKE\\n-----END PUBLIC KEY-----
          url without password               | git clone https://github.com/acme/app.git
          url with user only                 | ssh://git@github.com/acme/app.git
          url with templated password        | DATABASE_URL=postgres://app:${DB_PASS}@db:5432/app
          url with word password             | postgres://user:password@localhost:5432/db
          url with port not password         | http://localhost:8080/path@v2
          password length setting            | password_min_length = 12
          password hash field                | password_hash = "$2b$12$FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFA"
          python type hint                   | def login(user: str, password: str) -> bool:
          typescript field type              | interface Creds { password: string; }
          password prompt in prose           | Please enter your password: it must have 12 characters.
          jwt.io documentation example       | eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
          plain prose about keys             | Rotate your GitHub tokens, AWS keys and Slack webhooks every 90 days.
          vault doc-style short token        | VAULT_TOKEN=hvs.CAESIABcDeFgHiJkLmNoPqRsTuVwXyZ
          basic auth without password        | Authorization: Basic ZGVwbG95Og==
          docker auth of placeholder         | {"auths": {"r.io": {"auth": "dXNlcjpwYXNzd29yZA=="}}}
          """)
  void scan_lookAlike_isNotFound(String note, String text) {
    assertThat(ENGINE.scan(text.replace("\\n", "\n"))).isEmpty();
  }

  @Test
  void scan_kubernetesConfigMap_isNotASecret() {
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n"
            + "  LOG_LEVEL: debug\n  FEATURE_FLAGS: Zm9vLGJhcixiYXo=\n";

    assertThat(ENGINE.scan(yaml)).isEmpty();
  }

  @Test
  void scan_kubernetesSecretWithPlaceholders_isNotFound() {
    String yaml =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n"
            + "  password: ${DB_PASSWORD}\n  user: changeme\n";

    assertThat(ENGINE.scan(yaml)).isEmpty();
  }

  @Test
  void scan_unsignedJwt_isNotFound() {
    String none = FakeCredentials.b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = FakeCredentials.b64url("{\"sub\":\"u1\",\"iat\":1700000000}");

    assertThat(ENGINE.scan(none + "." + payload + ".")).isEmpty();
  }

  static Stream<Sample> checksummedSamples() {
    return FakeCredentials.samples().stream()
        .filter(
            s -> s.detectorId().startsWith("github-") || s.detectorId().equals("npm-access-token"))
        .filter(s -> !s.detectorId().equals("github-fine-grained-pat"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checksummedSamples")
  void scan_oneCharacterFlipped_failsChecksumAndIsNotFound(Sample sample) {
    Random random = new Random(11);
    for (int i = 0; i < 50; i++) {
      String token = sample.generator().apply(random);
      int at = 4 + random.nextInt(token.length() - 4);
      char replacement = token.charAt(at) == 'Q' ? 'R' : 'Q';
      String flipped = token.substring(0, at) + replacement + token.substring(at + 1);

      List<Finding> findings = ENGINE.scan("GITHUB_TOKEN=" + flipped);

      assertThat(findings).as(flipped).isEmpty();
    }
  }

  @Test
  void checksum_generatedToken_validates() {
    String body = FakeCredentials.chars(new Random(3), FakeCredentials.ALNUM, 30);

    assertThat(Base62Checksum.hasValidSuffix("ghp_" + body + Base62Checksum.of(body), 30)).isTrue();
    assertThat(Base62Checksum.hasValidSuffix("ghp_short", 30)).isFalse();
    assertThat(Base62Checksum.of("")).isEqualTo("000000");
  }
}
