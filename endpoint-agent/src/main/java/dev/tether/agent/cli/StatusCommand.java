package dev.tether.agent.cli;

import dev.tether.agent.audit.SpoolStatus;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.daemon.AgentStatus;
import dev.tether.agent.daemon.PidFile;
import dev.tether.agent.enroll.Enrollment;
import dev.tether.agent.enroll.TrustPin;
import dev.tether.agent.policy.PolicyState;
import dev.tether.agent.telemetry.TelemetryStatus;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Optional;

/** {@code status}: reads the state dir only; never talks to the daemon or the server. */
final class StatusCommand {
  private StatusCommand() {}

  static int print(StateDir dir, PrintStream out) throws IOException {
    out.println("state dir:      " + dir.root());
    if (!Files.exists(dir.enrollment())) {
      out.println("enrollment:     not enrolled");
      out.println("policy state:   " + PolicyState.UNENROLLED);
      return 0;
    }
    Enrollment enrollment = JsonCodec.read(Files.readAllBytes(dir.enrollment()), Enrollment.class);
    out.println(
        "enrollment:     device "
            + enrollment.deviceId()
            + " (tenant "
            + enrollment.tenant()
            + ", group "
            + enrollment.group()
            + ") at "
            + enrollment.serverUrl());
    out.println(
        "trust root:     "
            + TrustPin.fingerprintOf(enrollment.trustRoot())
            + (Enrollment.PIN_INSTALLER.equals(enrollment.trustPinnedBy())
                ? " (pinned by the installer)"
                : " (NOT PINNED: taken from the server at enrollment)"));
    Optional<Long> pid = PidFile.liveDaemon(dir.pidFile());
    out.println("daemon:         " + pid.map(p -> "running (pid " + p + ")").orElse("not running"));
    if (!Files.exists(dir.status())) {
      out.println("policy state:   " + PolicyState.NO_POLICY + " (daemon never ran)");
      return 0;
    }
    AgentStatus status = JsonCodec.read(Files.readAllBytes(dir.status()), AgentStatus.class);
    String stale = pid.isPresent() ? "" : " (last known)";
    out.println("policy state:   " + status.state() + stale + stateNote(status));
    out.println(
        "policy:         "
            + (status.policyVersion() == 0
                ? "none"
                : "\""
                    + status.policyName()
                    + "\" version "
                    + status.policyVersion()
                    + ", expires "
                    + status.policyExpiresAt()));
    out.println("proxy:          " + (pid.isPresent() ? status.proxyAddress() : "not listening"));
    if (status.lastPolicySync() != null) {
      out.println("last refresh:   " + status.lastPolicySync());
    }
    out.println("version floor:  " + status.versionFloor() + " (older bundles are refused)");
    out.println("root version:   " + status.rootVersion());
    if (status.policyCacheProblem() != null) {
      out.println("CACHE REJECTED: " + status.policyCacheProblem());
    }
    if (Math.abs(status.clockSkewSeconds()) > 300) {
      out.println(
          "CLOCK SKEW:     local clock is "
              + Math.abs(status.clockSkewSeconds())
              + " s "
              + (status.clockSkewSeconds() < 0 ? "behind" : "ahead of")
              + " verified server time"
              + (status.clockSkewSeconds() < 0
                  ? " (server time used)"
                  : " (policies may expire early: fix the clock)"));
    }
    out.println("audit backlog:  " + status.auditBacklog());
    SpoolStatus audit = status.audit();
    if (audit != null) {
      out.println(
          "audit spool:    "
              + audit.bytes()
              + " bytes, oldest pending "
              + (audit.oldestPending() == null ? "none" : audit.oldestPending()));
      if (audit.corruptRecords() + audit.tornRecords() + audit.chainBreaks() > 0) {
        out.println(
            "AUDIT SPOOL DAMAGE: corrupt records "
                + audit.corruptRecords()
                + ", torn records "
                + audit.tornRecords()
                + ", hash chain breaks "
                + audit.chainBreaks());
      }
      if (audit.refusedFull() + audit.unaudited() > 0) {
        out.println(
            "AUDIT SPOOL FULL: decisions blocked "
                + audit.refusedFull()
                + ", released unaudited "
                + audit.unaudited());
      }
    }
    TelemetryStatus traces = status.telemetry();
    if (traces != null && traces.enabled()) {
      out.println(
          "decision traces: "
              + traces.endpoint()
              + ", spans exported "
              + traces.exportedSpans()
              + ", failed "
              + traces.failedSpans()
              + ", dropped (queue full) "
              + traces.droppedSpans()
              + ", queued "
              + traces.queuedSpans());
    } else {
      out.println("decision traces: off (run --otlp-endpoint URL to export)");
    }
    if (status.ledgerProblem() != null) {
      out.println("COACH/APPROVAL LEDGER: " + status.ledgerProblem());
    }
    if (status.refusedOverloaded() > 0) {
      out.println("REFUSED UNAUDITED (agent overloaded): " + status.refusedOverloaded());
    }
    out.println(
        "last sync error: " + (status.lastSyncError() == null ? "none" : status.lastSyncError()));
    out.println("updated:        " + status.updatedAt());
    return 0;
  }

  private static String stateNote(AgentStatus status) {
    return switch (status.state()) {
      case "GRACE" ->
          " (refresh failing; last verified policy enforced for "
              + human(status.graceLeftSeconds() == null ? 0 : status.graceLeftSeconds())
              + " more, until "
              + status.graceEndsAt()
              + ")";
      case "FALLBACK" ->
          " (grace over or policy expired at "
              + status.graceEndsAt()
              + ": fallback posture, AI egress blocked except hosts the policy allows)";
      case "NO_POLICY" -> " (no verified policy: AI egress blocked)";
      default -> "";
    };
  }

  private static String human(long seconds) {
    long s = Math.max(0, seconds);
    return s >= 3600 ? (s / 3600) + "h" + (s % 3600) / 60 + "m" : (s / 60) + "m" + (s % 60) + "s";
  }
}
