/**
 * Provider awareness: recognises the API shape of an intercepted request (OpenAI chat, completions,
 * responses, assistants, files and realtime; Anthropic messages; Gemini generateContent; Azure
 * OpenAI; Mistral; Cohere; Ollama and OpenAI-compatible servers; GitHub Copilot) and extracts what
 * the decision needs: model, prompt text, attached files and tool payloads. Also says whether a
 * request to an unlisted host is AI-shaped (JSON with a model and messages or a prompt), so the
 * proxy can deny unrecognised AI endpoints.
 *
 * <p>Pure logic over bytes already read and decoded: no I/O, no Netty. Every input is bounded and
 * nothing here throws on hostile input (a body it cannot parse yields {@link
 * dev.tether.agent.provider.ApiCall#unparsed}). Must not depend on {@code proxy} or {@code
 * pipeline}.
 */
package dev.tether.agent.provider;
