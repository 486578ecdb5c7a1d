package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dashboard aggregates over a real JPA store (EclipseLink on H2). */
class AuditStatsServiceTest {
  static final Instant NOW = Instant.parse("2026-04-10T15:00:00Z");
  final AuditSource acme = new AuditSource("acme", "eng", "dev-1");
  final AuditSource other = new AuditSource("other", "ops", "dev-9");
  JpaStore store;

  @BeforeEach
  void open() {
    store = JpaStore.h2("stats-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    store.close();
  }

  static AuditEvent event(
      Instant at,
      AuditLayer layer,
      ResponseMode mode,
      String host,
      String app,
      List<String> detectors) {
    return new AuditEvent(
            AuditEvent.newId(),
            AuditEvent.newId(),
            at,
            "dev-1",
            "alice",
            layer,
            mode,
            "r",
            host,
            null,
            1,
            detectors,
            detectors.size(),
            null,
            10)
        .withContext(app, null, null, null);
  }

  AuditStats stats(String tenant, int days) {
    return store.tx(
        repository -> {
          AuditStatsService service = new AuditStatsService();
          service.em = repository.em;
          service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
          return service.stats(tenant, days);
        });
  }

  @Test
  void stats_countsByDayLayerModeAndRanksDetectorsAppsHosts_withinWindowAndTenant() {
    Instant today = NOW.minusSeconds(3600);
    Instant yesterday = NOW.minusSeconds(86_400);
    Instant tooOld = NOW.minusSeconds(86_400L * 10);
    List<AuditEvent> events = new ArrayList<>();
    events.add(
        event(
            today,
            AuditLayer.RULE,
            ResponseMode.BLOCK,
            "api.openai.com",
            "curl",
            List.of("aws-access-key", "github-token")));
    events.add(
        event(
            today,
            AuditLayer.RULE,
            ResponseMode.BLOCK,
            "api.openai.com",
            "curl",
            List.of("aws-access-key")));
    events.add(
        event(today, AuditLayer.POLICY, ResponseMode.BLOCK, "api.openai.com", "curl", List.of()));
    events.add(
        event(
            today, AuditLayer.POLICY, ResponseMode.ALLOW, "api.anthropic.com", "code", List.of()));
    events.add(
        event(
            yesterday, AuditLayer.POLICY, ResponseMode.ALLOW, "api.openai.com", "code", List.of()));
    events.add(
        event(
            yesterday, AuditLayer.JUDGE, ResponseMode.COACH, "api.openai.com", "code", List.of()));
    events.add(
        event(tooOld, AuditLayer.POLICY, ResponseMode.BLOCK, "old.example", "old", List.of()));
    store.ingest(acme, events);
    store.ingest(
        other,
        List.of(
            event(
                today, AuditLayer.POLICY, ResponseMode.BLOCK, "api.openai.com", "vim", List.of())));

    AuditStats stats = stats("acme", 7);

    assertEquals(Instant.parse("2026-04-04T00:00:00Z"), stats.from());
    assertEquals(Instant.parse("2026-04-11T00:00:00Z"), stats.to());
    assertEquals(6, stats.total());
    assertEquals(6, stats.decisions());
    LocalDate d10 = LocalDate.parse("2026-04-10");
    LocalDate d09 = LocalDate.parse("2026-04-09");
    assertEquals(
        List.of(
            new AuditStats.Cell(d09, AuditLayer.JUDGE, ResponseMode.COACH, 1),
            new AuditStats.Cell(d09, AuditLayer.POLICY, ResponseMode.ALLOW, 1),
            new AuditStats.Cell(d10, AuditLayer.RULE, ResponseMode.BLOCK, 2),
            new AuditStats.Cell(d10, AuditLayer.POLICY, ResponseMode.ALLOW, 1),
            new AuditStats.Cell(d10, AuditLayer.POLICY, ResponseMode.BLOCK, 1)),
        stats.series());
    assertEquals(
        List.of(
            new AuditStats.Ranked("aws-access-key", 2), new AuditStats.Ranked("github-token", 1)),
        stats.topDetectors());
    assertEquals(
        List.of(new AuditStats.Ranked("code", 2), new AuditStats.Ranked("curl", 1)),
        stats.topApps());
    assertEquals(
        List.of(
            new AuditStats.Ranked("api.openai.com", 2),
            new AuditStats.Ranked("api.anthropic.com", 1)),
        stats.topDestinations());

    AuditStats wide = stats("acme", 30);
    assertEquals(7, wide.total());
    assertEquals(0, stats("nobody", 7).total());
  }

  @Test
  void stats_windowOutOfRange_throwsNamingDays() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stats("acme", 91));
    assertEquals("days: expected 1 to 90, got 91", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> stats("acme", 0));
  }
}
