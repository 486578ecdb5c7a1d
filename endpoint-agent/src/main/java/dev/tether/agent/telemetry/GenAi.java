package dev.tether.agent.telemetry;

import dev.tether.agent.provider.ApiCall;
import dev.tether.agent.provider.ApiFamily;
import dev.tether.core.policy.Provider;

/**
 * OpenTelemetry GenAI semantic-convention values for an intercepted request: {@code
 * gen_ai.provider.name} from the provider at the destination (well-known values where the
 * convention has one), {@code gen_ai.operation.name} from the recognised API operation. Returns
 * {@code null} when the convention has no value for it (the attribute is then left out).
 */
final class GenAi {
  static final String PROVIDER = "gen_ai.provider.name";
  static final String OPERATION = "gen_ai.operation.name";
  static final String REQUEST_MODEL = "gen_ai.request.model";

  private GenAi() {}

  static String providerName(Provider provider, ApiCall api) {
    if (api.family() == ApiFamily.AZURE_OPENAI) {
      return "azure.ai.openai";
    }
    return switch (provider) {
      case OPENAI -> "openai";
      case ANTHROPIC -> "anthropic";
      case GEMINI -> "gcp.gemini";
      case MISTRAL -> "mistral_ai";
      case COHERE -> "cohere";
      case GITHUB_COPILOT -> "github_copilot";
      case CURSOR -> "cursor";
      case GENERIC -> null;
    };
  }

  /** {@code chat}, {@code text_completion}, {@code embeddings}, {@code generate_content}. */
  static String operationName(ApiCall api) {
    String op = api.operation();
    if (op.contains("embed")) {
      return "embeddings";
    }
    if (op.contains("generateContent") || op.contains("GenerateContent")) {
      return "generate_content";
    }
    if (op.equals("completions")) {
      return "text_completion";
    }
    if (op.contains("chat") || op.equals("messages") || op.equals("responses")) {
      return "chat";
    }
    return null;
  }
}
