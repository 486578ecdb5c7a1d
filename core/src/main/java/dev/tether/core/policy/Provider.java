package dev.tether.core.policy;

/**
 * The AI provider that speaks at a destination. Decides the shape of error bodies the agent answers
 * with, so that SDKs show the policy message instead of a parse error.
 */
public enum Provider {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  MISTRAL,
  COHERE,
  GITHUB_COPILOT,
  CURSOR,
  /** An AI endpoint whose wire format Tether does not model; errors are OpenAI-shaped. */
  GENERIC
}
