package dev.tether.agent.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Renders a {@link FleetResult}: a human-readable report and a JSON summary with the same figures.
 *
 * <p>A step "kept up" when, in its measured window: at most 0.1 % of calls failed (anything but 2xx
 * and 304), heartbeats started at most 10 % of the heartbeat interval late at p99 (the schedule
 * lag), and the audit backlog at the end was at most what two upload intervals generate (plus 100).
 */
public final class FleetReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FleetReport() {}

  /** The report for people. */
  public static String text(FleetResult result) {
    StringBuilder out = new StringBuilder();
    FleetOptions o = result.options();
    out.append(
        String.format(
            Locale.ROOT,
            "fleet run: tenant %s, server %s, heartbeat %ss, poll %ss, approvals %ss, upload %ss,"
                + " %.0f events/agent/hour, %d workers%n",
            result.tenant(),
            o.server(),
            o.heartbeat().toSeconds(),
            o.poll().toSeconds(),
            o.approvals().toSeconds(),
            o.upload().toSeconds(),
            o.eventsPerHour(),
            o.workers()));
    for (FleetResult.Phase phase : result.phases()) {
      Map<String, Object> p = phase(phase, o);
      out.append(
          String.format(
              Locale.ROOT,
              "%n== %d agents: %.1f s window, load %.2f -> %.2f, simulator CPU %.1f s (%.0f %% of"
                  + " one core)%n",
              phase.agents(),
              phase.windowSeconds(),
              phase.loadStart(),
              phase.loadEnd(),
              phase.simulatorCpuSeconds(),
              100 * phase.simulatorCpuSeconds() / phase.windowSeconds()));
      out.append(
          String.format(
              Locale.ROOT,
              "%-13s %8s %7s %8s %8s %8s %8s %9s %9s  %s%n",
              "kind",
              "req/s",
              "count",
              "p50 ms",
              "p95 ms",
              "p99 ms",
              "max ms",
              "lag p99",
              "lag max",
              "outcomes"));
      for (Kind kind : Kind.values()) {
        FleetStats s = kind == Kind.ENROLL ? phase.ramp() : phase.measured();
        long count = s.requests(kind);
        if (count == 0) {
          continue;
        }
        Histogram lat = s.latencyMicros(kind);
        Histogram lag = s.lagMillis(kind);
        out.append(
            String.format(
                Locale.ROOT,
                "%-13s %8s %7d %8.1f %8.1f %8.1f %8.1f %8dms %8dms  %s%n",
                kind.label() + (kind == Kind.ENROLL ? "*" : ""),
                kind == Kind.ENROLL
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f", count / phase.windowSeconds()),
                count,
                lat.getValueAtPercentile(50) / 1000.0,
                lat.getValueAtPercentile(95) / 1000.0,
                lat.getValueAtPercentile(99) / 1000.0,
                lat.getMaxValue() / 1000.0,
                lag.getValueAtPercentile(99),
                lag.getMaxValue(),
                s.outcomes(kind)));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "requests %.1f/s, errors %d; events generated %.1f/s, accepted %.1f/s, stored %s/s"
                  + " (server count); backlog at end %d%n",
              p.get("requestsPerSecond"),
              p.get("errors"),
              p.get("eventsGeneratedPerSecond"),
              p.get("eventsAcceptedPerSecond"),
              p.get("eventsStoredPerSecond"),
              phase.backlogEnd()));
      if (phase.serverCpuSeconds() > 0) {
        out.append(
            String.format(
                Locale.ROOT,
                "server CPU %.1f s in the window (%.2f cores), %.2f ms per request%n",
                phase.serverCpuSeconds(),
                phase.serverCpuSeconds() / phase.windowSeconds(),
                p.get("serverCpuMsPerRequest")));
      }
      out.append("kept up: ").append(p.get("keptUp")).append(' ').append(p.get("why")).append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n* enroll: calls during the step's ramp (token from the admin API, then enroll)%n"
                + "enrolled %d of %d agents; bundles verified %d (%d bytes); events generated %d"
                + " (%d JSON bytes each on average), accepted %d,"
                + " stored (server count) %d, duplicates %d; chain breaks %d; backlog at stop %d,"
                + " dropped %d; agents by policy version %s%n",
            result.enrolled(),
            o.agents(),
            result.total().bundlesVerified(),
            result.total().bundleBytes(),
            result.total().eventsGenerated(),
            result.total().eventsGenerated() == 0
                ? 0
                : result.total().eventJsonBytes() / result.total().eventsGenerated(),
            result.total().eventsAccepted(),
            result.storedEvents(),
            result.total().eventsDuplicate(),
            result.chainBreaks(),
            result.backlogEnd(),
            result.dropped(),
            result.policyVersions()));
    return out.toString();
  }

  /** The JSON summary. */
  public static String json(FleetResult result) {
    Map<String, Object> root = new LinkedHashMap<>();
    FleetOptions o = result.options();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("server", o.server().toString());
    config.put("tenant", result.tenant());
    config.put("steps", o.steps());
    config.put("rampSeconds", o.ramp().toMillis() / 1000.0);
    config.put("measureSeconds", o.measure().toMillis() / 1000.0);
    config.put("heartbeatSeconds", o.heartbeat().toMillis() / 1000.0);
    config.put("pollSeconds", o.poll().toMillis() / 1000.0);
    config.put("approvalsSeconds", o.approvals().toMillis() / 1000.0);
    config.put("uploadSeconds", o.upload().toMillis() / 1000.0);
    config.put("eventsPerAgentHour", o.eventsPerHour());
    config.put("workers", o.workers());
    config.put("httpClients", o.httpClients());
    config.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("config", config);
    List<Object> phases = new ArrayList<>();
    for (FleetResult.Phase phase : result.phases()) {
      phases.add(phase(phase, o));
    }
    root.put("phases", phases);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("agentsEnrolled", result.enrolled());
    totals.put("enroll", kind(result.total(), Kind.ENROLL, 0));
    totals.put("bundlesVerified", result.total().bundlesVerified());
    totals.put("bundleBytes", result.total().bundleBytes());
    totals.put("eventsGenerated", result.total().eventsGenerated());
    totals.put(
        "eventJsonBytesMean",
        result.total().eventsGenerated() == 0
            ? 0
            : round((double) result.total().eventJsonBytes() / result.total().eventsGenerated()));
    totals.put("eventsAccepted", result.total().eventsAccepted());
    totals.put("eventsDuplicate", result.total().eventsDuplicate());
    totals.put("eventsStored", result.storedEvents());
    totals.put("chainBreaks", result.chainBreaks());
    totals.put("backlogAtStop", result.backlogEnd());
    totals.put("dropped", result.dropped());
    totals.put("agentsByPolicyVersion", result.policyVersions());
    root.put("totals", totals);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> phase(FleetResult.Phase phase, FleetOptions o) {
    FleetStats m = phase.measured();
    double w = phase.windowSeconds();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("agents", phase.agents());
    p.put("windowSeconds", round(w));
    p.put("loadAverageStart", round(phase.loadStart()));
    p.put("loadAverageEnd", round(phase.loadEnd()));
    p.put("simulatorCpuSeconds", round(phase.simulatorCpuSeconds()));
    long requests = 0;
    long errors = 0;
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      if (kind == Kind.ENROLL) {
        kinds.put(kind.label(), kind(phase.ramp(), kind, 0));
        continue;
      }
      kinds.put(kind.label(), kind(m, kind, w));
      requests += m.requests(kind);
      errors += m.errors(kind);
    }
    p.put("requestsPerSecond", round(requests / w));
    p.put("serverCpuSeconds", round(phase.serverCpuSeconds()));
    p.put(
        "serverCpuMsPerRequest",
        requests == 0 ? 0.0 : round(1000 * phase.serverCpuSeconds() / requests));
    p.put("errors", errors);
    p.put("kinds", kinds);
    double generated = m.eventsGenerated() / w;
    p.put("eventsGeneratedPerSecond", round(generated));
    p.put("eventsAcceptedPerSecond", round(m.eventsAccepted() / w));
    p.put(
        "eventsStoredPerSecond",
        phase.storedInWindow() < 0 ? null : round(phase.storedInWindow() / w));
    p.put("auditBacklogEnd", phase.backlogEnd());
    List<String> why = new ArrayList<>();
    if (errors > requests / 1000) {
      why.add("errors " + errors + " > 0.1 % of " + requests);
    }
    long lagP99 = m.lagMillis(Kind.HEARTBEAT).getValueAtPercentile(99);
    if (lagP99 > o.heartbeat().toMillis() / 10) {
      why.add("heartbeat lag p99 " + lagP99 + " ms > 10 % of the interval");
    }
    double allowed = generated * 2 * o.upload().toMillis() / 1000.0 + 100;
    if (phase.backlogEnd() > allowed) {
      why.add("audit backlog " + phase.backlogEnd() + " > " + Math.round(allowed));
    }
    p.put("keptUp", why.isEmpty());
    p.put("why", why.isEmpty() ? "" : String.join("; ", why));
    return p;
  }

  private static Map<String, Object> kind(FleetStats s, Kind kind, double window) {
    Map<String, Object> k = new LinkedHashMap<>();
    Histogram lat = s.latencyMicros(kind);
    Histogram lag = s.lagMillis(kind);
    k.put("count", s.requests(kind));
    if (window > 0) {
      k.put("perSecond", round(s.requests(kind) / window));
    }
    k.put("outcomes", s.outcomes(kind));
    k.put("errors", s.errors(kind));
    k.put("p50Ms", lat.getValueAtPercentile(50) / 1000.0);
    k.put("p95Ms", lat.getValueAtPercentile(95) / 1000.0);
    k.put("p99Ms", lat.getValueAtPercentile(99) / 1000.0);
    k.put("maxMs", lat.getMaxValue() / 1000.0);
    k.put("lagP50Ms", lag.getValueAtPercentile(50));
    k.put("lagP99Ms", lag.getValueAtPercentile(99));
    k.put("lagMaxMs", lag.getMaxValue());
    k.put("lateOver1s", lag.getCountBetweenValues(1000, lag.getHighestTrackableValue()));
    return k;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
