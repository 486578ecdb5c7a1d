package dev.tether.server.web.ops;

import java.util.Objects;

/**
 * One answered agent API call as the metrics see it: the operation (the resource method's name),
 * the status class and, for the calls operators count, what happened.
 *
 * @param operation resource method, e.g. {@code bundle}, {@code auditEvents}
 * @param status HTTP status
 */
record AgentCall(String operation, int status) {
  AgentCall {
    Objects.requireNonNull(operation, "operation");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: expected 100..599, got " + status);
    }
  }

  /** {@code 2xx}, {@code 3xx}, {@code 4xx} or {@code 5xx}. */
  String statusClass() {
    return (status / 100) + "xx";
  }

  /** For bundle polls: {@code ok} (200), {@code not_modified} (304) or {@code error}. */
  String bundleResult() {
    return switch (status) {
      case 200 -> "ok";
      case 304 -> "not_modified";
      default -> "error";
    };
  }

  boolean isBundle() {
    return "bundle".equals(operation);
  }

  boolean isSuccessfulEnrollment() {
    return "enroll".equals(operation) && status == 200;
  }

  boolean isAuditUpload() {
    return "auditEvents".equals(operation);
  }
}
