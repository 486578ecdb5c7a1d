package dev.tether.agent.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one simulator run does. Validated on construction: the server must be a loopback address,
 * and agents, requests and time are bounded.
 *
 * @param server base URL of the server, e.g. {@code http://127.0.0.1:8080/tether}
 * @param adminTokenFile file holding the admin API bearer token (the bootstrap {@code admin-token}
 *     or a {@code tth_} API token); read once, never printed
 * @param tenant tenant the run creates (a fresh one per run, so counts are the run's own)
 * @param group group the run creates and enrolls into
 * @param policyFile policy document published for the group, or {@code null} for a minimal one
 * @param steps agent counts, ascending: each step enrolls agents up to its count, then measures
 * @param ramp time over which a step's new agents enroll (spread evenly, jittered)
 * @param measure measured window of each step, after its ramp and one settling interval
 * @param heartbeat heartbeat interval (the agent's default 60 s), jittered 80..120 %
 * @param poll policy poll interval (the agent's default 30 s), jittered 80..120 %
 * @param approvals approvals sync interval (the agent's: min(heartbeat, 30 s)); zero turns it off
 * @param upload the audit uploader's interval (the agent's 5 s): a decision's records wait up to
 *     this long and go up with whatever else is pending
 * @param eventsPerHour audit records per agent per hour (a decision yields 1..3 records)
 * @param workers threads making requests (a saturated pool shows as schedule lag)
 * @param httpClients HTTP clients shared by the agents (each has its own connection pool); 0 means
 *     one per agent, as real agents have
 * @param maxRequests hard bound on requests of the whole run
 * @param jsonOut where the JSON summary goes, or {@code null}
 * @param seed seed of every random choice (intervals, records)
 * @param cpuPids server processes (with their descendants) whose CPU time each window reports, e.g.
 *     the Payara Micro instances and PostgreSQL's postmaster; empty for none
 */
public record FleetOptions(
    URI server,
    Path adminTokenFile,
    String tenant,
    String group,
    Path policyFile,
    List<Integer> steps,
    Duration ramp,
    Duration measure,
    Duration heartbeat,
    Duration poll,
    Duration approvals,
    Duration upload,
    double eventsPerHour,
    int workers,
    int httpClients,
    long maxRequests,
    Path jsonOut,
    long seed,
    List<Long> cpuPids) {
  /** Most simulated agents in one run. */
  public static final int MAX_AGENTS = 100_000;

  /** Longest run: every step's ramp, settling and measured window together. */
  public static final Duration MAX_RUN = Duration.ofHours(2);

  public FleetOptions {
    if (server == null
        || !"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
      throw new IllegalArgumentException("server: expected an http(s) URL, got " + server);
    }
    requireLoopback(server);
    if (adminTokenFile == null) {
      throw new IllegalArgumentException("admin-token-file: required");
    }
    if (tenant == null || !tenant.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("tenant: expected [a-z0-9-]{1,63}, got " + tenant);
    }
    if (group == null || !group.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("group: expected [a-z0-9-]{1,63}, got " + group);
    }
    steps = List.copyOf(steps);
    cpuPids = cpuPids == null ? List.of() : List.copyOf(cpuPids);
    if (steps.isEmpty() || steps.get(0) < 1 || steps.get(steps.size() - 1) > MAX_AGENTS) {
      throw new IllegalArgumentException("agents: expected 1.." + MAX_AGENTS + ", got " + steps);
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i) <= steps.get(i - 1)) {
        throw new IllegalArgumentException("agents: steps must increase, got " + steps);
      }
    }
    positive("ramp", ramp, Duration.ZERO);
    positive("measure", measure, Duration.ofSeconds(1));
    positive("heartbeat", heartbeat, Duration.ofSeconds(1));
    positive("poll", poll, Duration.ofSeconds(1));
    positive("approvals", approvals, Duration.ZERO);
    positive("upload", upload, Duration.ofMillis(100));
    if (!(eventsPerHour >= 0 && eventsPerHour <= 36_000)) {
      throw new IllegalArgumentException(
          "events-per-hour: expected 0..36000, got " + eventsPerHour);
    }
    if (workers < 1 || workers > 4096 || httpClients < 0 || httpClients > MAX_AGENTS) {
      throw new IllegalArgumentException("workers 1..4096, http-clients 0.." + MAX_AGENTS);
    }
    if (maxRequests < 1) {
      throw new IllegalArgumentException("max-requests: expected >= 1");
    }
    Duration total = Duration.ZERO;
    for (int i = 0; i < steps.size(); i++) {
      total = total.plus(ramp).plus(heartbeat).plus(measure);
    }
    if (total.compareTo(MAX_RUN) > 0) {
      throw new IllegalArgumentException("run would take " + total + ", more than " + MAX_RUN);
    }
  }

  /** Largest agent count (the last step). */
  public int agents() {
    return steps.get(steps.size() - 1);
  }

  /** The admin token, read from its file. */
  String adminToken() throws IOException {
    String token = Files.readString(adminTokenFile, StandardCharsets.UTF_8).trim();
    if (token.isEmpty()) {
      throw new IOException(adminTokenFile + ": empty");
    }
    return token;
  }

  /**
   * Parses {@code --key value} arguments; see {@code endpoint-agent/bench/README-fleet.md}.
   *
   * @throws IllegalArgumentException naming the bad or unknown key
   */
  public static FleetOptions parse(String... args) {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got " + args[i]);
      }
      map.put(args[i].substring(2), args[i + 1]);
    }
    FleetOptions options =
        new FleetOptions(
            URI.create(take(map, "server", "http://127.0.0.1:8080/tether")),
            Path.of(take(map, "admin-token-file", "var/server/data/admin-token")),
            take(map, "tenant", "fleet-" + Long.toString(System.currentTimeMillis(), 36)),
            take(map, "group", "fleet"),
            map.containsKey("policy") ? Path.of(map.remove("policy")) : null,
            steps(take(map, "agents", "100")),
            duration(take(map, "ramp", "30s")),
            duration(take(map, "measure", "60s")),
            duration(take(map, "heartbeat", "60s")),
            duration(take(map, "poll", "30s")),
            duration(take(map, "approvals", "30s")),
            duration(take(map, "upload", "5s")),
            Double.parseDouble(take(map, "events-per-hour", "60")),
            Integer.parseInt(take(map, "workers", "256")),
            Integer.parseInt(take(map, "http-clients", "0")),
            Long.parseLong(take(map, "max-requests", "5000000")),
            map.containsKey("json") ? Path.of(map.remove("json")) : null,
            Long.parseLong(take(map, "seed", "1")),
            pids(take(map, "cpu-pids", "")));
    if (!map.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): " + map.keySet());
    }
    return options;
  }

  private static String take(Map<String, String> map, String key, String fallback) {
    String value = map.remove(key);
    return value == null ? fallback : value;
  }

  private static List<Long> pids(String text) {
    List<Long> pids = new ArrayList<>();
    Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .map(Long::valueOf)
        .forEach(pids::add);
    return pids;
  }

  private static List<Integer> steps(String text) {
    List<Integer> steps = new ArrayList<>();
    Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).forEach(steps::add);
    return steps;
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601 ({@code PT30S}). */
  static Duration duration(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      return Duration.parse(t);
    }
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration: expected 500ms/30s/2m/1h, got " + t);
    };
  }

  private static void positive(String key, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new IllegalArgumentException(key + ": expected at least " + min + ", got " + value);
    }
  }

  /** Load goes to this machine only: every address the host resolves to must be loopback. */
  private static void requireLoopback(URI server) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(server.getHost());
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "server: " + server.getHost() + " is not loopback (" + address + "); refused");
        }
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("server: cannot resolve " + server.getHost(), e);
    }
  }
}
