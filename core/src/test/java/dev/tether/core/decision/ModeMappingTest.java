package dev.tether.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModeMappingTest {
  static final String CURL = "/usr/bin/curl";
  static final String IDE = "/usr/share/code/code";

  static Control rule(ResponseMode mode, String detector) {
    return new Control(
        AuditLayer.RULE, mode, "c-" + detector, detector + " found", List.of(detector), 1);
  }

  static Control judge(ResponseMode mode, String label) {
    return Control.of(AuditLayer.JUDGE, mode, label, "judge: " + label);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("nothing fired: default", List.of(), null, List.of(), "Allow"),
        Arguments.of(
            "nothing fired: destination override",
            List.of(),
            null,
            List.of(new ModeOverride("localhost", null, null, ResponseMode.WATERMARK)),
            "Watermark"),
        Arguments.of(
            "redact never outranks coach",
            List.of(rule(ResponseMode.REDACT, "aws"), rule(ResponseMode.COACH, "code")),
            null,
            List.of(),
            "Coach"),
        Arguments.of(
            "request outranks coach, block outranks all",
            List.of(
                rule(ResponseMode.REQUEST, "a"),
                rule(ResponseMode.COACH, "b"),
                rule(ResponseMode.BLOCK, "c")),
            null,
            List.of(),
            "Block"),
        Arguments.of(
            "override for a detector at a destination",
            List.of(rule(ResponseMode.BLOCK, "aws")),
            null,
            List.of(new ModeOverride("localhost", "aws", null, ResponseMode.REDACT)),
            "Redact"),
        Arguments.of(
            "override elsewhere does not apply",
            List.of(rule(ResponseMode.BLOCK, "aws")),
            null,
            List.of(new ModeOverride("api.openai.com", "aws", null, ResponseMode.ALLOW)),
            "Block"),
        Arguments.of(
            "destination-only override never downgrades an uninspectable body",
            List.of(Control.of(AuditLayer.RULE, ResponseMode.BLOCK, "body_too_large", "big")),
            null,
            List.of(new ModeOverride("localhost", null, null, ResponseMode.ALLOW)),
            "Block"),
        Arguments.of(
            "watermark with nothing else",
            List.of(rule(ResponseMode.WATERMARK, "x"), rule(ResponseMode.WARN, "y")),
            null,
            List.of(),
            "Watermark"),
        Arguments.of(
            "app-only override blocks a shadow tool when nothing fired",
            List.of(),
            CURL,
            List.of(new ModeOverride(null, "curl", null, null, ResponseMode.BLOCK)),
            "Block"),
        Arguments.of(
            "app-only override blocks a shadow tool over an allowing judge",
            List.of(judge(ResponseMode.ALLOW, "generic-code-assistance")),
            CURL,
            List.of(new ModeOverride(null, "curl", null, null, ResponseMode.BLOCK)),
            "Block"),
        Arguments.of(
            "app override for another app does not apply",
            List.of(),
            IDE,
            List.of(new ModeOverride(null, "curl", null, null, ResponseMode.BLOCK)),
            "Allow"),
        Arguments.of(
            "approved IDE path allowed for a classification the policy coaches",
            List.of(judge(ResponseMode.COACH, "proprietary-code-disclosure")),
            IDE,
            List.of(
                new ModeOverride(
                    null,
                    "/usr/share/code/*",
                    null,
                    "proprietary-code-disclosure",
                    ResponseMode.ALLOW)),
            "Allow"),
        Arguments.of(
            "the same classification from another app is still coached",
            List.of(judge(ResponseMode.COACH, "proprietary-code-disclosure")),
            CURL,
            List.of(
                new ModeOverride(
                    null,
                    "/usr/share/code/*",
                    null,
                    "proprietary-code-disclosure",
                    ResponseMode.ALLOW)),
            "Coach"),
        Arguments.of(
            "an IDE classification override does not relax a credential finding",
            List.of(
                judge(ResponseMode.COACH, "proprietary-code-disclosure"),
                rule(ResponseMode.BLOCK, "aws")),
            IDE,
            List.of(
                new ModeOverride(
                    null,
                    "/usr/share/code/*",
                    null,
                    "proprietary-code-disclosure",
                    ResponseMode.ALLOW)),
            "Block"),
        Arguments.of(
            "unattributed requests can be coached",
            List.of(),
            null,
            List.of(new ModeOverride(null, "?", null, null, ResponseMode.COACH)),
            "Coach"),
        Arguments.of(
            "app plus destination: both must match",
            List.of(),
            CURL,
            List.of(new ModeOverride("api.openai.com", "curl", null, null, ResponseMode.BLOCK)),
            "Allow"),
        Arguments.of(
            "an app override never unblocks a blocked destination",
            List.of(
                Control.of(AuditLayer.DESTINATION, ResponseMode.BLOCK, "destination_blocked", "x")),
            IDE,
            List.of(new ModeOverride(null, "code", null, null, ResponseMode.ALLOW)),
            "Block"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void map_table(
      String note,
      List<Control> controls,
      String app,
      List<ModeOverride> overrides,
      String expected) {
    Decision d = map(controls, app, overrides).decision();
    assertEquals(expected, d.getClass().getSimpleName(), note);
  }

  @Test
  void map_unredactableFindings_blockWhereRedactWouldApply() {
    Control inAttachment =
        new Control(
                AuditLayer.RULE,
                ResponseMode.REDACT,
                "credential_detected",
                "cloud-credentials detected in attachment",
                List.of("aws-access-key-id"),
                1)
            .notRedactable();
    ModeMapping.Mapping m = map(List.of(inAttachment), null, List.of());
    Decision.Block block = assertInstanceOf(Decision.Block.class, m.decision());
    assertTrue(block.reason().contains("cannot be redacted in place"), block.reason());
    assertEquals(ResponseMode.BLOCK, m.controls().get(0).mode());
    // An override to REDACT is no way around it either.
    ModeMapping.Mapping overridden =
        map(
            List.of(inAttachment.withMode(ResponseMode.BLOCK)),
            null,
            List.of(new ModeOverride(null, "aws-access-key-id", null, ResponseMode.REDACT)));
    assertInstanceOf(Decision.Block.class, overridden.decision());
  }

  @Test
  void map_reportsWhichOverrideApplied() {
    ModeMapping.Mapping m =
        map(
            List.of(
                judge(ResponseMode.ALLOW, "generic-code-assistance"), rule(ResponseMode.WARN, "x")),
            CURL,
            List.of(
                new ModeOverride("api.openai.com", null, null, ResponseMode.WARN),
                new ModeOverride(
                    null, "curl", null, "generic-code-assistance", ResponseMode.BLOCK)));
    assertEquals(1, m.controls().get(0).overrideIndex());
    assertEquals(ResponseMode.BLOCK, m.controls().get(0).mode());
    assertEquals(-1, m.controls().get(1).overrideIndex());
    assertTrue(
        m.decision().reason().contains("policy override for app curl"), m.decision().reason());

    ModeMapping.Mapping nothing =
        map(
            List.of(),
            CURL,
            List.of(new ModeOverride(null, "curl", null, null, ResponseMode.COACH)));
    assertEquals(0, nothing.defaultOverrideIndex());
  }

  @Test
  void coach_carriesRedactionForAfterAcknowledgement() {
    Decision d =
        map(
                List.of(
                    rule(ResponseMode.REDACT, "aws"),
                    rule(ResponseMode.WATERMARK, "w"),
                    rule(ResponseMode.COACH, "code")),
                null,
                List.of())
            .decision();
    Decision.Coach coach = assertInstanceOf(Decision.Coach.class, d);
    Decision.Redact then = assertInstanceOf(Decision.Redact.class, coach.thenForward());
    assertEquals(Set.of("aws"), then.detectorIds());
    assertEquals(true, then.watermark());
  }

  @Test
  void map_nothingFiredWithoutPolicy_throws() {
    assertThrows(
        IllegalStateException.class,
        () -> ModeMapping.map(null, new RequestContext("localhost", null), List.of()));
  }

  @Test
  void strictness_orderIsTheEnforcementOrder() {
    List<ResponseMode> order =
        List.of(
            ResponseMode.ALLOW,
            ResponseMode.WARN,
            ResponseMode.WATERMARK,
            ResponseMode.REDACT,
            ResponseMode.COACH,
            ResponseMode.REQUEST,
            ResponseMode.BLOCK);
    for (int i = 1; i < order.size(); i++) {
      assertTrue(ModeMapping.strictness(order.get(i)) > ModeMapping.strictness(order.get(i - 1)));
      assertEquals(order.get(i), ModeMapping.stricter(order.get(i - 1), order.get(i)));
    }
  }

  static PolicyDocument policy(List<ModeOverride> overrides) {
    return new PolicyDocument(
            "m",
            List.of(new AiDestination("localhost", Provider.OPENAI)),
            List.of(),
            Map.of(),
            ResponseMode.ALLOW,
            "P1D")
        .withResponses(new ResponseSettings(overrides, null, null, null, null))
        .validated();
  }

  private static ModeMapping.Mapping map(
      List<Control> controls, String app, List<ModeOverride> overrides) {
    return ModeMapping.map(policy(overrides), new RequestContext("localhost", app), controls);
  }
}
