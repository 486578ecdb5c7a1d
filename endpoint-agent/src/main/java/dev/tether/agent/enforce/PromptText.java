package dev.tether.agent.enforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the prompt text in a provider request body: the last JSON string value under a key that
 * carries model input ({@code content}, {@code text}, {@code prompt}, {@code input}). In the chat
 * shapes of OpenAI, Anthropic, Gemini, Mistral and the OpenAI-compatible servers the last such
 * value is the newest user turn. Works on the raw JSON text so the rest of the body keeps its
 * bytes.
 */
final class PromptText {
  private static final Set<String> KEYS = Set.of("content", "text", "prompt", "input");
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * A string literal in the raw JSON.
   *
   * @param open offset of the opening quote
   * @param close offset of the closing quote
   */
  record Span(int open, int close) {}

  private PromptText() {}

  /** The last prompt-carrying string literal of {@code json}, if the body is JSON and has one. */
  static Optional<Span> lastPrompt(String json) {
    Span last = null;
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.VALUE_STRING) {
          String key = parser.currentName();
          if (key != null && KEYS.contains(key)) {
            int open = (int) parser.currentTokenLocation().getCharOffset();
            parser.finishToken();
            int close = (int) parser.currentLocation().getCharOffset() - 1;
            if (open >= 0
                && close > open
                && json.charAt(open) == '"'
                && json.charAt(close) == '"') {
              last = new Span(open, close);
            }
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(last);
  }
}
