package dev.tether.agent.daemon;

import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.audit.AuditUploader;
import dev.tether.agent.audit.SpoolConfig;
import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.RedirectConfig;
import dev.tether.agent.config.RunConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.enforce.ApprovalSync;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.enroll.DeviceIdentity;
import dev.tether.agent.intercept.TransparentMode;
import dev.tether.agent.pipeline.AttemptHistory;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.LocalJudge;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.policy.HeartbeatSync;
import dev.tether.agent.policy.PolicyManager;
import dev.tether.agent.policy.PolicyPoller;
import dev.tether.agent.policy.PolicyState;
import dev.tether.agent.policy.PolicyStatus;
import dev.tether.agent.policy.RootTrust;
import dev.tether.agent.policy.TrustedClock;
import dev.tether.agent.proxy.InterceptScope;
import dev.tether.agent.proxy.ProxyContext;
import dev.tether.agent.proxy.ProxyServer;
import dev.tether.agent.proxy.Transport;
import dev.tether.agent.server.AgentVersion;
import dev.tether.agent.server.ServerClient;
import dev.tether.agent.statuspage.LocalModes;
import dev.tether.agent.telemetry.DecisionTracer;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTls;
import dev.tether.agent.tls.UpstreamTrust;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running agent: the composition root. Starts in this order: identity, device CA, cached policy
 * (re-verified), audit spool, pipeline, proxy, pid file, background tasks. Stops in reverse,
 * flushing the audit spool last. Never removes any OS redirect on stop.
 */
