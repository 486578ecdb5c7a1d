package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxySettingsTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ProxySettingsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static ProxySettings with(
      List<String> bypass, Integer body, Integer ratio, List<String> pems, List<Integer> ports) {
    return new ProxySettings(false, bypass, body, ratio, pems, ports);
  }

  @Test
  void validated_defaults_equalDefault_andAreOmittedFromJson() {
    ProxySettings filled = new ProxySettings(false, List.of(), null, null, null, null);
    assertEquals(ProxySettings.DEFAULT, filled.validated("policy.proxy"));
    assertThat(ProxySettings.DEFAULT.definesNothing()).isTrue();
    PolicyDocument doc =
        new PolicyDocument("p", List.of(), List.of(), java.util.Map.of(), null, null).validated();
    assertThat(new String(JsonCodec.write(doc), StandardCharsets.UTF_8)).doesNotContain("proxy");
    assertEquals(16 * 1024 * 1024, ProxySettings.DEFAULT.maxInspectedBodyBytes());
  }

  @Test
  void validated_normalisesBypassHosts_andMatches() {
    ProxySettings s =
        with(List.of("Bank.Example.COM", "*.health.example"), null, null, null, List.of(9443, 8443))
            .validated("policy.proxy");
    assertEquals(List.of("bank.example.com", "*.health.example"), s.bypassHosts());
    assertEquals(List.of(8443, 9443), s.interceptPorts());
    assertThat(s.isBypassed("bank.example.com")).isTrue();
    assertThat(s.isBypassed("portal.health.example")).isTrue();
    assertThat(s.isBypassed("health.example")).isFalse();
    assertThat(s.isBypassed("api.openai.com")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad bypass host        | bypass  | policy.proxy.bypassHosts[0]",
        "body limit too small   | small   | policy.proxy.maxInspectedBodyBytes: expected between",
        "body limit too large   | large   | policy.proxy.maxInspectedBodyBytes",
        "ratio zero             | ratio   | policy.proxy.maxDecompressionRatio",
        "port out of range      | port    | policy.proxy.interceptPorts: expected ports",
        "duplicate port         | dupport | policy.proxy.interceptPorts: duplicate port 8443",
        "garbage PEM            | pem     | policy.proxy.enterpriseCaPems[0]: expected one PEM",
      })
  void validated_rejectsNonsense_namingTheKey(String note, String kind, String message) {
    ProxySettings s =
        switch (kind) {
          case "bypass" -> with(List.of("bad host!"), null, null, null, null);
          case "small" -> with(null, 10, null, null, null);
          case "large" -> with(null, Integer.MAX_VALUE, null, null, null);
          case "ratio" -> with(null, null, 0, null, null);
          case "port" -> with(null, null, null, null, List.of(70000));
          case "dupport" -> with(null, null, null, null, List.of(8443, 8443));
          case "pem" -> with(null, null, null, List.of("hello"), null);
          default -> throw new IllegalArgumentException(kind);
        };
    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> s.validated("policy.proxy"));
    assertThat(e.getMessage()).as(note).contains(message);
  }

  @Test
  void enterpriseCa_accepted_andParsed() throws IOException {
    ProxySettings s =
        with(null, null, null, List.of(resource("enterprise-ca.pem")), null)
            .validated("policy.proxy");
    assertThat(s.enterpriseCas()).hasSize(1);
    assertThat(s.enterpriseCas().get(0).getSubjectX500Principal().getName())
        .contains("Test Enterprise CA");
  }

  @Test
  void enterpriseCa_leafCertificate_rejected() throws IOException {
    ProxySettings s = with(null, null, null, List.of(resource("not-a-ca.pem")), null);
    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> s.validated("policy.proxy"));
    assertThat(e.getMessage()).startsWith("policy.proxy.enterpriseCaPems[0]: expected a CA");
  }

  @Test
  void json_roundTrips_throughPolicyDocument() throws IOException {
    ProxySettings s =
        new ProxySettings(
                true,
                List.of("bank.example.com"),
                1 << 20,
                50,
                List.of(resource("enterprise-ca.pem")),
                List.of(8443))
            .validated("policy.proxy");
    PolicyDocument doc =
        new PolicyDocument("p", List.of(), List.of(), java.util.Map.of(), null, null)
            .withProxy(s)
            .validated();
    PolicyDocument back = JsonCodec.read(JsonCodec.write(doc), PolicyDocument.class).validated();
    assertEquals(s, back.proxy());
  }
}
