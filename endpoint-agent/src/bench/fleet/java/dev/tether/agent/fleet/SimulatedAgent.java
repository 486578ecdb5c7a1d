package dev.tether.agent.fleet;

import dev.tether.agent.server.AgentVersion;
import dev.tether.agent.server.ServerClient;
import dev.tether.agent.server.ServerException;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One simulated device, speaking the agent API exactly as the agent does: it enrolls with its own
 * Ed25519 key and a single-use token and verifies the server's root chain ({@link RootVerifier}),
 * then calls with its own device credential through {@link ServerClient}; a downloaded bundle is
 * verified against that root and its scope ({@link BundleVerifier}, version strictly increasing)
 * before its ETag is used for {@code If-None-Match}; audit records carry the device's spool hash
 * chain ({@link ChainLink}, from sequence 1) and go up in gzip batches of at most 500, kept until
 * the server accounts for every event (at-least-once, like {@code AuditUploader}). What it does not
 * have: a proxy, a spool on disk, a device CA.
 */
final class SimulatedAgent {
  /** Records a call; the simulator's current phase. */
  interface Sink {
    void record(Kind kind, String outcome, long latencyNanos, long lagNanos);

    void eventsGenerated(int n, long jsonBytes);

    void eventsUploaded(int accepted, int duplicates);

    void bundleVerified(int bytes);
  }

  /** A heartbeat failed. */
  static final int HEARTBEAT_FAILED = -1;

  /** A heartbeat succeeded. */
  static final int HEARTBEAT_OK = 0;

  /** A heartbeat succeeded and announced a newer policy: poll now. */
  static final int HEARTBEAT_POLL_NOW = 1;

  /** Bound on events waiting for upload (the agent's spool is bounded too); more are dropped. */
  static final int MAX_PENDING = 20_000;

  private static final int MAX_BATCH = dev.tether.core.api.AgentApi.MAX_AUDIT_BATCH;

  final int index;
  final String hostname;
  final String osUser;
  private final SplittableRandom random;
  private volatile ServerClient client;
  private volatile String deviceId;
  private volatile TrustedRoot root;
  private volatile BundleVerifier verifier;
  private volatile String etag;
  private volatile long policyVersion;
  private final Object pollLock = new Object();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long seq;
  private byte[] lastHash = new byte[32];
  private long dropped;

  private record Pending(AuditEvent event, ChainLink link) {}

  SimulatedAgent(int index, long seed) {
    this.index = index;
    this.hostname = String.format("sim-%06d.fleet.test", index);
    this.osUser = String.format("dev%06d", index);
    this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
  }

  boolean enrolled() {
    return client != null;
  }

  String deviceId() {
    return deviceId;
  }

  long policyVersion() {
    return policyVersion;
  }

  /** A uniform draw in [0, 1) from this agent's own stream. */
  synchronized double nextDouble() {
    return random.nextDouble();
  }

  /** Enrolls with {@code token}; true on success. */
  boolean enroll(String server, String token, HttpClient http, Sink sink, long lagNanos) {
    long start = System.nanoTime();
    try {
      Ed25519KeyPair key = Ed25519KeyPair.generate();
      EnrollResponse response =
          ServerClient.anonymous(server, http)
              .enroll(
                  new EnrollRequest(
                      token,
                      key.publicKey().toBase64(),
                      hostname,
                      osUser,
                      AgentVersion.get(),
                      "Linux 6.1.0 amd64 (fleet simulator)"));
      root = RootVerifier.trust(response.rootChain(), response.tenant(), null);
      verifier =
          BundleVerifier.create(
              new PolicyScope(response.tenant(), response.group(), response.deviceId()),
              Clock.systemUTC());
      deviceId = response.deviceId();
      client =
          ServerClient.authenticated(
              server,
              SecretBytes.copyOf(response.deviceCredential().getBytes(StandardCharsets.UTF_8)),
              ServerClient.DEFAULT_DEADLINE,
              http);
      sink.record(Kind.ENROLL, "200", System.nanoTime() - start, lagNanos);
      return true;
    } catch (Exception e) {
      sink.record(Kind.ENROLL, outcome(e), System.nanoTime() - start, lagNanos);
      return false;
    }
  }

  /**
   * One policy poll with If-None-Match; a new bundle is verified before its ETag is kept. Polls of
   * one agent never overlap (the agent runs them on one thread): a poll the heartbeat asked for
   * waits for a running one and then sends the ETag that one got.
   *
   * @return true on 304 or a verified new bundle
   */
  boolean poll(Sink sink, long lagNanos) {
    synchronized (pollLock) {
      return pollLocked(sink, lagNanos);
    }
  }

