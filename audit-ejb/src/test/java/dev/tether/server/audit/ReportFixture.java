package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import dev.tether.server.audit.report.Count;
import dev.tether.server.audit.report.DayCount;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.LayerCount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A varied, seeded set of decisions (POLICY records with RULE, JUDGE and DESTINATION records beside
 * them, several devices, groups, apps, providers, detectors and days) ingested through the real
 * writer, and the report figures computed independently from the events themselves.
 */
final class ReportFixture {
  static final String[] APPS = {"/usr/bin/curl", "/opt/idea/bin/idea", "/usr/bin/python3", null};
  static final String[] HOSTS = {"api.openai.com", "api.anthropic.com", "generativelanguage.x"};
  static final String[] PROVIDERS = {"OPENAI", "ANTHROPIC", "GEMINI"};
  static final String[] MODELS = {"gpt-4o", "claude-sonnet", null};
  static final String[] DETECTORS = {"aws-access-key", "github-pat", "email", "iban", "ssn"};
  static final String[] LABELS = {"benign", "source_code", "credential_sharing"};

  final String tenant;
  final List<AuditEvent> events = new ArrayList<>();
  final Map<String, String> groupOf = new HashMap<>();

  private ReportFixture(String tenant) {
    this.tenant = tenant;
  }

  /**
   * Ingests {@code decisions} decisions spread over {@code days} days from {@code start}, on {@code
   * devices} devices in two groups; every 50th decision shares its millisecond with the previous
   * one (keyset pagination ties).
   */
  static ReportFixture ingest(
      JpaStore store,
      String tenant,
      int decisions,
      int devices,
      Instant start,
      int days,
      long seed) {
    ReportFixture fixture = new ReportFixture(tenant);
    Random random = new Random(seed);
    Map<String, List<AuditEvent>> perDevice = new HashMap<>();
    long span = days * 86_400_000L;
    Instant previous = start;
    for (int d = 0; d < decisions; d++) {
      String device = tenant + "-dev-" + random.nextInt(devices);
      fixture.groupOf.computeIfAbsent(device, k -> k.hashCode() % 2 == 0 ? "eng" : "ops");
      Instant at = d % 50 == 49 ? previous : start.plusMillis((long) (random.nextDouble() * span));
      previous = at;
      String decision = AuditEvent.newId();
      String app = APPS[random.nextInt(APPS.length)];
      int h = random.nextInt(HOSTS.length);
      String model = MODELS[random.nextInt(MODELS.length)];
      String trace = random.nextInt(4) == 0 ? null : hex(random);
      List<AuditEvent> records = new ArrayList<>();
      ResponseMode applied = ResponseMode.ALLOW;
      if (random.nextInt(10) == 0) {
        records.add(
            event(
                decision,
                at,
                device,
                AuditLayer.DESTINATION,
                ResponseMode.BLOCK,
                HOSTS[h],
                PROVIDERS[h],
                List.of(),
                app,
                model,
                trace));
        applied = ResponseMode.BLOCK;
      } else {
        if (random.nextInt(3) == 0) {
          List<String> ids = new ArrayList<>();
          ids.add(DETECTORS[random.nextInt(DETECTORS.length)]);
          if (random.nextBoolean()) {
            String second = DETECTORS[random.nextInt(DETECTORS.length)];
            if (!ids.contains(second)) {
              ids.add(second);
            }
          }
          ResponseMode mode =
              List.of(ResponseMode.BLOCK, ResponseMode.REDACT, ResponseMode.WARN)
                  .get(random.nextInt(3));
          records.add(
              event(
                  decision,
                  at,
                  device,
                  AuditLayer.RULE,
                  mode,
                  HOSTS[h],
                  PROVIDERS[h],
                  ids,
                  app,
                  model,
                  trace));
          applied = mode;
        }
        if (random.nextInt(2) == 0) {
          String label = LABELS[random.nextInt(LABELS.length)];
          ResponseMode mode = label.equals("benign") ? ResponseMode.ALLOW : ResponseMode.COACH;
          records.add(
              event(
                      decision,
                      at,
                      device,
                      AuditLayer.JUDGE,
                      mode,
                      HOSTS[h],
                      PROVIDERS[h],
                      List.of(),
                      app,
                      model,
                      trace)
                  .withJudgement(label, 0.5 + random.nextInt(50) / 100.0, random.nextInt(5) == 0));
          if (applied == ResponseMode.ALLOW) {
            applied = mode;
          }
        }
      }
      records.add(
          event(
              decision,
              at,
              device,
              AuditLayer.POLICY,
              applied,
              HOSTS[h],
              PROVIDERS[h],
              List.of(),
              app,
              model,
              trace));
      perDevice.computeIfAbsent(device, k -> new ArrayList<>()).addAll(records);
      fixture.events.addAll(records);
    }
    for (Map.Entry<String, List<AuditEvent>> e : perDevice.entrySet()) {
      List<AuditEvent> all = e.getValue();
      for (int i = 0; i < all.size(); i += 500) {
        store.ingest(
            new AuditSource(tenant, fixture.groupOf.get(e.getKey()), e.getKey()),
            all.subList(i, Math.min(all.size(), i + 500)));
      }
    }
    return fixture;
  }

