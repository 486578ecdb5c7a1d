package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.PolicyDiff.Change;
import dev.tether.server.policy.PolicyDiff.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void of_sameDocument_noChanges() {
    PolicyDiff diff =
        PolicyDiff.of(1, json("{\"a\":1,\"b\":[1,2]}"), 2, json("{\"a\":1,\"b\":[1,2]}"));

    assertEquals(List.of(), diff.changes());
    assertFalse(diff.truncated());
  }

  @Test
  void of_fieldsAddedRemovedChanged_reportedWithPaths() {
    PolicyDiff diff =
        PolicyDiff.of(
            1,
            json("{\"name\":\"v1\",\"old\":true,\"modes\":{\"secrets\":\"BLOCK\"}}"),
            2,
            json("{\"name\":\"v2\",\"new\":1,\"modes\":{\"secrets\":\"WARN\"}}"));

    assertEquals(
        List.of(
            new Change("/modes/secrets", Op.CHANGED, "\"BLOCK\"", "\"WARN\""),
            new Change("/name", Op.CHANGED, "\"v1\"", "\"v2\""),
            new Change("/new", Op.ADDED, null, "1"),
            new Change("/old", Op.REMOVED, "true", null)),
        diff.changes());
  }

  @Test
  void of_listsOfPlainValues_comparedAsSets() {
    PolicyDiff diff =
        PolicyDiff.of(
            1,
            json("{\"blockedHosts\":[\"a.example\",\"b.example\"]}"),
            2,
            json("{\"blockedHosts\":[\"b.example\",\"c.example\"]}"));

    assertEquals(
        List.of(
            new Change("/blockedHosts[]", Op.REMOVED, "\"a.example\"", null),
            new Change("/blockedHosts[]", Op.ADDED, null, "\"c.example\"")),
        diff.changes());
  }

  @Test
  void of_listsOfObjects_comparedByIndex() {
    PolicyDiff diff =
        PolicyDiff.of(
            1,
            json("{\"d\":[{\"host\":\"x\"}]}"),
            2,
            json("{\"d\":[{\"host\":\"y\"},{\"host\":\"z\"}]}"));

    assertEquals(
        List.of(
            new Change("/d/0/host", Op.CHANGED, "\"x\"", "\"y\""),
            new Change("/d/1", Op.ADDED, null, "{\"host\":\"z\"}")),
        diff.changes());
  }

  @Test
  void of_tooManyChanges_truncatedAtTheLimit() {
    StringBuilder a = new StringBuilder("{\"h\":[");
    StringBuilder b = new StringBuilder("{\"h\":[");
    for (int i = 0; i < PolicyDiff.MAX_CHANGES + 10; i++) {
      a.append(i == 0 ? "" : ",").append('"').append("a").append(i).append('"');
      b.append(i == 0 ? "" : ",").append('"').append("b").append(i).append('"');
    }
    PolicyDiff diff = PolicyDiff.of(1, json(a + "]}"), 2, json(b + "]}"));

    assertEquals(PolicyDiff.MAX_CHANGES, diff.changes().size());
    assertTrue(diff.truncated());
  }

  @Test
  void of_longValue_shortenedForDisplay() {
    String longName = "x".repeat(PolicyDiff.MAX_VALUE_CHARS * 2);
    PolicyDiff diff =
        PolicyDiff.of(1, json("{\"n\":\"a\"}"), 2, json("{\"n\":\"" + longName + "\"}"));

    assertEquals(PolicyDiff.MAX_VALUE_CHARS + 3, diff.changes().get(0).after().length());
  }
}
