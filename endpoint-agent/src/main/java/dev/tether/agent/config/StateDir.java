package dev.tether.agent.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of the agent's state directory. Every path the agent reads or writes is named here.
 *
 * <pre>
 * enrollment.json        server URL, deviceId, tenant, group, pinned trust root
 * credential             device bearer credential (0600)
 * device.key             Base64 Ed25519 seed (0600)
 * ca.pem / ca.key        device CA certificate (0644) and PKCS#8 PEM private key (0600)
 * policy/bundle.json     last-known-good signed envelope, exactly as downloaded
 * policy/accepted-version  floor written by earlier agents (read once as a floor, never written)
 * policy/etag            its ETag
 * trust/version-floor    highest policy version ever applied (outside policy/: survives its loss)
 * trust/time-floor       latest verified server time
 * trust/last-sync        trusted time of the last successful policy refresh
 * trust/root.json        newest root metadata envelope trusted (root rotation; re-verified on load)
 * trust/root-version-floor  highest root version ever trusted
 * trust/release-counter-floor  highest agent release counter staged (self-update anti-replay)
 * update/                default directory agent updates are staged in (update download)
 * audit/segment-*.tas    append-only audit spool segments (checksummed, hash-chained records)
 * audit/acked            sequence of the last record acknowledged by the server
 * ledger/                Coach acknowledgements and Request approvals (0700)
 * ledger/ledger.key      per-device HMAC key authenticating the journals (0600)
 * ledger/coach.journal   held Coach requests and acknowledgements (0600, HMAC-chained lines)
 * ledger/approvals.journal  approval requests and their state (0600, HMAC-chained lines)
 * status.json            rewritten atomically by the daemon on every change
 * agent.pid              pid of the running daemon
 * </pre>
 */
public record StateDir(Path root) {
  /** Environment variable naming the state directory when {@code --state-dir} is absent. */
  public static final String ENV = "TETHER_STATE_DIR";

  public StateDir {
    root = Objects.requireNonNull(root, "state-dir: required").toAbsolutePath().normalize();
  }

  /** {@code --state-dir} if given, else {@code $TETHER_STATE_DIR}, else {@code ~/.tether}. */
  public static StateDir resolve(String option) {
    if (option != null && !option.isBlank()) {
      return new StateDir(Path.of(option));
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return new StateDir(Path.of(env));
    }
    return new StateDir(Path.of(System.getProperty("user.home"), ".tether"));
  }

  public Path enrollment() {
    return root.resolve("enrollment.json");
  }

  public Path credential() {
    return root.resolve("credential");
  }

  public Path deviceKey() {
    return root.resolve("device.key");
  }

  public Path caCertificate() {
    return root.resolve("ca.pem");
  }

  public Path caKey() {
    return root.resolve("ca.key");
  }

  public Path policyBundle() {
    return root.resolve("policy").resolve("bundle.json");
  }

  public Path policyAcceptedVersion() {
    return root.resolve("policy").resolve("accepted-version");
  }

  public Path trustVersionFloor() {
    return root.resolve("trust").resolve("version-floor");
  }

  public Path trustTimeFloor() {
    return root.resolve("trust").resolve("time-floor");
  }

  public Path trustLastSync() {
    return root.resolve("trust").resolve("last-sync");
  }

  public Path trustRoot() {
    return root.resolve("trust").resolve("root.json");
  }

  public Path trustRootVersionFloor() {
    return root.resolve("trust").resolve("root-version-floor");
  }

  public Path releaseCounterFloor() {
    return root.resolve("trust").resolve("release-counter-floor");
  }

  /** Where {@code update download} stages verified packages unless told otherwise. */
  public Path updates() {
    return root.resolve("update");
  }

  public Path policyEtag() {
    return root.resolve("policy").resolve("etag");
  }

  /** The audit spool directory (segments and the acknowledged sequence). */
  public Path auditSpool() {
    return root.resolve("audit");
  }

  /** The Coach/Request ledger directory. */
  public Path ledger() {
    return root.resolve("ledger");
  }

  public Path status() {
    return root.resolve("status.json");
  }

  public Path pidFile() {
    return root.resolve("agent.pid");
  }
}
