package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrentBundleTest {
  private static final String ETAG = "\"7-0123456789abcdef\"";

  @Test
  void etag_versionAndFirst16HexOfDigest() {
    assertEquals(ETAG, CurrentBundle.etag(7, "sha256:0123456789abcdef0123456789abcdef"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exact match               | \"7-0123456789abcdef\"                       | true",
        "in a list                 | \"6-aaaaaaaaaaaaaaaa\", \"7-0123456789abcdef\" | true",
        "weak form of the same tag | W/\"7-0123456789abcdef\"                     | true",
        "wildcard                  | *                                          | true",
        "older version             | \"6-0123456789abcdef\"                       | false",
        "unquoted                  | 7-0123456789abcdef                         | false",
        "absent                    |                                            | false",
      })
  void matches_ifNoneMatchHeader(String note, String header, boolean expected) {
    assertEquals(expected, CurrentBundle.matches(header, ETAG), note);
  }
}
