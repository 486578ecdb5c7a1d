package dev.tether.server.web.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentCallTest {
  @ParameterizedTest(name = "{0} {1}: {4}")
  @CsvSource({
    "bundle, 200, 2xx, ok, new bundle",
    "bundle, 304, 3xx, not_modified, unchanged since If-None-Match",
    "bundle, 401, 4xx, error, unknown credential",
    "bundle, 503, 5xx, error, database away",
  })
  void bundle_statuses(String op, int status, String statusClass, String result, String note) {
    AgentCall call = new AgentCall(op, status);
    assertThat(call.isBundle()).isTrue();
    assertThat(call.statusClass()).isEqualTo(statusClass);
    assertThat(call.bundleResult()).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0} {1} counts as enrollment: {2}")
  @CsvSource({"enroll, 200, true", "enroll, 401, false", "heartbeat, 200, false"})
  void enrollment_onlySuccessfulEnrollCounts(String op, int status, boolean counted) {
    assertThat(new AgentCall(op, status).isSuccessfulEnrollment()).isEqualTo(counted);
  }

  @ParameterizedTest
  @CsvSource({"99", "600", "0"})
  void create_impossibleStatus_throws(int status) {
    assertThatThrownBy(() -> new AgentCall("bundle", status))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got " + status);
  }
}
