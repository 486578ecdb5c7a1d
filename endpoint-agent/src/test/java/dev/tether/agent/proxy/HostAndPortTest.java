package dev.tether.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAndPortTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain name                      | api.openai.com:443   | api.openai.com | 443
          upper case is folded            | API.OpenAI.COM:443   | api.openai.com | 443
          trailing FQDN dot is dropped    | api.openai.com.:443  | api.openai.com | 443
          IPv4 literal                    | 127.0.0.1:8443       | 127.0.0.1      | 8443
          IPv6 literal                    | [::1]:443            | ::1            | 443
          """)
  void parse_canonicalisesHost(String note, String authority, String host, int port) {
    HostAndPort parsed = HostAndPort.parse(authority, -1);

    assertEquals(host, parsed.host());
    assertEquals(port, parsed.port());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          two trailing dots               | api.openai.com..:443
          empty label                     | api..openai.com:443
          leading dot                     | .openai.com:443
          missing port                    | api.openai.com
          port out of range               | api.openai.com:70000
          space in host                   | api openai.com:443
          """)
  void parse_malformed_throws(String note, String authority) {
    assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse(authority, -1));
  }
}
