package dev.tether.core.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.Provider;
import java.time.Duration;

/**
 * What the developer sees when a request is not forwarded: error bodies in each provider's own
 * format, so SDKs surface the policy message instead of a parse error, and the Block, Coach and
 * Request messages. The message names the policy, its version and the reason (detector ids, never
 * the matched content). Shared by the agent's enforcement and the console's simulator.
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
    return "Blocked by Tether (" + policyWords(policyName, policyVersion) + "): " + reason;
  }

  /** How messages name the policy in force. */
  public static String policyWords(String policyName, long policyVersion) {
    return policyName == null
        ? "no verified policy"
        : "policy '" + policyName + "' version " + policyVersion;
  }

  /** The Coach message: why, and where to acknowledge ({@code link}) within {@code window}. */
  public static String coachMessage(
      String policyName, long policyVersion, String reason, String link, Duration window) {
    return "Held by Tether ("
        + policyWords(policyName, policyVersion)
        + "): "
        + reason
        + ". If this is intended, acknowledge it with a justification at "
        + link
        + " and retry the same request within "
        + human(window)
        + ".";
  }

  /**
   * The Request message: why, the approval request's id and where to follow it.
   *
   * @param pending true when an approval for the same request was already filed
   */
  public static String requestMessage(
      String policyName,
      long policyVersion,
      String reason,
      boolean pending,
      String requestId,
      String link) {
    return "Held by Tether ("
        + policyWords(policyName, policyVersion)
        + "): "
        + reason
        + ". "
        + (pending ? "Approval is pending" : "An approval request was sent")
        + " (request "
        + requestId
        + "); follow it at "
        + link
        + " and retry the same request once it is approved.";
  }

  /** {@code 1 hour(s)}, {@code 90 minute(s)}. */
  static String human(Duration d) {
    long minutes = d.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + " hour(s)" : minutes + " minute(s)";
  }

  /**
   * The HTTP status a refusal with {@code code} answers, chosen so SDKs raise their typed errors
   * and do not retry: 413 for an uninspectable oversized body, 503 only when the agent could not
   * decide, else 403.
   */
  public static int statusFor(String code) {
    return switch (code) {
      case "body_too_large" -> 413;
      case "agent_overloaded" -> 503;
      default -> 403;
    };
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
