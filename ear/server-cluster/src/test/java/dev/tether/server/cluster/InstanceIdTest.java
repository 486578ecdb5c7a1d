package dev.tether.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceIdTest {
  @Test
  void of_configured_isUsedTrimmed() {
    assertEquals("web-1", InstanceId.of(" web-1 ", "host", new SecureRandom()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-leading-dash", "has space", "quote\"", "semi;colon"})
  void of_badConfigured_throwsNamingKey(String bad) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> InstanceId.of(bad, "h", new SecureRandom()));
    assertTrue(e.getMessage().startsWith(InstanceId.PROPERTY), e.getMessage());
  }

  @Test
  void of_default_isHostnameAndRandomSuffixDifferentPerStart() {
    String one = InstanceId.of(null, "db-host.example", new SecureRandom());
    String two = InstanceId.of("  ", "db-host.example", new SecureRandom());
    assertTrue(one.matches("db-host\\.example-[0-9a-f]{8}"), one);
    assertNotEquals(one, two);
    assertTrue(InstanceId.VALID.matcher(InstanceId.of(null, "?!", new SecureRandom())).matches());
  }
}