  private static AuditEvent event(
      String decision,
      Instant at,
      String device,
      AuditLayer layer,
      ResponseMode mode,
      String host,
      String provider,
      List<String> detectors,
      String app,
      String model,
      String trace) {
    return new AuditEvent(
            AuditEvent.newId(),
            decision,
            at,
            device,
            device.endsWith("1") ? "bob" : "alice",
            layer,
            mode,
            layer == AuditLayer.RULE
                ? "=HYPERLINK(\"http://x\"), quoted"
                : "reason, with \"quotes\" <b>",
            host,
            provider,
            3,
            detectors,
            detectors.size(),
            "sha256:00",
            42)
        .withContext(app, null, model, trace);
  }

  private static String hex(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

  List<AuditEvent> within(Instant from, Instant to) {
    return events.stream()
        .filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
        .toList();
  }

  /** Every figure of {@code s} recomputed from the ingested events. */
  void assertMatches(DecisionSummary s, Instant from, Instant to) {
    List<AuditEvent> in = within(from, to);
    List<AuditEvent> policy = in.stream().filter(e -> e.layer() == AuditLayer.POLICY).toList();
    assertEquals(in.size(), s.records(), "records");
    assertEquals(policy.size(), s.decisions(), "decisions");
    assertEquals(in.stream().map(AuditEvent::decisionId).distinct().count(), s.decisionIds());
    assertEquals(in.stream().map(AuditEvent::deviceId).distinct().count(), s.devices());
    assertEquals(
        counts(policy, e -> e.mode().name()),
        s.byMode().stream().collect(Collectors.toMap(Count::key, Count::count)),
        "by mode");
    Map<String, Long> layers = new TreeMap<>();
    for (LayerCount c : s.byLayer()) {
      layers.put(c.layer() + "/" + c.mode(), c.records());
    }
    assertEquals(counts(in, e -> e.layer() + "/" + e.mode()), layers, "by layer");
    Map<String, Long> detectors = new TreeMap<>();
    for (AuditEvent e : in) {
      if (e.layer() == AuditLayer.RULE) {
        e.detectorIds().forEach(id -> detectors.merge(id, 1L, Long::sum));
      }
    }
    assertEquals(detectors, map(s.byDetector().rows()), "by detector");
    assertEquals(
        counts(
            in.stream().filter(e -> e.layer() == AuditLayer.JUDGE).toList(),
            AuditEvent::classification),
        map(s.byJudgeLabel().rows()),
        "by judge label");
    assertEquals(
        in.stream().filter(e -> e.layer() == AuditLayer.JUDGE && e.escalated()).count(),
        s.escalated());
    assertEquals(counts(policy, e -> key(e.app())), map(s.byApp().rows()), "by app");
    assertEquals(
        counts(policy, e -> key(e.destinationHost())), map(s.byDestination().rows()), "by host");
    assertEquals(
        counts(policy, e -> key(e.provider()) + " / " + key(e.model())),
        map(s.byProviderModel().rows()),
        "by provider/model");
    assertEquals(
        counts(policy, e -> groupOf.get(e.deviceId())), map(s.byGroup().rows()), "by group");
    assertEquals(counts(policy, e -> key(e.osUser())), map(s.byUser().rows()), "by user");
    assertEquals(
        counts(policy, e -> LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC).toString()),
        s.daily().stream()
            .filter(d -> d.total() > 0)
            .collect(Collectors.toMap(DayCount::day, DayCount::total, (a, b) -> a, TreeMap::new)),
        "daily");
    Set<String> blockedApps = new HashSet<>();
    policy.stream()
        .filter(e -> e.mode() == ResponseMode.BLOCK)
        .forEach(e -> blockedApps.add(key(e.app())));
    for (Count c : s.byApp().rows()) {
      long blocked =
          policy.stream()
              .filter(e -> e.mode() == ResponseMode.BLOCK && key(e.app()).equals(c.key()))
              .count();
      assertEquals(blocked, c.blocked(), "blocked for app " + c.key());
    }
  }

  private static String key(String value) {
    return value == null ? Count.NONE : value;
  }

  private static Map<String, Long> counts(List<AuditEvent> events, Function<AuditEvent, String> f) {
    return events.stream().collect(Collectors.groupingBy(f, TreeMap::new, Collectors.counting()));
  }

  private static Map<String, Long> map(List<Count> rows) {
    return rows.stream()
        .collect(Collectors.toMap(Count::key, Count::count, (a, b) -> a, TreeMap::new));
  }
}
