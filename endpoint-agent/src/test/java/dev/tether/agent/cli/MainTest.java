package dev.tether.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {
  @TempDir static Path dir;

  static Stream<Arguments> commands() {
    String state = dir.toString();
    return Stream.of(
        Arguments.of("no command prints usage", new String[] {}, 2),
        Arguments.of("unknown command", new String[] {"frobnicate"}, 2),
        Arguments.of("unknown option names the option", new String[] {"run", "--bogus", "1"}, 2),
        Arguments.of(
            "repeated single-valued option",
            new String[] {"status", "--state-dir", "a", "--state-dir", "b"},
            2),
        Arguments.of("enroll without server", new String[] {"enroll", "--token", "t"}, 2),
        Arguments.of(
            "run before enroll fails (not enrolled)",
            new String[] {"run", "--state-dir", state},
            1),
        Arguments.of("update without check or download", new String[] {"update"}, 2),
        Arguments.of(
            "update check before enroll fails (not enrolled)",
            new String[] {"update", "check", "--state-dir", state},
            1),
        Arguments.of(
            "update download: --root-fingerprint and --pin-from exclusive",
            new String[] {
              "update",
              "download",
              "--root-fingerprint",
              "x",
              "--pin-from",
              "y",
              "--state-dir",
              state
            },
            2),
        Arguments.of(
            "status of an empty state dir works",
            new String[] {"status", "--state-dir", state},
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void run_exitCode(String note, String[] args, int expected) {
    assertEquals(expected, Main.run(args), note);
  }
}
