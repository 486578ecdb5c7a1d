package dev.tether.models.judge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * What a developer wrote, out of an AI API request body: the text members ({@code content}, {@code
 * text}, {@code prompt}, {@code input}, ...) of a JSON body, skipping messages whose role is the
 * model's or the tool's own ({@code assistant}, {@code model}, {@code tool}, {@code function}), in
 * document order, one per line. A body that is not JSON is the prompt as it is.
 *
 * <p>Bounded: at most {@value #MAX_CHARS} characters are collected; the judge's window strategy
 * bounds the rest of the work.
 */
public final class PromptText {
  static final int MAX_CHARS = 1 << 20;

  private static final Set<String> TEXT_KEYS =
      Set.of("content", "text", "prompt", "input", "query", "instructions", "system", "suffix");
  private static final Set<String> MODEL_ROLES = Set.of("assistant", "model", "tool", "function");
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(64 * 1024 * 1024)
                  .build())
          .build();

  private PromptText() {}

  /** The prompt text of {@code body}. */
  public static String extract(String body) {
    String trimmed = body.stripLeading();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return bounded(body);
    }
    try {
      StringBuilder out = new StringBuilder();
      collect(body, out);
      return out.length() == 0 ? "" : bounded(out.toString());
    } catch (IOException | RuntimeException e) {
      return bounded(body); // not JSON after all: judge it as text
    }
  }

  private static void collect(String body, StringBuilder out) throws IOException {
    // One frame per open object: its pending text and whether its role is the model's.
    Deque<Frame> frames = new ArrayDeque<>();
    try (JsonParser p = JSON.createParser(body)) {
      String field = null;
      int textDepth = 0; // > 0 while inside the value of a text key
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT -> {
            frames.push(new Frame());
            field = null;
          }
          case END_OBJECT -> {
            Frame f = frames.pop();
            if (!f.modelRole && f.text.length() > 0) {
              append(frames.isEmpty() ? out : frames.peek().text, f.text);
            }
          }
          case FIELD_NAME -> field = p.currentName().toLowerCase(Locale.ROOT);
          case START_ARRAY -> {
            if (isText(field)) {
              textDepth++;
            } else if (textDepth > 0) {
              textDepth++;
            }
          }
          case END_ARRAY -> {
            if (textDepth > 0) {
              textDepth--;
            }
            field = null;
          }
          case VALUE_STRING -> {
            Frame f = frames.peek();
            if ("role".equals(field) && f != null) {
              f.modelRole = MODEL_ROLES.contains(p.getText().toLowerCase(Locale.ROOT));
            } else if (f != null && (isText(field) || (textDepth > 0 && field == null))) {
              append(f.text, p.getText() + "\n");
            } else if (f == null) {
              append(out, p.getText() + "\n");
            }
            field = null;
          }
          default -> field = null;
        }
      }
    }
    if (!frames.isEmpty()) {
      throw new IOException("unbalanced JSON");
    }
  }

  private static boolean isText(String field) {
    return field != null && TEXT_KEYS.contains(field);
  }

  private static String bounded(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
  }

  private static void append(StringBuilder to, CharSequence text) {
    int room = MAX_CHARS - to.length();
    if (room > 0) {
      to.append(text, 0, Math.min(room, text.length()));
    }
  }

  /** One open JSON object: the text collected inside it, and whether its role is the model's. */
  private static final class Frame {
    final StringBuilder text = new StringBuilder();
    boolean modelRole;
  }
}
