package dev.tether.agent.enforce;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.Provider;

/**
 * Error bodies in each provider's own format, so SDKs surface the policy message instead of a parse
 * error. The message names the policy, its version and the reason (detector ids, never the matched
 * content).
 */
public final class BlockResponses {
  /** The {@code type} OpenAI-shaped errors carry. */
  public static final String ERROR_TYPE = "tether_policy_violation";

  private BlockResponses() {}

  /**
   * The human message shown to the developer. The policy name is in single quotes so SDKs that
   * print the error JSON (Anthropic's) show it without escapes.
   */
  public static String message(String policyName, long policyVersion, String reason) {
    String policy =
        policyName == null
            ? "no verified policy"
            : "policy '" + policyName + "' version " + policyVersion;
    return "Blocked by Tether (" + policy + "): " + reason;
  }

  /** The JSON error body for {@code provider}. */
  public static byte[] body(Provider provider, int status, String code, String message) {
    Object body;
    switch (provider) {
      case ANTHROPIC:
        body =
            new AnthropicError(
                "error",
                new AnthropicError.Detail(
                    status == 403 ? "permission_error" : "api_error", message));
        break;
      case GEMINI:
        body =
            new GeminiError(
                new GeminiError.Detail(
                    status, message, status == 403 ? "PERMISSION_DENIED" : "UNAVAILABLE"));
        break;
      default:
        // OpenAI and everything OpenAI-compatible (GENERIC, Mistral, Groq, ...).
        body = new OpenAiError(new OpenAiError.Detail(message, ERROR_TYPE, null, code));
        break;
    }
    return JsonCodec.write(body);
  }

  /** {@code {"error":{"message","type","param":null,"code"}}}. */
  record OpenAiError(Detail error) {
    record Detail(
        String message,
        String type,
        @JsonInclude(JsonInclude.Include.ALWAYS) String param,
        String code) {}
  }

  /** {@code {"type":"error","error":{"type":"permission_error","message"}}}. */
  record AnthropicError(String type, Detail error) {
    record Detail(String type, String message) {}
  }

  /** {@code {"error":{"code":403,"message","status":"PERMISSION_DENIED"}}}. */
  record GeminiError(Detail error) {
    record Detail(int code, String message, String status) {}
  }
}
