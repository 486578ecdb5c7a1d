package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.provider.ApiCall;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's policy-mapping stage hands the request's destination and app to the shared {@code
 * core} mapping (whose rules {@code dev.tether.core.decision.ModeMappingTest} covers).
 */
class ModeMappingTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "the shadow tool is blocked | /usr/local/bin/shadow-ai | BLOCK",
        "another app gets the judge's mode | /usr/bin/code | ALLOW",
        "an unknown app gets the judge's mode | NULL | ALLOW",
      })
  void map_usesTheRequestsApp(String note, String app, ResponseMode expected) throws Exception {
    PolicyDocument doc =
        new PolicyDocument(
                "m",
                List.of(new AiDestination("localhost", Provider.OPENAI)),
                List.of(),
                Map.of(),
                ResponseMode.ALLOW,
                "P1D")
            .withResponses(
                new ResponseSettings(
                    List.of(new ModeOverride(null, "shadow-ai", null, null, ResponseMode.BLOCK)),
                    null,
                    null,
                    null,
                    null));
    Evaluation evaluation = new Evaluation(TestPolicies.active(dir, doc));
    evaluation.fire(
        Control.of(AuditLayer.JUDGE, ResponseMode.ALLOW, "generic-code-assistance", "judge"));
    InspectedRequest request =
        new InspectedRequest(
            "d-1",
            "localhost",
            Provider.OPENAI,
            "POST",
            "/v1/chat/completions",
            null,
            new byte[0],
            false,
            ApiCall.NONE,
            app);
    assertEquals(expected, new ModeMapping().map(request, evaluation).mode(), note);
  }

  @Test
  void map_nothingFiredWithoutPolicy_throwsSoThePipelineBlocks() {
    assertThrows(
        IllegalStateException.class,
        () ->
            new ModeMapping()
                .map(
                    DecisionPipelineTest.request("localhost", new byte[0], null),
                    new Evaluation(null)));
  }
}
