package dev.tether.server.policy;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a policy document and reports every error it can find, each with a JSON Pointer (RFC
 * 6901) into the submitted document, instead of stopping at the first as {@link
 * PolicyDocument#validated()} does.
 *
 * <p>How: the document is parsed as plain JSON, then each top-level property, each property of a
 * section object and each element of a list inside a section is bound and validated on its own
 * (beside a placeholder name), so independent mistakes are all reported; finally the whole document
 * is validated, which adds any error that only appears in combination (sizes, cross-field checks).
 * The verdict is always that of {@link PolicyDocument#validated()}: a document is valid here
 * exactly when it is valid there. At most {@link #MAX_ERRORS} errors are reported.
 */
public final class PolicyValidation {
  /** Most errors reported for one document. */
  public static final int MAX_ERRORS = 100;

  private static final Pattern KEY = Pattern.compile("^(policy(?:[.\\[][^:\\s]*)?): ");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  /** One error: where (JSON Pointer and the key as messages name it) and what. */
  public record Violation(String path, String key, String message) {
    public Violation {
      if (path == null || key == null || message == null) {
        throw new IllegalArgumentException("violation: path, key and message required");
      }
    }
  }

  /**
   * The outcome: {@code valid}, the document as it would be stored (valid only), every error found,
   * and advice that does not block (valid only).
   */
  public record Report(
      boolean valid, PolicyDocument policy, List<Violation> errors, List<String> warnings) {
    public Report {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  private PolicyValidation() {}

  /** Validates the JSON of a policy document; never throws for bad input. */
  public static Report validate(byte[] json) {
    Map<?, ?> tree;
    try {
      tree = JsonCodec.read(json, Map.class);
    } catch (IllegalArgumentException e) {
      return invalid(List.of(new Violation("", "policy", e.getMessage())));
    }
    String whole;
    try {
      PolicyDocument document = JsonCodec.read(json, PolicyDocument.class).validated();
      return new Report(true, document, List.of(), document.warnings());
    } catch (IllegalArgumentException e) {
      whole = e.getMessage();
    }
    Set<Violation> found = new LinkedHashSet<>();
    for (Map.Entry<?, ?> entry : tree.entrySet()) {
      String field = String.valueOf(entry.getKey());
      if (entry.getValue() instanceof Map<?, ?> section && !field.equals("detectorModes")) {
        for (Map.Entry<?, ?> sub : section.entrySet()) {
          String subField = String.valueOf(sub.getKey());
          String subPath = pointerToken(field) + "/" + pointerToken(subField);
          if (sub.getValue() instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
              Map<String, Object> oneElement = new LinkedHashMap<>();
              oneElement.put(subField, listOf(list.get(i)));
              check(found, subPath + "/" + i, Map.of(field, oneElement), subField, i);
            }
          }
          Map<String, Object> oneSub = new LinkedHashMap<>();
          oneSub.put(subField, sub.getValue());
          check(found, subPath, Map.of(field, oneSub), null, -1);
        }
      } else if (entry.getValue() instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          check(found, pointerToken(field) + "/" + i, Map.of(field, listOf(list.get(i))), field, i);
        }
      }
      Map<String, Object> single = new LinkedHashMap<>();
      single.put(field, entry.getValue());
      check(found, pointerToken(field), single, null, -1);
    }
    add(found, violation("", whole, null, -1));
    return invalid(new ArrayList<>(found));
  }

  private static List<Object> listOf(Object element) {
    List<Object> one = new ArrayList<>(1);
    one.add(element);
    return one;
  }

  /**
   * Binds and validates {@code part} beside a placeholder name; on failure records the violation.
   * {@code listField}/{@code index}: the part holds element {@code index} of that list as its only
   * element, so {@code [0]} in the message is renumbered.
   */
  private static void check(
      Set<Violation> found,
      String fallbackPath,
      Map<String, Object> part,
      String listField,
      int index) {
    if (found.size() >= MAX_ERRORS) {
      return;
    }
    Map<String, Object> document = new LinkedHashMap<>();
    if (!part.containsKey("name")) {
      document.put("name", "validation");
    }
    document.putAll(part);
    try {
      JsonCodec.read(JsonCodec.write(document), PolicyDocument.class).validated();
    } catch (IllegalArgumentException e) {
      add(found, violation("/" + fallbackPath, e.getMessage(), listField, index));
    }
  }

  private static void add(Set<Violation> found, Violation v) {
    if (found.size() < MAX_ERRORS
        && found.stream().noneMatch(f -> f.message().equals(v.message()))) {
      found.add(v);
    }
  }

  private static Violation violation(
      String fallbackPath, String message, String listField, int index) {
    String text = message == null ? "invalid" : message;
    if (listField != null) {
      text = text.replace(listField + "[0]", listField + "[" + index + "]");
    }
    Matcher key = KEY.matcher(text);
    if (!key.find()) {
      return new Violation(fallbackPath, "policy", text);
    }
    String path = pointer(key.group(1));
    // Some checks name the list but not the index; the part we validated knows it.
    if (fallbackPath.startsWith(path + "/")) {
      path = fallbackPath;
    }
    return new Violation(path, key.group(1), text);
  }

  /**
   * {@code policy.tradeSecrets.customRules[2].pattern} -> {@code
   * /tradeSecrets/customRules/2/pattern}.
   */
  static String pointer(String key) {
    String rest = key.substring("policy".length());
    StringBuilder out = new StringBuilder();
    for (String part : INDEX.matcher(rest).replaceAll(".$1").split("\\.")) {
      if (!part.isEmpty()) {
        out.append('/').append(pointerToken(part));
      }
    }
    return out.toString();
  }

  private static String pointerToken(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static Report invalid(List<Violation> errors) {
    return new Report(
        false, null, errors.subList(0, Math.min(errors.size(), MAX_ERRORS)), List.of());
  }
}
