package dev.tether.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunConfigTest {
  @Test
  void validated_defaults() {
    RunConfig config =
        new RunConfig(new StateDir(Path.of("/tmp/x")), null, null, null, null).validated();
    assertEquals("127.0.0.1:3128", config.listen().toString());
    assertEquals(Duration.ofSeconds(30), config.pollInterval());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "non-loopback listen address is refused",
            "listen",
            (Runnable)
                () ->
                    new RunConfig(null, ListenAddress.parse("8.8.8.8:3128"), null, null, null)
                        .validated()),
        Arguments.of(
            "poll interval below one second",
            "poll-interval",
            (Runnable)
                () -> new RunConfig(null, null, null, Duration.ofMillis(10), null).validated()),
        Arguments.of(
            "missing extra CA file",
            "extra-ca-file",
            (Runnable)
                () ->
                    new RunConfig(null, null, List.of(Path.of("/nope.pem")), null, null)
                        .validated()),
        Arguments.of(
            "duration without unit",
            "poll-interval",
            (Runnable) () -> Durations.parse("poll-interval", "30")),
        Arguments.of(
            "enroll without token",
            "token",
            (Runnable) () -> new EnrollConfig("http://localhost:8080", " ", null).validated()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void validated_nonsense_messageNamesKey(String note, String key, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run, note);
    assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
  }
}
