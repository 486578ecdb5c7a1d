package dev.tether.agent.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a streamed provider event carries its text delta: OpenAI chat ({@code
 * choices[0].delta.content}), OpenAI completions ({@code choices[0].text}), OpenAI responses
 * ({@code delta} of {@code response.output_text.delta}), Anthropic ({@code delta.text} of {@code
 * content_block_delta}), Gemini ({@code candidates[0].content.parts[0].text}).
 */
enum TextSlot {
  OPENAI_CHAT("choices", "delta", "content"),
  OPENAI_COMPLETION("choices", null, "text"),
  OPENAI_RESPONSES(null, null, "delta"),
  ANTHROPIC(null, "delta", "text"),
  GEMINI("candidates", "content", "text");

  private final String array;
  private final String object;
  private final String field;

  TextSlot(String array, String object, String field) {
    this.array = array;
    this.object = object;
    this.field = field;
  }

  /** The slot {@code event} carries text in, or {@code null}. */
  static TextSlot find(ObjectNode event) {
    String type = event.path("type").asText("");
    if (type.equals("content_block_delta") && event.path("delta").path("text").isTextual()) {
      return ANTHROPIC;
    }
    if (type.equals("response.output_text.delta") && event.path("delta").isTextual()) {
      return OPENAI_RESPONSES;
    }
    for (TextSlot slot : new TextSlot[] {OPENAI_CHAT, OPENAI_COMPLETION, GEMINI}) {
      ObjectNode holder = slot.holder(event);
      if (holder != null && holder.path(slot.field).isTextual()) {
        return slot;
      }
    }
    return null;
  }

  String get(ObjectNode event) {
    return holder(event).path(field).asText();
  }

  void set(ObjectNode event, String value) {
    holder(event).put(field, value);
  }

  private ObjectNode holder(ObjectNode event) {
    JsonNode node = event;
    if (array != null) {
      node = node.path(array).path(0);
    }
    if (this == GEMINI) {
      node = node.path("content").path("parts").path(0);
    } else if (object != null) {
      node = node.path(object);
    }
    return node instanceof ObjectNode o ? o : null;
  }
}
