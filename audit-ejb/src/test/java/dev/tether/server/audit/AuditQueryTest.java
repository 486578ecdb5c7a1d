package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit zero                 | limit=0                                  | limit",
        "limit above maximum        | limit=1001                               | limit",
        "limit not a number         | limit=ten                                | limit",
        "negative offset            | offset=-1                                | offset",
        "offset beyond the bound    | offset=100001                            | offset",
        "offset with a cursor       | offset=5&cursor=MTIzfDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMQ | offset",
        "cursor not ours            | cursor=bm9wZQ                            | cursor",
        "cursor not base64          | cursor=%%%                               | cursor",
        "unknown parameter (typo)   | devceId=dev-1                            | devceId",
        "unknown layer              | layer=kernel                             | layer",
        "unknown mode               | mode=maybe                               | mode",
        "decision id not a UUID     | decisionId=42                            | decisionId",
        "trace id uppercase         | traceId=0AF7651916CD43DD8448EB211C80319C | traceId",
        "trace id short             | traceId=0af765                           | traceId",
        "from not ISO-8601          | from=yesterday                           | from",
        "to not ISO-8601            | to=2026-13-01T00:00:00Z                  | to",
        "from after to              | from=2026-04-02T00:00:00Z&to=2026-04-01T00:00:00Z | from",
        "from equal to              | from=2026-04-01T00:00:00Z&to=2026-04-01T00:00:00Z | from",
      })
  void parse_badParameter_namesIt(String note, String query, String key) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AuditQueryParams.parse("acme", of(query)));
    assertTrue(e.getMessage().startsWith(key + ":"), note + ": " + e.getMessage());
  }

  @Test
  void parse_overlongValue_refusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditQueryParams.parse("acme", of("app=" + "x".repeat(256))));
    assertTrue(e.getMessage().startsWith("app: expected 1 to 255"), e.getMessage());
  }

  @Test
  void parse_repeatedParameter_refused() {
    Map<String, List<String>> params = Map.of("deviceId", List.of("a", "b"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditQueryParams.parse("acme", params));
    assertTrue(e.getMessage().startsWith("deviceId:"), e.getMessage());
  }

  @Test
  void parse_everyFilter_intoTheQuery() {
    AuditQuery q =
        AuditQueryParams.parse(
            "acme",
            of(
                "group=eng&deviceId=dev-1&user=alice&app=/usr/bin/curl&destination=api.openai.com"
                    + "&provider=OPENAI&layer=judge&mode=Block"
                    + "&decisionId=6F9619FF-8B86-D011-B42D-00C04FC964FF"
                    + "&traceId=0af7651916cd43dd8448eb211c80319c"
                    + "&from=2026-04-01T12:00:00%2B02:00&to=2026-04-02T00:00:00Z&limit=7&offset=3"));
    AuditFilter f = q.filter();
    assertEquals(
        List.of("eng", "dev-1", "alice", "/usr/bin/curl", "api.openai.com", "OPENAI"),
        List.of(f.group(), f.deviceId(), f.user(), f.app(), f.destination(), f.provider()));
    assertEquals(AuditLayer.JUDGE, f.layer());
    assertEquals(ResponseMode.BLOCK, f.mode());
    assertEquals("6f9619ff-8b86-d011-b42d-00c04fc964ff", f.decisionId(), "canonical UUID");
    assertEquals(Instant.parse("2026-04-01T10:00:00Z"), f.from(), "offset applied");
    assertEquals(Instant.parse("2026-04-02T00:00:00Z"), f.to());
    assertEquals(7, q.limit());
    assertEquals(3, q.offset());
    assertNull(q.cursor());
  }

  @Test
  void parse_nothing_defaults() {
    AuditQuery q = AuditQueryParams.parse("acme", Map.of());
    assertEquals(AuditFilter.NONE, q.filter());
    assertEquals(AuditQuery.DEFAULT_LIMIT, q.limit());
    assertEquals(0, q.offset());
  }

  @Test
  void cursor_roundTrips() {
    AuditCursor c = new AuditCursor(1_775_044_800_123L, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
    assertEquals(c, AuditCursor.decode(c.encode()));
    assertEquals(c, AuditQueryParams.parse("acme", of("cursor=" + c.encode())).cursor());
  }

  /** A decoded query string: {@code a=1&b=2}, "%2B" for a plus. */
  static Map<String, List<String>> of(String query) {
    Map<String, List<String>> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params
          .computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>())
          .add(pair.substring(eq + 1).replace("%2B", "+"));
    }
    return params;
  }
}
