package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "limit zero, 0, 0, limit",
    "limit above maximum, 1001, 0, limit",
    "negative offset, 10, -1, offset",
  })
  void create_outOfRange_namesTheKey(String note, int limit, int offset, String key) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AuditQuery("acme", null, null, null, limit, offset));
    assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
  }
}
