package dev.tether.server.policy.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "alice, short-pw,            'at least 12'",
    "alice, xx-alice-2026-yy,    'username'",
    "alice, abababababababab,    'different characters'",
    "alice, Password123456,      'well-known'",
  })
  void check_weakPassword_throwsNamingTheRule(String user, String password, String rule) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PasswordPolicy.check(user, password.toCharArray()));
    assertTrue(e.getMessage().contains(rule), e.getMessage());
    assertTrue(!e.getMessage().contains(password), "never echoes the password");
  }

  @Test
  void check_longRandomPassword_passes() {
    assertDoesNotThrow(() -> PasswordPolicy.check("alice", "tr4in-Staple-9-horse".toCharArray()));
    assertThrows(
        IllegalArgumentException.class,
        () -> PasswordPolicy.check("a", "x".repeat(129).toCharArray()));
  }
}
