package dev.tether.agent.fleet;

import dev.tether.agent.server.ServerClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Plays N agents against a server. Each agent, once enrolled, runs the daemon's periodic work with
 * the daemon's timing: policy poll at once and then every poll interval, heartbeat after 2 s and
 * then every heartbeat interval, approvals after 3 s and then every approvals interval (each wait
 * drawn uniformly from 80..120 % of its interval after the previous call finished; after failures
 * the midpoint doubles per failure, capped at 5 minutes, +-20 %), decisions as a Poisson process at
 * the configured event rate, and the decision's records uploaded within one upload interval (after
 * a failed upload: 2 s doubling to 5 minutes, as {@code AuditUploader}). A heartbeat that announces
 * a newer policy triggers a poll at once.
 *
 * <p>One timer thread plans every call; a bounded pool of workers makes them. When the server slows
 * down, workers stay busy and calls start late: that lag, measured from the planned time, is the
 * backlog the report shows (an agent's single background thread falls behind the same way). The
 * work queue holds at most one planned call per agent and kind.
 *
 * <p>Bounded: at most {@link FleetOptions#MAX_AGENTS} agents, {@link FleetOptions#maxRequests}
 * calls and {@link FleetOptions#MAX_RUN} (plus a minute to stop); loopback servers only.
 */
public final class FleetSimulator implements SimulatedAgent.Sink {
  private static final long SECOND = 1_000_000_000L;
  private static final long MAX_BACKOFF = 300 * SECOND;

  private final FleetOptions options;
  private final FleetAdmin admin;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("fleet-timer"));
  private final ExecutorService workers;
  private final List<SimulatedAgent> agents = new ArrayList<>();
  private final HttpClient[] clients;
  private final FleetStats total = new FleetStats();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong tokenFailures = new AtomicLong();
  private volatile FleetStats current = new FleetStats();
  private volatile boolean stopping;
  private volatile boolean windowEnd;

  public FleetSimulator(FleetOptions options) throws IOException {
    this.options = options;
    this.admin = new FleetAdmin(options.server(), options.adminToken());
    this.workers = Executors.newFixedThreadPool(options.workers(), daemon("fleet-worker"));
    int n = options.httpClients() == 0 ? options.agents() : options.httpClients();
    this.clients = new HttpClient[Math.min(n, options.agents())];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = ServerClient.newHttpClient();
    }
  }

  /** Runs every step and the final server-side checks; returns what was measured. */
  public FleetResult run() throws IOException, InterruptedException {
    admin.setUp(options.tenant(), options.group(), options.policyFile());
    List<FleetResult.Phase> phases = new ArrayList<>();
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(daemon("fleet-watchdog"));
    Duration limit = FleetOptions.MAX_RUN.plusMinutes(1);
    watchdog.schedule(() -> stopping = true, limit.toMillis(), TimeUnit.MILLISECONDS);
    try {
      for (int step : options.steps()) {
        if (stopping) {
          break;
        }
        phases.add(runStep(step));
      }
    } finally {
      stopping = true;
      timer.shutdownNow();
      workers.shutdown();
      if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      watchdog.shutdownNow();
    }
    flush();
    long stored = awaitStored(total.eventsGenerated());
    int breaks = -1;
    try {
      breaks = admin.chainBreaks(options.tenant());
    } catch (IOException e) {
      System.err.println("chain breaks not read: " + e.getMessage());
    }
    return new FleetResult(
        options.tenant(),
        options,
        phases,
        total,
        (int) agents.stream().filter(SimulatedAgent::enrolled).count(),
        stored,
        breaks,
        agents.stream().mapToLong(SimulatedAgent::backlog).sum(),
        agents.stream().mapToLong(SimulatedAgent::dropped).sum(),
        agents.stream()
            .filter(SimulatedAgent::enrolled)
            .collect(
                java.util.stream.Collectors.toMap(
                    SimulatedAgent::policyVersion, a -> 1, Integer::sum, java.util.TreeMap::new)));
  }

  private FleetResult.Phase runStep(int step) throws InterruptedException {
    FleetStats ramp = new FleetStats();
    current = ramp;
    int first = agents.size();
    long rampNanos = options.ramp().toNanos();
    long start = System.nanoTime();
    for (int i = first; i < step; i++) {
      SimulatedAgent agent = new SimulatedAgent(i, options.seed());
      agents.add(agent);
      long offset = step == first + 1 ? 0 : rampNanos * (i - first) / (step - first);
      at(start + offset, lag -> enroll(agent, lag));
    }
    sleepUntil(start + rampNanos + options.heartbeat().toNanos(), false);
    FleetStats measured = new FleetStats();
    long storedBefore = storedOrUnknown();
    double loadStart = loadAverage();
    long cpuStart = cpuNanos();
    double serverCpuStart = ProcessCpu.seconds(options.cpuPids());
    long windowStart = System.nanoTime();
    current = measured;
    sleepUntil(windowStart + options.measure().toNanos(), true);
    windowEnd = false;
    current = new FleetStats();
    double window = (System.nanoTime() - windowStart) / 1e9;
    long cpu = cpuNanos() - cpuStart;
    double serverCpu = ProcessCpu.seconds(options.cpuPids()) - serverCpuStart;
    long storedAfter = storedOrUnknown();
    return new FleetResult.Phase(
        (int) agents.stream().filter(SimulatedAgent::enrolled).count(),
        window,
        ramp,
        measured,
        agents.stream().mapToLong(SimulatedAgent::backlog).sum(),
        storedBefore < 0 || storedAfter < 0 ? -1 : storedAfter - storedBefore,
        cpu / 1e9,
        loadStart,
        loadAverage(),
        serverCpu);
  }

  private void enroll(SimulatedAgent agent, long lag) {
    String token;
    try {
      token = admin.enrollmentToken(options.tenant(), options.group());
    } catch (IOException | InterruptedException e) {
      record(Kind.ENROLL, "token:" + SimulatedAgent.outcome(e), 0, lag);
      if (tokenFailures.incrementAndGet() <= 3) {
        System.err.println("enrollment token not issued: " + e.getMessage());
      }
      return;
    }
    HttpClient http = clients[agent.index % clients.length];
    if (!agent.enroll(options.server().toString(), token, http, this, lag)) {
      return;
    }
    long now = System.nanoTime();
    at(now, l -> loop(agent, Kind.BUNDLE, options.poll(), l, 0));
    at(now + 2 * SECOND, l -> loop(agent, Kind.HEARTBEAT, options.heartbeat(), l, 0));
    if (!options.approvals().isZero()) {
      at(now + 3 * SECOND, l -> loop(agent, Kind.APPROVALS, options.approvals(), l, 0));
    }
    if (options.eventsPerHour() > 0) {
      at(now + nextDecision(agent), l -> decide(agent));
    }
  }

  /**
   * One periodic call of {@code kind}, then the next one planned: after a success in 80..120 % of
   * the interval; after {@code n} failures in a row the interval doubled n times (at most 5
   * minutes), +-20 %, as the daemon's {@code BackgroundTasks}.
   */
  private void loop(SimulatedAgent agent, Kind kind, Duration interval, long lag, int failures) {
    boolean ok =
        switch (kind) {
          case BUNDLE -> agent.poll(this, lag);
          case HEARTBEAT -> {
            int answer = agent.heartbeat(this, lag);
            if (answer == SimulatedAgent.HEARTBEAT_POLL_NOW) {
              at(System.nanoTime(), l -> agent.poll(this, l));
            }
            yield answer != SimulatedAgent.HEARTBEAT_FAILED;
          }
          case APPROVALS -> agent.approvals(this, lag);
          default -> throw new IllegalArgumentException(kind.name());
        };
    int n = ok ? 0 : Math.min(failures + 1, 16);
    long mid = interval.toNanos();
    long base = n == 0 ? mid : Math.min(Math.max(MAX_BACKOFF, mid), mid << Math.min(n, 10));
    long next = (long) (base * (0.8 + 0.4 * agent.nextDouble()));
    at(System.nanoTime() + next, l -> loop(agent, kind, interval, l, n));
  }

  private final Map<Integer, Boolean> uploadPlanned = new ConcurrentHashMap<>();

  private void decide(SimulatedAgent agent) {
    agent.decide(this);
    if (uploadPlanned.putIfAbsent(agent.index, Boolean.TRUE) == null) {
      long wait = (long) (options.upload().toNanos() * agent.nextDouble());
      at(System.nanoTime() + wait, l -> upload(agent, l, 0));
    }
    at(System.nanoTime() + nextDecision(agent), l -> decide(agent));
  }

  private void upload(SimulatedAgent agent, long lag, int failures) {
    if (agent.upload(this, lag)) {
      uploadPlanned.remove(agent.index);
      if (agent.backlog() > 0 && uploadPlanned.putIfAbsent(agent.index, Boolean.TRUE) == null) {
        at(System.nanoTime() + options.upload().toNanos(), l -> upload(agent, l, 0));
      }
      return;
    }
    long backoff = Math.min(MAX_BACKOFF, 2 * SECOND << Math.min(failures, 20));
    long wait = backoff / 2 + (long) (backoff / 2 * agent.nextDouble());
    at(System.nanoTime() + wait, l -> upload(agent, l, failures + 1));
  }

  private long nextDecision(SimulatedAgent agent) {
    double perSecond = options.eventsPerHour() / DecisionRecords.RECORDS_PER_DECISION / 3600.0;
    return (long) (-Math.log(1.0 - agent.nextDouble()) / perSecond * SECOND);
  }

  /** Plans {@code body} for {@code dueNanos}; it gets how late it started (ns). */
  private void at(long dueNanos, LongConsumer body) {
    if (stopping) {
      return;
    }
    long delay = Math.max(0, dueNanos - System.nanoTime());
    try {
      timer.schedule(
          () ->
              workers.execute(
                  () -> {
                    if (!stopping) {
                      body.accept(System.nanoTime() - dueNanos);
                    }
                  }),
          delay,
          TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopping
    }
  }

  @Override
  public void record(Kind kind, String outcome, long latencyNanos, long lagNanos) {
    current.record(kind, outcome, latencyNanos, lagNanos);
    total.record(kind, outcome, latencyNanos, lagNanos);
    if (calls.incrementAndGet() >= options.maxRequests()) {
      stopping = true;
    }
  }

  @Override
  public void eventsGenerated(int n, long jsonBytes) {
    current.eventsGenerated(n, jsonBytes);
    total.eventsGenerated(n, jsonBytes);
  }

  @Override
  public void eventsUploaded(int accepted, int duplicates) {
    current.eventsUploaded(accepted, duplicates);
    total.eventsUploaded(accepted, duplicates);
  }

  @Override
  public void bundleVerified(int bytes) {
    current.bundleVerified(bytes);
    total.bundleVerified(bytes);
  }

  /**
   * Like the agent's shutdown flush: every agent uploads what it still holds, once more, ignoring
   * backoff, for at most a minute in all; what is left stays counted as backlog.
   */
  private void flush() throws InterruptedException {
    current = new FleetStats();
    ExecutorService flushers =
        Executors.newFixedThreadPool(Math.min(options.workers(), 32), daemon("fleet-flush"));
    for (SimulatedAgent agent : agents) {
      if (agent.enrolled() && agent.backlog() > 0) {
        flushers.execute(() -> agent.upload(this, 0));
      }
    }
    flushers.shutdown();
    if (!flushers.awaitTermination(60, TimeUnit.SECONDS)) {
      flushers.shutdownNow();
    }
  }

  private long awaitStored(long accepted) throws InterruptedException {
    long last = -1;
    long stable = System.nanoTime();
    long deadline = System.nanoTime() + 120 * SECOND;
    while (System.nanoTime() < deadline) {
      long stored = storedOrUnknown();
      if (stored < 0 || stored >= accepted) {
        return stored;
      }
      if (stored != last) {
        last = stored;
        stable = System.nanoTime();
      } else if (System.nanoTime() - stable > 15 * SECOND) {
        return stored;
      }
      Thread.sleep(1000);
    }
    return last;
  }

  private long storedOrUnknown() {
    try {
      return admin.storedEvents(options.tenant());
    } catch (IOException e) {
      System.err.println("stored events not read: " + e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Ends the current (or next) step's measured window now instead of at its planned length (for a
   * test that has seen what it waited for); a later step runs in full.
   */
  public void endWindow() {
    windowEnd = true;
  }

  private void sleepUntil(long nanos, boolean window) throws InterruptedException {
    while (!stopping && !(window && windowEnd)) {
      long left = nanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(250, Math.max(1, left / 1_000_000)));
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs a simulation from the command line; prints the report and writes the JSON summary. */
  public static void main(String[] args) throws Exception {
    FleetOptions options = FleetOptions.parse(args);
    FleetResult result = new FleetSimulator(options).run();
    System.out.print(FleetReport.text(result));
    if (options.jsonOut() != null) {
      Files.writeString(options.jsonOut(), FleetReport.json(result));
      System.out.println("JSON summary: " + options.jsonOut());
    }
    System.exit(result.enrolled() > 0 ? 0 : 1);
  }
}
