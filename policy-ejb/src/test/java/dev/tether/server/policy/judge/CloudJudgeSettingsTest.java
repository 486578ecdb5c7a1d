package dev.tether.server.policy.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudJudgeSettingsTest {
  @ParameterizedTest(name = "{3}")
  @CsvSource({
    "1.01, 1000, judge.threshold, threshold above 1",
    "-0.1, 1000, judge.threshold, negative threshold",
    "NaN, 1000, judge.threshold, NaN threshold",
    "0.8, 99, judge.timeout, timeout under 100 ms",
    "0.8, 10001, judge.timeout, timeout over 10 s",
  })
  void create_outOfRange_throwsNamingTheKey(
      double threshold, long timeoutMillis, String key, String note) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CloudJudgeSettings(true, threshold, Duration.ofMillis(timeoutMillis)));
    assertThat(e.getMessage()).startsWith(key);
  }

  @Test
  void create_missingTimeout_throws() {
    assertThrows(IllegalArgumentException.class, () -> new CloudJudgeSettings(true, 0.5, null));
  }

  @Test
  void defaults_areOnWithTheAgentsDefaultThreshold() {
    assertThat(CloudJudgeSettings.DEFAULT.enabled()).isTrue();
    assertThat(CloudJudgeSettings.DEFAULT.threshold())
        .isEqualTo(dev.tether.core.policy.JudgeSettings.DEFAULT_ESCALATION_THRESHOLD);
    assertThat(CloudJudgeSettings.DEFAULT.timeout()).isEqualTo(Duration.ofMillis(1500));
  }
}
