package dev.tether.agent.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Redact mode's response rewriter: maps the typed placeholders ({@code [AWS_ACCESS_KEY_1]}) the
 * agent put into the request back to the original values wherever the model echoes them, as the
 * response streams.
 *
 * <p>Two shapes are handled. A plain body (JSON) is rewritten byte by byte; only a trailing {@code
 * [PARTIAL} that could still become a placeholder is held back until the next chunk. A
 * Server-Sent-Events stream ({@code data:} first) is rewritten event by event: the text delta of
 * each event (OpenAI chat/completions/responses, Anthropic messages, Gemini) is joined with text
 * held from the previous event, complete placeholders are replaced, and a trailing partial
 * placeholder is held for the next text event, so a placeholder the model streams as {@code [AWS},
 * {@code _ACCESS_KEY}, {@code _1]} in three events is restored. Held text is released before the
 * next non-text event or at the end, as an extra text event of the same shape. Events without text
 * pass through byte for byte. Memory is bounded: an event over {@value #MAX_EVENT_BYTES} bytes
 * throws (the proxy then cuts the response: never passes it on unrewritten).
 */
final class PlaceholderRestorer implements ResponseRewriter {
  static final int MAX_EVENT_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY = new byte[0];

  private final Map<String, String> raw;
  private final Map<String, String> text = new HashMap<>();
  private final int longest;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private Boolean sse;
  private String held = "";
  private ObjectNode template;
  private String templateHead = "";

  /**
   * @param originals placeholder -> original value as it appeared in the JSON request (escaped)
   */
  PlaceholderRestorer(Map<String, String> originals) {
    this.raw = Map.copyOf(originals);
    int max = 0;
    for (Map.Entry<String, String> e : raw.entrySet()) {
      max = Math.max(max, e.getKey().length());
      text.put(e.getKey(), unescape(e.getValue()));
    }
    this.longest = max;
  }

  @Override
  public byte[] rewrite(byte[] chunk) {
    pending.writeBytes(chunk);
    if (sse == null) {
      String start = pending.toString(StandardCharsets.UTF_8).stripLeading();
      if (start.isEmpty()) {
        return EMPTY;
      }
      sse =
          start.startsWith("data:")
              || start.startsWith("event:")
              || start.startsWith("id:")
              || start.startsWith(":");
    }
    return sse ? events(false) : bytes(false);
  }

  @Override
  public byte[] finish() {
    if (sse == null) {
      return bytes(true);
    }
    return sse ? events(true) : bytes(true);
  }

  // ---- plain bodies ----

  private byte[] bytes(boolean last) {
    byte[] buffered = pending.toByteArray();
    int complete = last ? buffered.length : completeUtf8(buffered);
    String all = new String(buffered, 0, complete, StandardCharsets.UTF_8);
    int keep = last ? all.length() : partialStart(all);
    // Never cut inside a UTF-8 sequence: the kept tail starts with '[' (ASCII).
    String ready = all.substring(0, keep);
    String rest = all.substring(keep);
    pending.reset();
    pending.writeBytes(rest.getBytes(StandardCharsets.UTF_8));
    pending.write(buffered, complete, buffered.length - complete);
    if (!last && rest.length() > longest + 1) {
      throw new IllegalStateException("placeholder restorer: held text over bound");
    }
    return replace(ready, raw).getBytes(StandardCharsets.UTF_8);
  }

  /** Length of the prefix of {@code b} that ends on a UTF-8 character boundary. */
  private static int completeUtf8(byte[] b) {
    int i = b.length;
    int back = 0;
    while (i > 0 && back < 3 && (b[i - 1] & 0xC0) == 0x80) {
      i--;
      back++;
    }
    if (i == 0) {
      return b.length;
    }
    int lead = b[i - 1] & 0xFF;
    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > back + 1 ? i - 1 : b.length;
  }

  // ---- server-sent events ----

  private byte[] events(boolean last) {
    byte[] buffered = pending.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int start = 0;
    int end;
    while ((end = eventEnd(buffered, start)) > 0) {
      out.writeBytes(event(new String(buffered, start, end - start, StandardCharsets.UTF_8)));
      start = end;
    }
    pending.reset();
    if (last) {
      String tail = new String(buffered, start, buffered.length - start, StandardCharsets.UTF_8);
      out.writeBytes(flushHeld());
      out.writeBytes(replace(tail, raw).getBytes(StandardCharsets.UTF_8));
    } else {
      if (buffered.length - start > MAX_EVENT_BYTES) {
        throw new IllegalStateException("placeholder restorer: SSE event over bound");
      }
      pending.write(buffered, start, buffered.length - start);
    }
    return out.toByteArray();
  }

  /** Offset just past the blank line ending the event starting at {@code from}, or -1. */
  private static int eventEnd(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') {
        return i + 2;
      }
      if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  /** One complete event including its terminating blank line. */
  private byte[] event(String event) {
    String[] lines = event.split("\r?\n", -1);
    StringBuilder head = new StringBuilder();
    String data = null;
    for (String line : lines) {
      if (line.startsWith("data:")) {
        if (data != null) {
          return passThrough(event); // multi-line data: not a provider delta
        }
        data = line.substring(5).stripLeading();
      } else if (!line.isEmpty()) {
        head.append(line).append('\n');
      }
    }
    ObjectNode node = null;
    if (data != null && data.startsWith("{")) {
      try {
        JsonNode parsed = JSON.readTree(data);
        node = parsed instanceof ObjectNode o ? o : null;
      } catch (Exception e) {
        node = null;
      }
    }
    TextSlot slot = node == null ? null : TextSlot.find(node);
    if (slot == null) {
      return passThrough(event);
    }
    String joined = held + slot.get(node);
    int keep = partialStart(joined);
    held = joined.substring(keep);
    slot.set(node, replace(joined.substring(0, keep), text));
    template = node.deepCopy();
    templateHead = head.toString();
    return (head + "data: " + node + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] passThrough(String event) {
    byte[] flushed = flushHeld();
    byte[] rest = replace(event, raw).getBytes(StandardCharsets.UTF_8);
    if (flushed.length == 0) {
      return rest;
    }
    byte[] both = new byte[flushed.length + rest.length];
    System.arraycopy(flushed, 0, both, 0, flushed.length);
    System.arraycopy(rest, 0, both, flushed.length, rest.length);
    return both;
  }

  /** Releases held text as one more text event shaped like the last one. */
  private byte[] flushHeld() {
    if (held.isEmpty() || template == null) {
      return EMPTY;
    }
    ObjectNode node = template.deepCopy();
    TextSlot.find(node).set(node, replace(held, text));
    held = "";
    return (templateHead + "data: " + node + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  // ---- placeholders ----

  /** Start of a trailing {@code [PARTIAL} that may still become a placeholder, else the length. */
  private int partialStart(String s) {
    int open = s.lastIndexOf('[');
    if (open < 0 || s.length() - open > longest) {
      return s.length();
    }
    for (int i = open + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return s.length();
      }
    }
    return open;
  }

  private static String replace(String s, Map<String, String> values) {
    if (s.indexOf('[') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '[') {
        int close = i + 1;
        while (close < s.length() && isPlaceholderChar(s.charAt(close))) {
          close++;
        }
        if (close < s.length() && s.charAt(close) == ']') {
          String original = values.get(s.substring(i, close + 1));
          if (original != null) {
            out.append(original);
            i = close + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isPlaceholderChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** The value as text: JSON escapes in the request's raw span undone. */
  private static String unescape(String escaped) {
    try {
      return JSON.readValue("\"" + escaped + "\"", String.class);
    } catch (Exception e) {
      return escaped;
    }
  }
}
