package dev.tether.agent.provider;

/** The wire format a request was recognised as (which may differ from the host's vendor). */
public enum ApiFamily {
  OPENAI,
  AZURE_OPENAI,
  ANTHROPIC,
  GEMINI,
  MISTRAL,
  COHERE,
  OLLAMA,
  GITHUB_COPILOT,
  /** OpenAI-compatible shape at a host that is not OpenAI (vLLM, LM Studio, OpenRouter, ...). */
  OPENAI_COMPATIBLE,
  /** No known API shape. */
  UNKNOWN
}
