package dev.tether.core.policy;

import java.util.List;
import java.util.Optional;

/**
 * The built-in catalogue of AI API hosts. The agent uses it when it has no verified policy (so that
 * it knows which traffic to block) and the console offers it as the starting point of new policies.
 */
public final class KnownAiDestinations {
  /** Hosts of the major AI APIs and coding assistants. */
  public static final List<AiDestination> CATALOGUE =
      List.of(
          new AiDestination("api.openai.com", Provider.OPENAI),
          new AiDestination("chatgpt.com", Provider.OPENAI),
          new AiDestination("*.openai.azure.com", Provider.OPENAI),
          new AiDestination("api.anthropic.com", Provider.ANTHROPIC),
          new AiDestination("claude.ai", Provider.ANTHROPIC),
          new AiDestination("generativelanguage.googleapis.com", Provider.GEMINI),
          new AiDestination("gemini.google.com", Provider.GEMINI),
          new AiDestination("api.mistral.ai", Provider.MISTRAL),
          new AiDestination("api.cohere.com", Provider.COHERE),
          new AiDestination("api.cohere.ai", Provider.COHERE),
          new AiDestination("api.githubcopilot.com", Provider.GITHUB_COPILOT),
          new AiDestination("*.githubcopilot.com", Provider.GITHUB_COPILOT),
          new AiDestination("copilot-proxy.githubusercontent.com", Provider.GITHUB_COPILOT),
          new AiDestination("api2.cursor.sh", Provider.CURSOR),
          new AiDestination("*.cursor.sh", Provider.CURSOR),
          new AiDestination("api.groq.com", Provider.GENERIC),
          new AiDestination("api.together.xyz", Provider.GENERIC),
          new AiDestination("api.deepseek.com", Provider.GENERIC),
          new AiDestination("api.perplexity.ai", Provider.GENERIC),
          new AiDestination("openrouter.ai", Provider.GENERIC));

  private KnownAiDestinations() {}

  /** The catalogue entry for {@code host}, if it is a known AI host. */
  public static Optional<AiDestination> lookup(String host) {
    return CATALOGUE.stream().filter(d -> d.matches(host)).findFirst();
  }
}
