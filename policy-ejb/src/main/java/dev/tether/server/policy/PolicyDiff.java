package dev.tether.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A structural diff of two policy documents (their canonical JSON): one {@link Change} per added,
 * removed or changed value, with a JSON-pointer-like path. Arrays of plain values (host lists,
 * fingerprints) are compared as sets (path ends in {@code []}); other arrays by index. Bounded to
 * {@link #MAX_CHANGES} changes and {@link #MAX_VALUE_CHARS} characters per shown value.
 *
 * @param from the older version
 * @param to the newer version
 * @param changes what differs, in document order
 * @param truncated true when more than {@link #MAX_CHANGES} changes exist
 */
public record PolicyDiff(long from, long to, List<Change> changes, boolean truncated) {
  public static final int MAX_CHANGES = 1000;
  public static final int MAX_VALUE_CHARS = 500;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One difference; {@code before} absent for ADDED, {@code after} absent for REMOVED. */
  public record Change(String path, Op op, String before, String after) {}

  /** Kind of difference. */
  public enum Op {
    ADDED,
    REMOVED,
    CHANGED
  }

  /** Diffs two canonical policy JSON documents. */
  public static PolicyDiff of(long from, byte[] before, long to, byte[] after) {
    try {
      List<Change> changes = new ArrayList<>();
      boolean complete = walk("", MAPPER.readTree(before), MAPPER.readTree(after), changes);
      return new PolicyDiff(from, to, changes, !complete);
    } catch (IOException e) {
      throw new UncheckedIOException("policy diff: stored document unreadable", e);
    }
  }

  /** Returns false once the change limit is reached. */
  private static boolean walk(String path, JsonNode a, JsonNode b, List<Change> out) {
    if (a.equals(b)) {
      return true;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path + "/" + name;
        JsonNode x = a.get(name);
        JsonNode y = b.get(name);
        boolean more =
            x == null
                ? add(out, child, Op.ADDED, null, y)
                : y == null ? add(out, child, Op.REMOVED, x, null) : walk(child, x, y, out);
        if (!more) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      return plainValues(a) && plainValues(b)
          ? setDiff(path, a, b, out)
          : indexDiff(path, a, b, out);
    }
    return add(out, path, Op.CHANGED, a, b);
  }

  private static boolean setDiff(String path, JsonNode a, JsonNode b, List<Change> out) {
    Set<JsonNode> before = new LinkedHashSet<>();
    a.forEach(before::add);
    Set<JsonNode> after = new LinkedHashSet<>();
    b.forEach(after::add);
    for (JsonNode value : before) {
      if (!after.contains(value) && !add(out, path + "[]", Op.REMOVED, value, null)) {
        return false;
      }
    }
    for (JsonNode value : after) {
      if (!before.contains(value) && !add(out, path + "[]", Op.ADDED, null, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean indexDiff(String path, JsonNode a, JsonNode b, List<Change> out) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String child = path + "/" + i;
      boolean more =
          i >= a.size()
              ? add(out, child, Op.ADDED, null, b.get(i))
              : i >= b.size()
                  ? add(out, child, Op.REMOVED, a.get(i), null)
                  : walk(child, a.get(i), b.get(i), out);
      if (!more) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainValues(JsonNode array) {
    Iterator<JsonNode> it = array.elements();
    while (it.hasNext()) {
      if (it.next().isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static boolean add(
      List<Change> out, String path, Op op, JsonNode before, JsonNode after) {
    if (out.size() >= MAX_CHANGES) {
      return false;
    }
    out.add(new Change(path.isEmpty() ? "/" : path, op, show(before), show(after)));
    return true;
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
  }
}