public final class Daemon implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
  private static final Duration AUDIT_UPLOAD_INTERVAL = Duration.ofSeconds(5);
  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
  private static final Duration AUDIT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final StateDir dir;
  private final DeviceIdentity identity;
  private final PolicyManager policies;
  private final RootTrust roots;
  private final AuditSpool spool;
  private final AuditUploader uploader;
  private final ServerClient server;
  private final ThreadPoolExecutor decisionExecutor;
  private final DecisionService decisions;
  private final DecisionTracer tracer;
  private final ProxyServer proxy;
  private final LocalModes modes;
  private final BackgroundTasks tasks = new BackgroundTasks();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Clock clock = Clock.systemUTC();
  private final TrustedClock trustedClock = TrustedClock.system();
  private PolicyPoller poller;
  private final TransparentMode transparent;
  private final dev.tether.agent.proxy.AppAttribution apps;
  private volatile InetSocketAddress proxyAddress;
  private volatile String heartbeatError;
  private volatile String auditError;
  private volatile String lastStatusJson;
  private volatile boolean closed;
  private final AtomicBoolean closing = new AtomicBoolean();

  private Daemon(RunConfig config, RedirectConfig redirect) throws Exception {
    this.transparent = redirect == null ? null : TransparentMode.open(redirect);
    this.dir = config.stateDir();
    this.identity = DeviceIdentity.load(dir);
    DeviceCa ca = DeviceCa.load(dir.caCertificate(), dir.caKey());
    this.spool = AuditSpool.open(dir.auditSpool(), SpoolConfig.defaults());
    this.roots =
        new RootTrust(dir, identity.enrollment().tenant(), identity.enrollment().trustRoot());
    this.policies =
        new PolicyManager(
            dir,
            roots.load(),
            identity.enrollment().scope(),
            trustedClock,
            new PolicyManager.Options(
                staleAfter(config), spool::append, identity.enrollment().deviceId()),
            this::writeStatus);
    policies.rootUpdated(policies.root(), roots.floor());
    this.server =
        ServerClient.authenticated(identity.enrollment().serverUrl(), identity.credential());
    this.tracer =
        DecisionTracer.otlp(
            config.telemetry(),
            identity.enrollment().deviceId(),
            dev.tether.agent.server.AgentVersion.get());
    this.uploader =
        AuditUploader.create(
            spool,
            batch ->
                tracer.traceUpload(
                    batch.events().size(), traceparent -> server.uploadAudit(batch, traceparent)));
    this.decisionExecutor = dev.tether.agent.proxy.DecisionThreads.create("tether-decision");
    decisions =
        new DecisionService(
            DecisionPipeline.standard(
                ContentScanner.standard(),
                ProxyContext.DEFAULT_MAX_BODY_BYTES,
                LocalJudge.shared(),
                server::judge,
                new AttemptHistory(clock)),
            () -> policies.enforceable().orElse(null),
            spool,
            new DecisionService.AuditContext(
                identity.enrollment().deviceId(), System.getProperty("user.name")),
            clock,
            tracer);
    this.modes =
        new LocalModes(
            () -> policies.enforceable().orElse(null),
            new ApprovalSync.Console() {
              @Override
              public dev.tether.core.api.ApprovalStatus file(
                  dev.tether.core.api.ApprovalFiling filing) throws Exception {
                return server.fileApproval(filing);
              }

              @Override
              public dev.tether.core.api.ApprovalList list() throws Exception {
                return server.approvals();
              }
            },
            clock,
            dir.ledger());
    LeafMinter minter = new LeafMinter(ca, LeafMinter.DEFAULT_CACHE_SIZE);
    warmUpInterception(minter);
    // Which app opened each explicit-proxy connection (per-app policy overrides, audit).
    this.apps = dev.tether.agent.intercept.ProcessApps.forCurrentOs(dir.root().resolve("native"));
    this.proxy =
        new ProxyServer(
            new ProxyContext(
                InterceptScope.of(() -> policies.current().map(ActivePolicy::document)),
                minter,
                new UpstreamTls(UpstreamTrust.anchors(config.extraCaFiles())),
                new dev.tether.agent.enforce.Enforcer(
                    decisions,
                    modes.modes(
                        () -> policies.enforceable().orElse(null),
                        ContentScanner.standard(),
                        ProxyContext.DEFAULT_MAX_BODY_BYTES)),
                decisionExecutor,
                ProxyContext.DEFAULT_MAX_BODY_BYTES,
                Transport.auto(transparent == null ? null : transparent.marker())),
            apps);
  }

  /** Starts everything; the proxy is listening when this returns. */
  public static Daemon start(RunConfig config) throws Exception {
    return start(config, null);
  }

  /**
   * Starts everything, plus the transparent listener for the OS redirect when {@code redirect} is
   * given (the redirect itself is installed at boot and never removed here).
   */
  public static Daemon start(RunConfig config, RedirectConfig redirect) throws Exception {
    PidFile.liveDaemon(config.stateDir().pidFile())
        .filter(pid -> pid != ProcessHandle.current().pid())
        .ifPresent(
            pid -> {
              throw new IllegalStateException(
                  "another agent (pid " + pid + ") is running on " + config.stateDir().root());
            });
    Daemon daemon = new Daemon(config, redirect);
    try {
      daemon.policies.loadCache();
      daemon.proxyAddress = daemon.proxy.start(config.listen().toSocketAddress());
      if (daemon.transparent != null) {
        // REDIRECT in the output hook delivers to loopback: listen on both families.
        for (String loopback : List.of("127.0.0.1", "::1")) {
          daemon.proxy.startTransparent(
              new InetSocketAddress(loopback, daemon.transparent.listenPort()),
              daemon.transparent.resolver());
        }
      }
      // Status page next to the proxy (3129 for the default 3128; the transparent listener
      // defaults to 3130), else any free port; after the listeners so it never takes theirs.
      daemon.modes.start(daemon.proxyAddress.getPort() + 1);
      PidFile.claim(daemon.dir.pidFile());
      daemon.startTasks(config);
      warmUpJudge();
      daemon.writeStatus();
      return daemon;
    } catch (Exception e) {
      daemon.close();
      throw e;
    }
  }

  /**
   * Mints one leaf and creates its TLS engine before the proxy listens, so the first intercepted
   * connection does not pay for key generation, certificate and TLS engine initialisation (about
   * 1.5 s cold on 2 cores, several seconds while the judge loads beside it). A failure is only
   * logged: interception then fails the same way and closes the connection (never tunnels).
   */
  private static void warmUpInterception(LeafMinter minter) {
    long started = System.nanoTime();
    try {
      minter
          .serverContext("localhost")
          .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT)
          .closeOutbound();
      LOG.log(
          System.Logger.Level.DEBUG,
          "interception warmed up in {0} ms",
          (System.nanoTime() - started) / 1_000_000);
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "interception warm-up failed: {0}", e.toString());
    }
  }

  /** Loads the on-device judge off the start-up path; a failure blocks judged requests. */
  private static void warmUpJudge() {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                LocalJudge.shared().warmUp();
              } catch (RuntimeException | LinkageError e) {
                // Logged at ERROR by the loader; every judged request blocks until it loads.
              }
            },
            "tether-judge-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  private void startTasks(RunConfig config) {
    poller = new PolicyPoller(server, policies);
    BackgroundTasks.Task poll =
        tasks.every(
            "policy-poll",
            config.pollMin(),
            config.pollMax(),
            () -> {
              try {
                return poller.pollOnce();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              } finally {
                writeStatus();
              }
            });
    BackgroundTasks.Task audit =
        tasks.every(
            "audit-upload",
            AUDIT_UPLOAD_INTERVAL,
            () -> {
              try {
                uploader.runOnce();
                auditError = uploader.lastError();
                return true; // the uploader keeps its own backoff (AuditUploader.runOnce)
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              } finally {
                writeStatus();
              }
            });
    HeartbeatSync heartbeatSync = new HeartbeatSync(server, policies, roots);
    BackgroundTasks.Task heartbeat =
        tasks.every(
            "heartbeat",
            config.heartbeatInterval(),
            () -> {
              try {
                PolicyStatus status = policies.status();
                boolean pollNow =
                    heartbeatSync.apply(
                        server.heartbeat(
                            new Heartbeat(
                                status.state().name(),
                                status.policyVersion(),
                                AgentVersion.get(),
                                spool.backlog(),
                                status.state() == PolicyState.GRACE
                                    ? status.graceEndsAt()
                                    : null)));
                heartbeatError = null;
                if (pollNow) {
                  poll.now();
                }
                return true;
              } catch (IOException | RuntimeException e) {
                heartbeatError = "heartbeat: " + e.getMessage();
                return false;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              } finally {
                writeStatus();
              }
            });
    BackgroundTasks.Task approvals =
        tasks.every(
            "approvals",
            config.heartbeatInterval().compareTo(Duration.ofSeconds(30)) < 0
                ? config.heartbeatInterval()
                : Duration.ofSeconds(30),
            () -> {
              try {
                modes.syncApprovals();
                return true;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              } catch (Exception e) {
                LOG.log(System.Logger.Level.INFO, "approvals: {0}", e.getMessage());
                return false;
              }
            });
    if (transparent != null) {
      // The policy may list more ports to redirect (policy.proxy.interceptPorts).
      tasks
          .every(
              "redirect-ports",
              STATUS_INTERVAL,
              () -> {
                transparent.reconcilePorts(
                    policies
                        .current()
                        .map(p -> p.document().proxy().interceptPorts())
                        .orElse(List.of()));
                return true;
              })
          .schedule(Duration.ofSeconds(1));
    }
    modes.onApprovalFiled(approvals::now); // send a new request to the console at once
    BackgroundTasks.Task status =
        tasks.every(
            "status",
            STATUS_INTERVAL,
            () -> {
              writeStatus();
              return true;
            });
    poll.now();
    audit.schedule(Duration.ofSeconds(1));
    heartbeat.schedule(Duration.ofSeconds(2));
    approvals.schedule(Duration.ofSeconds(3));
    status.schedule(STATUS_INTERVAL);
  }

  /**
   * Without a successful refresh for this long the agent counts as refresh-failing (GRACE) even if
   * no poll reported an error: three of the longest waits between polls, at least 5 minutes.
   */
  static Duration staleAfter(RunConfig config) {
    Duration three = config.pollMax().multipliedBy(3);
    return three.compareTo(Duration.ofMinutes(5)) > 0 ? three : Duration.ofMinutes(5);
  }

  /** Rewrites {@code status.json} atomically if anything changed. Never throws. */
  synchronized void writeStatus() {
    try {
      PolicyStatus policy = policies.status();
      String error =
          firstNonNull(poller == null ? null : poller.lastError(), heartbeatError, auditError);
      AgentStatus snapshot =
          new AgentStatus(
              ProcessHandle.current().pid(),
              !closed,
              identity.enrollment().deviceId(),
              policy.state().name(),
              policy.policyName(),
              policy.policyVersion(),
              policy.expiresAt(),
              policy.graceEndsAt(),
              policy.graceLeft() == null ? null : policy.graceLeft().toSeconds(),
              policy.lastSync(),
              policy.versionFloor(),
              policies.root().version(),
              firstNonNull(policy.cacheProblem(), roots.problem()),
              policy.clockSkew().toSeconds(),
              proxyAddress == null
                  ? null
                  : proxyAddress.getHostString() + ":" + proxyAddress.getPort(),
              spool.backlog(),
              decisions == null ? 0 : decisions.overloadRefusals(),
              error,
              null,
              spool.status(),
              decisions == null ? null : decisions.telemetry(),
              modes == null ? null : modes.problem());
      String json = JsonCodec.writeString(snapshot);
      if (json.equals(lastStatusJson)) {
        return;
      }
      lastStatusJson = json;
      AtomicFiles.write(
          dir.status(), JsonCodec.write(snapshot.stamped(clock.instant())), AtomicFiles.PUBLIC);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot write status.json: {0}", e.toString());
    }
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  public InetSocketAddress proxyAddress() {
    return proxyAddress;
  }

  /** Blocks until {@link #close()} completed. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops the proxy, lets in-flight decisions finish, flushes the audit spool. Idempotent. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    LOG.log(System.Logger.Level.INFO, "agent stopping");
    try {
      tasks.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.close();
    modes.close();
    if (transparent != null) {
      transparent.close(); // attribution only: the OS redirect stays (fail closed)
    }
    if (apps instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing process attribution: {0}", e.toString());
      }
    }
    decisionExecutor.shutdown();
    try {
      decisionExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!uploader.flush(AUDIT_FLUSH_TIMEOUT)) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0} audit records stay spooled for the next start",
          spool.backlog());
    }
    try {
      spool.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "audit spool flush failed on stop: {0}", e.getMessage());
    }
    lastStatusJson = null;
    writeStatus();
    tracer.close(); // flushes queued spans for at most 5 s
    PidFile.release(dir.pidFile());
    stopped.countDown();
    LOG.log(System.Logger.Level.INFO, "agent stopped");
  }
}
