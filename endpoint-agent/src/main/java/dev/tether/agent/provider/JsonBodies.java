package dev.tether.agent.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Walks a JSON request body and extracts prompts, tool payloads and inline data from the fields the
 * modelled APIs use. The field sets overlap across providers (OpenAI-compatible servers copy
 * OpenAI; Mistral and Copilot are OpenAI-shaped), so one walker serves every family; the path tells
 * the family. Bounded: nesting {@value #MAX_DEPTH}, one parse per body.
 */
final class JsonBodies {
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_DEPTH)
                      .maxStringLength(32 * 1024 * 1024)
                      .maxNumberLength(100)
                      .build())
              .build());

  private JsonBodies() {}

  /** The body as a JSON tree, or {@code null} if it is not JSON. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first == body.length || (body[first] != '{' && body[first] != '[')) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** True if the object looks like a request to a language model, whatever the path. */
  static boolean aiShaped(JsonNode root) {
    return dev.tether.core.decision.AiRequestShape.isAiShaped(root);
  }

  /** Extracts everything the decision uses from {@code root}. */
  static void extract(JsonNode root, Extraction out) {
    if (root == null) {
      return;
    }
    if (root.isArray()) {
      root.forEach(item -> extract(item, out)); // batched requests
      return;
    }
    if (!root.isObject()) {
      return;
    }
    out.model(root.path("model").isTextual() ? root.path("model").asText() : null);
    if (root.path("stream").asBoolean(false)) {
      out.streaming = true;
    }
    for (String field : new String[] {"system", "instructions", "preamble", "suffix"}) {
      content(root.get(field), out, 0);
    }
    for (String field : new String[] {"prompt", "message", "input", "texts", "query", "content"}) {
      content(root.get(field), out, 0);
    }
    for (String field :
        new String[] {"messages", "chat_history", "contents", "documents", "attachments"}) {
      JsonNode list = root.get(field);
      if (list != null && list.isArray()) {
        list.forEach(message -> content(message, out, 0));
      }
    }
    JsonNode systemInstruction =
        root.has("systemInstruction")
            ? root.get("systemInstruction")
            : root.get("system_instruction");
    content(systemInstruction, out, 0);
    for (String field : new String[] {"tools", "functions"}) {
      JsonNode list = root.get(field);
      if (list != null && list.isArray()) {
        list.forEach(tool -> out.tool(tool.toString()));
      }
    }
    JsonNode fileIds = root.get("file_ids");
    if (fileIds != null && fileIds.isArray()) {
      fileIds.forEach(id -> out.attachment(new Attachment(id.asText(), null, 0, null)));
    }
    JsonNode images = root.get("images"); // Ollama: bare base64 images
    if (images != null && images.isArray()) {
      images.forEach(image -> base64(image.asText(), "image", "image/*", out));
    }
    // Realtime client events: {"type":"conversation.item.create","item":{...}} and session updates.
    content(root.get("item"), out, 0);
    JsonNode session = root.get("session");
    if (session != null && session.isObject()) {
      content(session.get("instructions"), out, 0);
      out.model(session.path("model").isTextual() ? session.path("model").asText() : null);
    }
    JsonNode response = root.get("response");
    if (response != null && response.isObject()) {
      content(response.get("instructions"), out, 0);
    }
    dataUrls(root, out);
  }

  /** A content value in any of the shapes providers use: string, part, part list, message. */
  private static void content(JsonNode node, Extraction out, int depth) {
    if (node == null || node.isNull() || depth > MAX_DEPTH) {
      return;
    }
    if (node.isTextual()) {
      if (!DataUrls.isDataUrl(node.asText())) {
        out.prompt(node.asText());
      }
      return;
    }
    if (node.isArray()) {
      node.forEach(item -> content(item, out, depth + 1));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (String field :
        new String[] {"content", "text", "parts", "message", "output", "snippet", "title"}) {
      content(node.get(field), out, depth + 1);
    }
    // Tool calls and tool inputs are tool payloads.
    JsonNode toolCalls = node.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray()) {
      toolCalls.forEach(
          call -> out.tool(call.path("function").path("arguments").asText(call.toString())));
    }
    if (node.has("function_call")) {
      out.tool(node.get("function_call").toString());
    }
    if (node.has("functionCall")) {
      out.tool(node.get("functionCall").toString());
    }
    if (node.has("functionResponse")) {
      out.tool(node.get("functionResponse").toString());
    }
    if ("tool_use".equals(node.path("type").asText()) && node.has("input")) {
      out.tool(node.get("input").toString());
    }
    if ("function_call".equals(node.path("type").asText()) && node.has("arguments")) {
      out.tool(node.get("arguments").asText());
    }
    // Inline base64 data: Anthropic source, Gemini inline_data, OpenAI input_audio / input_file.
    JsonNode source = node.get("source");
    if (source != null && source.isObject()) {
      String type = source.path("type").asText();
      if (type.equals("base64")) {
        base64(source.path("data").asText(), "source", source.path("media_type").asText(null), out);
      } else if (type.equals("text")) {
        content(source.get("data"), out, depth + 1);
      }
    }
    JsonNode inline = node.has("inline_data") ? node.get("inline_data") : node.get("inlineData");
    if (inline != null && inline.isObject()) {
      String mime =
          inline.has("mime_type")
              ? inline.path("mime_type").asText()
              : inline.path("mimeType").asText(null);
      base64(inline.path("data").asText(), "inline_data", mime, out);
    }
    JsonNode audio = node.get("input_audio");
    if (audio != null && audio.isObject()) {
      base64(
          audio.path("data").asText(),
          "input_audio",
          "audio/" + audio.path("format").asText(),
          out);
    }
    JsonNode fileData = node.get("file_data");
    if (fileData != null && fileData.isTextual() && !DataUrls.isDataUrl(fileData.asText())) {
      base64(fileData.asText(), node.path("filename").asText("file_data"), null, out);
    }
    for (String ref : new String[] {"file_id", "fileUri"}) {
      if (node.path(ref).isTextual()) {
        out.attachment(new Attachment(node.path(ref).asText(), null, 0, null));
      }
    }
    JsonNode fileRef = node.get("fileData");
    if (fileRef != null && fileRef.path("fileUri").isTextual()) {
      out.attachment(
          new Attachment(
              fileRef.path("fileUri").asText(), fileRef.path("mimeType").asText(null), 0, null));
    }
  }

  private static void base64(String data, String name, String mediaType, Extraction out) {
    if (data == null || data.isEmpty()) {
      return;
    }
    Attachment attachment = DataUrls.fromBase64(name, mediaType, data);
    if (attachment != null) {
      out.attachment(attachment);
    }
  }

  /** Every {@code data:} URL anywhere in the tree, as an attachment (iterative, bounded). */
  private static void dataUrls(JsonNode root, Extraction out) {
    Deque<Map.Entry<String, JsonNode>> stack = new ArrayDeque<>();
    stack.push(Map.entry("", root));
    int visited = 0;
    while (!stack.isEmpty() && visited++ < 1_000_000) {
      Map.Entry<String, JsonNode> entry = stack.pop();
      JsonNode node = entry.getValue();
      if (node.isTextual()) {
        if (DataUrls.isDataUrl(node.asText())) {
          Attachment attachment = DataUrls.parse(entry.getKey(), node.asText());
          if (attachment != null) {
            out.attachment(attachment);
          }
        }
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          stack.push(it.next());
        }
      } else if (node.isArray()) {
        node.forEach(child -> stack.push(Map.entry(entry.getKey(), child)));
      }
    }
  }
}
