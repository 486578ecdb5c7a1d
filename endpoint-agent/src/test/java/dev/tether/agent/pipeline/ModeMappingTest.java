package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModeMappingTest {
  @TempDir Path dir;

  static Control rule(ResponseMode mode, String detector) {
    return new Control(
        AuditLayer.RULE, mode, "c-" + detector, detector + " found", List.of(detector), 1);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("nothing fired: default", List.of(), ResponseMode.ALLOW, List.of(), "Allow"),
        Arguments.of(
            "nothing fired: destination override",
            List.of(),
            ResponseMode.ALLOW,
            List.of(new ModeOverride("localhost", null, null, ResponseMode.WATERMARK)),
            "Watermark"),
        Arguments.of(
            "redact never outranks coach",
            List.of(rule(ResponseMode.REDACT, "aws"), rule(ResponseMode.COACH, "code")),
            ResponseMode.ALLOW,
            List.of(),
            "Coach"),
        Arguments.of(
            "request outranks coach, block outranks all",
            List.of(
                rule(ResponseMode.REQUEST, "a"),
                rule(ResponseMode.COACH, "b"),
                rule(ResponseMode.BLOCK, "c")),
            ResponseMode.ALLOW,
            List.of(),
            "Block"),
        Arguments.of(
            "override for a detector at a destination",
            List.of(rule(ResponseMode.BLOCK, "aws")),
            ResponseMode.ALLOW,
            List.of(new ModeOverride("localhost", "aws", null, ResponseMode.REDACT)),
            "Redact"),
        Arguments.of(
            "override elsewhere does not apply",
            List.of(rule(ResponseMode.BLOCK, "aws")),
            ResponseMode.ALLOW,
            List.of(new ModeOverride("api.openai.com", "aws", null, ResponseMode.ALLOW)),
            "Block"),
        Arguments.of(
            "destination-only override never downgrades an uninspectable body",
            List.of(Control.of(AuditLayer.RULE, ResponseMode.BLOCK, "body_too_large", "big")),
            ResponseMode.ALLOW,
            List.of(new ModeOverride("localhost", null, null, ResponseMode.ALLOW)),
            "Block"),
        Arguments.of(
            "watermark with nothing else",
            List.of(rule(ResponseMode.WATERMARK, "x"), rule(ResponseMode.WARN, "y")),
            ResponseMode.ALLOW,
            List.of(),
            "Watermark"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void map_table(
      String note,
      List<Control> controls,
      ResponseMode defaultMode,
      List<ModeOverride> overrides,
      String expected)
      throws Exception {
    Decision d = map(controls, defaultMode, overrides);
    assertEquals(expected, d.getClass().getSimpleName(), note);
  }

  @org.junit.jupiter.api.Test
  void coach_carriesRedactionForAfterAcknowledgement() throws Exception {
    Decision d =
        map(
            List.of(
                rule(ResponseMode.REDACT, "aws"),
                rule(ResponseMode.WATERMARK, "w"),
                rule(ResponseMode.COACH, "code")),
            ResponseMode.ALLOW,
            List.of());
    Decision.Coach coach = assertInstanceOf(Decision.Coach.class, d);
    Decision.Redact then = assertInstanceOf(Decision.Redact.class, coach.thenForward());
    assertEquals(Set.of("aws"), then.detectorIds());
    assertEquals(true, then.watermark());
  }

  private Decision map(List<Control> controls, ResponseMode defaultMode, List<ModeOverride> o)
      throws Exception {
    PolicyDocument doc =
        new PolicyDocument(
                "m",
                List.of(new AiDestination("localhost", Provider.OPENAI)),
                List.of(),
                Map.of(),
                defaultMode,
                "P1D")
            .withResponses(new ResponseSettings(o, null, null, null, null));
    ActivePolicy policy = TestPolicies.active(dir, doc);
    Evaluation evaluation = new Evaluation(policy);
    controls.forEach(evaluation::fire);
    return new ModeMapping()
        .map(DecisionPipelineTest.request("localhost", new byte[0], null), evaluation);
  }
}
