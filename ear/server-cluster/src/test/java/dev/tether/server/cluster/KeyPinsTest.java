package dev.tether.server.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class KeyPinsTest {
  @Test
  void pin_sameFingerprintAgain_passesAndAnotherIsRefusedNamingBoth() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:pins;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    KeyPins.pin(ds, "audit-log", "sha256:aaa", "i1");
    KeyPins.pin(ds, "audit-log", "sha256:aaa", "i1");
    KeyPins.pin(ds, "admin-token", "sha256:ccc", "i1");
    KeyMismatchException e =
        assertThrows(
            KeyMismatchException.class, () -> KeyPins.pin(ds, "audit-log", "sha256:bbb", "i2"));
    assertTrue(e.getMessage().contains("audit-log"), e.getMessage());
    assertTrue(e.getMessage().contains("sha256:aaa"), e.getMessage());
    assertTrue(e.getMessage().contains("sha256:bbb"), e.getMessage());
  }
}
