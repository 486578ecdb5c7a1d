package dev.tether.server.policy.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.decision.AiRequestShape;
import dev.tether.core.decision.BlockResponses;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.util.List;

/**
 * A destination that is not an AI destination of the policy: the agent never runs the decision
 * pipeline for it. With {@code proxy.inspectAll} (and for connections without a name) an AI-shaped
 * request is refused as {@code unrecognised_ai_endpoint} and anything else passes; otherwise the
 * connection is tunnelled untouched.
 */
final class Unlisted {
  static final String CODE = "unrecognised_ai_endpoint";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Unlisted() {}

  static Simulation simulate(
      Simulation.PolicyRef ref, SimulationRequest request, PolicyDocument doc) {
    boolean inspectAll = doc.proxy().inspectAll() && !doc.proxy().isBypassed(request.destination());
    boolean aiShaped = aiShaped(request.payload());
    String detail =
        inspectAll
            ? "not an AI destination of the policy; proxy.inspectAll decrypts it: an AI-shaped"
                + " request is refused as "
                + CODE
                + ", other traffic passes unchanged"
            : "not an AI destination of the policy: tunnelled byte for byte, never inspected (add"
                + " it to aiDestinations or set proxy.inspectAll to inspect it)";
    boolean refused = inspectAll && aiShaped;
    String reason =
        "request to "
            + request.destination()
            + " looks like an AI API call, but the host is not an approved AI destination";
    Provider provider =
        request.provider() == null ? Provider.OPENAI : Provider.valueOf(request.provider());
    return new Simulation(
        ref,
        List.of("policy-presence", "scope"),
        new Simulation.DestinationView(
            request.destination(), inspectAll ? "inspect-all" : "not-listed", null, detail),
        request.app(),
        List.of(),
        false,
        "",
        null,
        List.of(),
        null,
        refused
            ? new Simulation.DecisionView(
                ResponseMode.BLOCK, CODE, reason, false, null, List.of(), false)
            : new Simulation.DecisionView(
                ResponseMode.ALLOW,
                "allowed",
                inspectAll ? "not AI-shaped: forwarded unchanged" : "not intercepted",
                true,
                null,
                List.of(),
                false),
        refused
            ? new Simulation.ResponseView(
                false,
                403,
                provider.name(),
                new String(
                    BlockResponses.body(
                        provider,
                        403,
                        CODE,
                        BlockResponses.message(doc.name(), ref.version(), reason)),
                    java.nio.charset.StandardCharsets.UTF_8),
                "the request never reaches " + request.destination())
            : new Simulation.ResponseView(
                true, null, null, null, "forwarded as sent; no policy control applies"));
  }

  /** The agent's test ({@link AiRequestShape}) on the payload parsed as JSON. */
  static boolean aiShaped(String payload) {
    String trimmed = payload.strip();
    if (!trimmed.startsWith("{")) {
      return false;
    }
    try {
      return AiRequestShape.isAiShaped(JSON.readTree(trimmed));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
