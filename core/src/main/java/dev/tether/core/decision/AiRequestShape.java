package dev.tether.core.decision;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a JSON request body is shaped like a call to an AI model, whatever host it goes to: a
 * model and a conversation (messages, a prompt, an input, Gemini contents, a Cohere message or chat
 * history, instructions), Gemini contents with parts, or chat messages with roles and content. The
 * agent refuses such a request to a host that is not an approved AI destination ({@code
 * unrecognised_ai_endpoint}); the console's simulator answers the same way.
 */
public final class AiRequestShape {
  private AiRequestShape() {}

  /** True if {@code root} (a parsed body, or {@code null}) is AI-shaped. */
  public static boolean isAiShaped(JsonNode root) {
    if (root == null || !root.isObject()) {
      return false;
    }
    boolean model = root.path("model").isTextual();
    boolean conversation =
        root.has("messages")
            || root.has("prompt")
            || root.has("input")
            || root.has("contents")
            || root.has("message")
            || root.has("chat_history")
            || root.has("instructions");
    JsonNode contents = root.path("contents");
    boolean gemini =
        contents.isArray() && contents.size() > 0 && contents.get(0).path("parts").isArray();
    JsonNode messages = root.path("messages");
    boolean chat =
        messages.isArray()
            && messages.size() > 0
            && messages.get(0).has("role")
            && messages.get(0).has("content");
    return (model && conversation) || gemini || chat;
  }
}
