package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.decision.BlockResponses;
import dev.tether.core.policy.Provider;
import java.util.Map;

/**
 * Builds {@link Enforcement.Answer}s: provider-shaped JSON errors ({@link BlockResponses}) with the
 * decision id header, never cached. The status codes are chosen so SDKs raise their typed errors
 * and do not retry: 403 for policy refusals (OpenAI {@code PermissionDeniedError}, Anthropic {@code
 * PermissionDeniedError}), 413 for an uninspectable oversized body, 503 only when the agent itself
 * could not decide.
 */
public final class ProviderErrors {
  /** Header carrying the decision id on every response the agent decided about. */
  public static final String DECISION_HEADER = "X-Tether-Decision-Id";

  private ProviderErrors() {}

  /** The status a refusal with {@code code} answers. */
  public static int statusFor(String code) {
    return BlockResponses.statusFor(code);
  }

  /**
   * The error dialect the client speaks: the recognised API family when it has its own error shape
   * (an Anthropic Messages call to a gateway registered as OpenAI-compatible still gets an
   * Anthropic error its SDK can parse), else the destination's provider.
   */
  static Provider shape(InspectedRequest request) {
    return switch (request.api().family()) {
      case ANTHROPIC -> Provider.ANTHROPIC;
      case GEMINI -> Provider.GEMINI;
      default -> request.provider();
    };
  }

  /** A provider-shaped error for {@code request}, with {@link #statusFor} its code. */
  public static Enforcement.Answer answer(InspectedRequest request, String code, String message) {
    return answer(request, statusFor(code), code, message);
  }

  /** A provider-shaped error for {@code request} with an explicit status. */
  public static Enforcement.Answer answer(
      InspectedRequest request, int status, String code, String message) {
    return new Enforcement.Answer(
        request.decisionId(),
        status,
        "application/json",
        BlockResponses.body(shape(request), status, code, message),
        Map.of(DECISION_HEADER, request.decisionId(), "Cache-Control", "no-store"));
  }
}
