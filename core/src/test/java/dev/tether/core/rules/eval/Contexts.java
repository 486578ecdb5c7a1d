package dev.tether.core.rules.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hand-written context templates in {@code corpus/contexts.txt} (see the header of that file
 * for the format) and how a value, or a helper's labelled snippet, is embedded in one of them.
 */
final class Contexts {
  private static final String RESOURCE = "/corpus/contexts.txt";
  private static final String VALUE = "{{VALUE}}";

  /** One template. */
  record Template(String name, boolean blockValues, String kind, String escape, String body) {

    /**
     * True if this template may hold {@code value} of {@code generator}: a snippet template holds a
     * helper's labelled snippet (for any generator), the others hold bare values of generators that
     * are recognisable on their own.
     */
    boolean accepts(TypeGenerator generator, String value, boolean snippet) {
      if (!blockValues && value.indexOf('\n') >= 0) {
        return false;
      }
      if (snippet) {
        return kind.equals("snippet");
      }
      return generator.standalone()
          && switch (kind) {
            case "any" -> true;
            case "credential" -> generator.isCredential();
            case "personal" -> !generator.isCredential();
            default -> false;
          };
    }

    /** {@code value} embedded in this template, all of it labelled as {@code type}. */
    Sample render(String id, String type, String value) {
      return render(id, type, new TypeGenerator.Snippet(value, 0, value.length()));
    }

    /** {@code snippet} embedded in this template, its labelled span labelled as {@code type}. */
    Sample render(String id, String type, TypeGenerator.Snippet snippet) {
      String named =
          body.replace("{{ENV}}", upperSnake(type))
              .replace("{{snake}}", upperSnake(type).toLowerCase(Locale.ROOT))
              .replace("{{camel}}", camel(type))
              .replace("{{label}}", type.replace('-', ' '));
      int at = named.indexOf(VALUE);
      String text = snippet.text();
      String head = escape(text.substring(0, snippet.start()));
      String labelled = escape(text.substring(snippet.start(), snippet.end()));
      String tail = escape(text.substring(snippet.end()));
      int start = at + head.length();
      return new Sample(
          id,
          "positive/" + name,
          named.substring(0, at) + head + labelled + tail + named.substring(at + VALUE.length()),
          List.of(new Label(type, start, start + labelled.length())));
    }

    private String escape(String part) {
      return switch (escape) {
        case "indent4" -> part.replace("\n", "\n    ");
        case "json" -> jsonEscape(part);
        default -> part;
      };
    }
  }

  private Contexts() {}

  /** Every template, in file order. */
  static List<Template> load() {
    String file;
    try (InputStream in = Contexts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("corpus: resource " + RESOURCE + " missing");
      }
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Template> templates = new ArrayList<>();
    String[] header = null;
    StringBuilder body = new StringBuilder();
    for (String line : file.split("\n", -1)) {
      if (line.startsWith("=== ") && line.endsWith(" ===")) {
        if (header != null) {
          templates.add(template(header, body));
        }
        header = line.substring(4, line.length() - 4).split("\\s*\\|\\s*");
        body.setLength(0);
      } else if (header != null) {
        body.append(line).append('\n');
      }
    }
    if (header != null) {
      templates.add(template(header, body));
    }
    return List.copyOf(templates);
  }

  private static Template template(String[] header, StringBuilder body) {
    String text = body.toString().stripTrailing() + "\n";
    if (header.length != 4
        || text.indexOf(VALUE) < 0
        || text.indexOf(VALUE) != text.lastIndexOf(VALUE)) {
      throw new IllegalStateException(
          "corpus: template "
              + String.join("|", header)
              + ": expected 4 header fields and one "
              + VALUE);
    }
    return new Template(header[0], header[1].equals("block"), header[2], header[3], text);
  }

  static String upperSnake(String type) {
    return type.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  static String camel(String type) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : type.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = out.length() > 0;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
