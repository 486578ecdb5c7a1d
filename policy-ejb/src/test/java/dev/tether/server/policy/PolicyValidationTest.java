package dev.tether.server.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.PolicyValidation.Report;
import dev.tether.server.policy.PolicyValidation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidationTest {

  private static Report validate(String json) {
    return PolicyValidation.validate(json.replace('\'', '"').getBytes(UTF_8));
  }

  private static List<String> paths(Report report) {
    return report.errors().stream().map(Violation::path).toList();
  }

  @Test
  void validate_validDocument_isValidWithoutErrors() {
    Report report =
        validate(
            "{'name':'ok','blockedHosts':['evil.example'],'detectorModes':{'secrets':'BLOCK'},"
                + "'bundleLifetime':'P1D'}");
    assertTrue(report.valid(), report::toString);
    assertEquals(List.of(), report.errors());
  }

  @Test
  void validate_independentMistakes_reportsEveryOneWithItsPointer() {
    Report report =
        validate(
            "{'name':'','bundleLifetime':'3 days','detectorModes':{'secrets':'SHRUG'},"
                + "'judge':{'escalationThreshold':1.5,'failSafe':'ALLOW'},"
                + "'tradeSecrets':{'customRules':[{'id':'ok-rule','pattern':'secret-[0-9]+',"
                + "'severity':'HIGH'},{'id':'Bad Id','pattern':'x'}],'markers':['x']},"
                + "'enforcement':{'gracePeriod':'forever'},'unknownKey':1}");
    assertFalse(report.valid());
    List<String> paths = paths(report);
    for (String expected :
        List.of(
            "/name",
            "/bundleLifetime",
            "/detectorModes",
            "/judge/escalationThreshold",
            "/judge/failSafe",
            "/tradeSecrets/customRules/1/id",
            "/tradeSecrets/markers/0",
            "/enforcement/gracePeriod",
            "/unknownKey")) {
      assertTrue(paths.contains(expected), expected + " missing from " + report.errors());
    }
    assertFalse(
        paths.stream().anyMatch(p -> p.startsWith("/tradeSecrets/customRules/0")),
        "the valid rule is not reported: " + report.errors());
    assertEquals(
        paths.size(),
        report.errors().stream().map(Violation::message).distinct().count(),
        "no error reported twice");
  }

  @Test
  void validate_malformedJson_oneErrorAtTheRoot() {
    Report report = validate("{'name':");
    assertFalse(report.valid());
    assertEquals(List.of(""), paths(report));
  }

  @Test
  void validate_hostListChecks_nameTheElementIndex() {
    Report report = validate("{'name':'x','blockedHosts':['ok.example','bad host!']}");
    assertFalse(report.valid());
    assertEquals(List.of("/blockedHosts/1"), paths(report), report::toString);
  }

  @Test
  void validate_manyErrors_boundedList() {
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      hosts.append(i == 0 ? "" : ",").append("'bad host ").append(i).append("'");
    }
    Report report = validate("{'name':'x','blockedHosts':[" + hosts + "]}");
    assertFalse(report.valid());
    assertEquals(PolicyValidation.MAX_ERRORS, report.errors().size());
  }

  @ParameterizedTest
  @CsvSource({
    "policy, ''",
    "policy.name, /name",
    "policy.tradeSecrets.customRules[2].pattern, /tradeSecrets/customRules/2/pattern",
    "policy.detectorModes.cloud-credentials, /detectorModes/cloud-credentials",
  })
  void pointer_fromMessageKey_isJsonPointer(String key, String pointer) {
    assertEquals(pointer, PolicyValidation.pointer(key));
  }
}