  private boolean pollLocked(Sink sink, long lagNanos) {
    long start = System.nanoTime();
    String outcome;
    try {
      Optional<ServerClient.BundleDownload> download = client.fetchBundle(etag);
      if (download.isPresent()) {
        VerifiedBundle bundle =
            verifier.verifyUpdate(download.get().envelope(), root, policyVersion, null);
        policyVersion = bundle.version();
        etag = download.get().etag();
        sink.bundleVerified(download.get().envelope().length);
        outcome = "200";
      } else {
        outcome = "304";
      }
    } catch (Exception e) {
      outcome = outcome(e);
    }
    sink.record(Kind.BUNDLE, outcome, System.nanoTime() - start, lagNanos);
    return outcome.equals("200") || outcome.equals("304");
  }

  /**
   * One heartbeat.
   *
   * @return {@link #HEARTBEAT_POLL_NOW} if the server announced a newer policy (the agent then
   *     polls at once), {@link #HEARTBEAT_OK} or {@link #HEARTBEAT_FAILED}
   */
  int heartbeat(Sink sink, long lagNanos) {
    long start = System.nanoTime();
    try {
      long version = policyVersion;
      HeartbeatResponse response =
          client.heartbeat(
              new Heartbeat(
                  version > 0 ? "ENFORCING" : "NO_POLICY", version, AgentVersion.get(), backlog()));
      sink.record(Kind.HEARTBEAT, "200", System.nanoTime() - start, lagNanos);
      return response.latestPolicyVersion() > version ? HEARTBEAT_POLL_NOW : HEARTBEAT_OK;
    } catch (Exception e) {
      sink.record(Kind.HEARTBEAT, outcome(e), System.nanoTime() - start, lagNanos);
      return HEARTBEAT_FAILED;
    }
  }

  /** One approvals sync (this device's Request-mode approvals); true on success. */
  boolean approvals(Sink sink, long lagNanos) {
    long start = System.nanoTime();
    String outcome = "200";
    try {
      client.approvals();
    } catch (Exception e) {
      outcome = outcome(e);
    }
    sink.record(Kind.APPROVALS, outcome, System.nanoTime() - start, lagNanos);
    return outcome.equals("200");
  }

  /** One decision: its records are chained and queued for upload, as the spool appends them. */
  void decide(Sink sink) {
    List<AuditEvent> events;
    long bytes = 0;
    synchronized (this) {
      events = DecisionRecords.decision(random, deviceId, osUser, policyVersion, Instant.now());
      for (AuditEvent event : events) {
        if (pending.size() >= MAX_PENDING) {
          dropped++;
          continue;
        }
        seq++;
        byte[] json = JsonCodec.write(event);
        bytes += json.length;
        byte[] hash = ChainLink.compute(lastHash, seq, json);
        ChainLink link =
            new ChainLink(
                event.eventId(),
                seq,
                HexFormat.of().formatHex(lastHash),
                HexFormat.of().formatHex(hash));
        lastHash = hash;
        pending.add(new Pending(event, link));
      }
    }
    sink.eventsGenerated(events.size(), bytes);
  }

  /**
   * Uploads what is pending, batch by batch; a batch leaves the queue only once the server
   * accounted for all of its events.
   *
   * @return false if an upload failed (the caller backs off)
   */
  boolean upload(Sink sink, long lagNanos) {
    while (true) {
      List<Pending> batch;
      synchronized (this) {
        batch = new ArrayList<>(Math.min(MAX_BATCH, pending.size()));
        for (Pending p : pending) {
          if (batch.size() == MAX_BATCH) {
            break;
          }
          batch.add(p);
        }
      }
      if (batch.isEmpty()) {
        return true;
      }
      long start = System.nanoTime();
      try {
        AuditBatchResult result =
            client.uploadAudit(
                new AuditBatch(
                    batch.stream().map(Pending::event).toList(),
                    batch.stream().map(Pending::link).toList()));
        if (result.accepted() + result.duplicates() != batch.size()) {
          sink.record(Kind.AUDIT, "short", System.nanoTime() - start, lagNanos);
          return false;
        }
        sink.record(Kind.AUDIT, "200", System.nanoTime() - start, lagNanos);
        sink.eventsUploaded(result.accepted(), result.duplicates());
        synchronized (this) {
          for (int i = 0; i < batch.size(); i++) {
            pending.poll();
          }
        }
      } catch (Exception e) {
        sink.record(Kind.AUDIT, outcome(e), System.nanoTime() - start, lagNanos);
        return false;
      }
      lagNanos = 0;
    }
  }

  /** Events waiting for upload. */
  synchronized long backlog() {
    return pending.size();
  }

  /** Events dropped because the pending queue was full. */
  synchronized long dropped() {
    return dropped;
  }

  /** The outcome name of a failed call: the HTTP status, or what went wrong. */
  static String outcome(Exception e) {
    if (e instanceof ServerException s) {
      return String.valueOf(s.status());
    }
    if (e instanceof HttpTimeoutException) {
      return "io:timeout";
    }
    if (e instanceof ConnectException) {
      return "io:connect";
    }
    if (e instanceof BundleVerificationException b) {
      return "rejected:" + b.reason();
    }
    if (e instanceof IOException) {
      return "io:" + e.getClass().getSimpleName();
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return "error:" + e.getClass().getSimpleName();
  }
}
