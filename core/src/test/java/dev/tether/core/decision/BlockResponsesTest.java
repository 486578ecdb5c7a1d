package dev.tether.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlockResponsesTest {
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "OpenAI: error object with type, null param and code",
            Provider.OPENAI,
            "{\"error\":{\"code\":\"credential_detected\",\"message\":\"M\",\"param\":null,\"type\":\"tether_policy_violation\"}}"),
        Arguments.of(
            "GENERIC endpoints answer OpenAI-shaped",
            Provider.GENERIC,
            "{\"error\":{\"code\":\"credential_detected\",\"message\":\"M\",\"param\":null,\"type\":\"tether_policy_violation\"}}"),
        Arguments.of(
            "Anthropic: type error + permission_error",
            Provider.ANTHROPIC,
            "{\"error\":{\"message\":\"M\",\"type\":\"permission_error\"},\"type\":\"error\"}"),
        Arguments.of(
            "Gemini: google.rpc.Status with PERMISSION_DENIED",
            Provider.GEMINI,
            "{\"error\":{\"code\":403,\"message\":\"M\",\"status\":\"PERMISSION_DENIED\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void body_providerShape(String note, Provider provider, String expected) {
    assertEquals(
        expected,
        new String(
            BlockResponses.body(provider, 403, "credential_detected", "M"), StandardCharsets.UTF_8),
        note);
  }

  @org.junit.jupiter.api.Test
  void message_namesPolicyVersionAndReason() {
    assertEquals(
        "Blocked by Tether (policy 'Default' version 7): cloud-credentials detected (aws-access-key-id)",
        BlockResponses.message("Default", 7, "cloud-credentials detected (aws-access-key-id)"));
  }
}
