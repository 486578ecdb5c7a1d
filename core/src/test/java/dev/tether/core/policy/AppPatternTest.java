package dev.tether.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppPatternTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "name matches the basename | curl | /usr/bin/curl | true",
        "name is case-insensitive | Code | /usr/share/code/code | true",
        "name ignores .exe | cursor | C:\\Program Files\\Cursor\\Cursor.exe | true",
        "name glob | cursor* | /opt/cursor-0.42/cursor-bin | true",
        "name does not match a directory | code | /usr/share/code/electron | false",
        "name never matches an unknown app | curl | NULL | false",
        "path matches exactly | /usr/bin/curl | /usr/bin/curl | true",
        "path is case-sensitive | /usr/bin/CURL | /usr/bin/curl | false",
        "path star stays in its segment | /opt/*/java | /opt/idea/jbr/bin/java | false",
        "path star within a segment | /opt/idea-*/bin/java | /opt/idea-2024.2/bin/java | true",
        "path does not match a copy elsewhere | /usr/bin/curl | /home/dev/bin/curl | false",
        "unattributed matches no process | ? | NULL | true",
        "unattributed matches the unknown marker | ? | ? | true",
        "unattributed never matches a known process | ? | /usr/bin/curl | false",
      })
  void matches_table(String note, String pattern, String app, boolean expected) {
    String normalized = AppPattern.normalize("app", pattern);
    assertEquals(expected, AppPattern.matches(normalized, app), note);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "blank | ' '",
        "every app | '**'",
        "control character | 'cu\u0007rl'",
        "shell metacharacters | 'curl;rm'",
      })
  void normalize_rejects(String note, String pattern) {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () -> AppPattern.normalize("policy.responses.overrides[0].app", pattern),
            note);
    assertEquals(true, e.getMessage().startsWith("policy.responses.overrides[0].app: "), note);
  }
}
