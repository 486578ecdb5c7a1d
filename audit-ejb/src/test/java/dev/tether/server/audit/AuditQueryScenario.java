package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The query API over a real store (H2 or PostgreSQL): a seeded tenant with varied events, each
 * filter compared with an in-memory oracle, and paging by offset and by cursor walked to the end.
 */
final class AuditQueryScenario {
  static final Instant T0 = Instant.parse("2026-04-01T12:00:00.250Z");
  static final String[] APPS = {"/usr/bin/curl", "/opt/idea/bin/idea", "python3"};
  static final String[] HOSTS = {"api.openai.com", "api.anthropic.com", "generativelanguage.x"};
  static final String[] PROVIDERS = {"OPENAI", "ANTHROPIC", null};
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  record Seeded(AuditEvent event, String group) {}

  final List<Seeded> seeded = new ArrayList<>();
  final String tenant;
  String decisionOfThree;

  AuditQueryScenario(String tenant) {
    this.tenant = tenant;
  }

  /** 3 devices x 40 events in {@code tenant}, and 10 in another tenant that must never show. */
  void seed(JpaStore store) {
    String[][] devices = {{"dev-a", "eng"}, {"dev-b", "eng"}, {"dev-c", "ops"}};
    int n = 0;
    for (String[] device : devices) {
      List<AuditEvent> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++, n++) {
        String decision = AuditEvent.newId();
        if (n == 17) {
          decisionOfThree = decision;
        }
        AuditEvent e = event(n, device[0], decision);
        batch.add(e);
        seeded.add(new Seeded(e, device[1]));
        if (n == 17) {
          for (int k = 0; k < 2; k++) {
            AuditEvent sibling = event(n, device[0], decision);
            batch.add(sibling);
            seeded.add(new Seeded(sibling, device[1]));
          }
        }
      }
      store.ingest(new AuditSource(tenant, device[1], device[0]), batch);
    }
    store.ingest(
        new AuditSource("other-" + tenant, "eng", "dev-z"),
        TamperEvidentLogTest.events("dev-z", 10, ResponseMode.BLOCK));
  }

  private static AuditEvent event(int n, String device, String decision) {
    return new AuditEvent(
        AuditEvent.newId(),
        decision,
        T0.plusSeconds(n / 2), // pairs share a millisecond: ties break on event id
        device,
        n % 4 == 0 ? "root" : "alice",
        n % 5 == 0 ? AuditLayer.JUDGE : AuditLayer.RULE,
        ResponseMode.values()[n % ResponseMode.values().length],
        "r",
        HOSTS[n % 3],
        PROVIDERS[n % 3],
        3,
        List.of(),
        0,
        null,
        10,
        APPS[(n / 3) % 3],
        n % 7 == 0 ? "bob@example.com" : null,
        null,
        n % 11 == 0 ? TRACE : null,
        Map.of(),
        null,
        null,
        false,
        List.of());
  }

  /** Every filter, alone and combined, returns exactly what the oracle says, newest first. */
  void filtersMatchOracle(JpaStore store) {
    check(store, AuditFilter.NONE, s -> true);
    check(store, f().group("ops"), s -> s.group.equals("ops"));
    check(store, f().device("dev-b"), s -> s.event.deviceId().equals("dev-b"));
    check(store, f().user("bob@example.com"), s -> "bob@example.com".equals(s.event.developer()));
    check(store, f().user("root"), s -> "root".equals(s.event.osUser()));
    check(store, f().app("python3"), s -> "python3".equals(s.event.app()));
    check(
        store,
        f().destination("api.anthropic.com"),
        s -> s.event.destinationHost().equals("api.anthropic.com"));
    check(store, f().provider("OPENAI"), s -> "OPENAI".equals(s.event.provider()));
    check(store, f().layer(AuditLayer.JUDGE), s -> s.event.layer() == AuditLayer.JUDGE);
    check(store, f().mode(ResponseMode.BLOCK), s -> s.event.mode() == ResponseMode.BLOCK);
    check(store, f().decision(decisionOfThree), s -> s.event.decisionId().equals(decisionOfThree));
    check(store, f().trace(TRACE), s -> TRACE.equals(s.event.traceId()));
    Instant from = T0.plusSeconds(10);
    Instant to = T0.plusSeconds(30);
    check(
        store,
        f().between(from, to),
        s -> !s.event.occurredAt().isBefore(from) && s.event.occurredAt().isBefore(to));
    check(
        store,
        f().group("eng").user("root").mode(ResponseMode.BLOCK).between(from, T0.plusSeconds(60)),
        s ->
            s.group.equals("eng")
                && "root".equals(s.event.osUser())
                && s.event.mode() == ResponseMode.BLOCK
                && !s.event.occurredAt().isBefore(from));
    assertEquals(3, expected(s -> s.event.decisionId().equals(decisionOfThree)).size());
  }

  /** Offset pages and cursor pages both walk the whole result once, in order, and agree. */
  void pagingWalksEverythingOnce(JpaStore store) {
    List<String> all = ids(expected(s -> s.group.equals("eng")));
    AuditFilter eng = f().group("eng").build();
    List<String> byOffset = new ArrayList<>();
    for (int offset = 0; offset < all.size(); offset += 7) {
      AuditPage page = query(store, new AuditQuery(tenant, eng, 7, offset, null));
      assertEquals(all.size(), page.total());
      byOffset.addAll(page.events().stream().map(AuditEvent::eventId).toList());
    }
    assertEquals(all, byOffset);
    List<String> byCursor = new ArrayList<>();
    AuditCursor cursor = null;
    int pages = 0;
    do {
      AuditPage page = query(store, new AuditQuery(tenant, eng, 7, 0, cursor));
      assertEquals(all.size(), page.total(), "total ignores the cursor");
      byCursor.addAll(page.events().stream().map(AuditEvent::eventId).toList());
      cursor = page.nextCursor() == null ? null : AuditCursor.decode(page.nextCursor());
      pages++;
    } while (cursor != null && pages < 100);
    assertEquals(all, byCursor);
    assertEquals((all.size() + 6) / 7, pages);
    assertEquals(new HashSet<>(all).size(), all.size());
    AuditPage exact = query(store, new AuditQuery(tenant, eng, all.size(), 0, null));
    assertNull(exact.nextCursor(), "a page that ends the result has no next cursor");
  }

  private void check(JpaStore store, Builder filter, Predicate<Seeded> oracle) {
    check(store, filter.build(), oracle);
  }

  private void check(JpaStore store, AuditFilter filter, Predicate<Seeded> oracle) {
    List<String> want = ids(expected(oracle));
    assertTrue(want.size() < seeded.size() || filter.equals(AuditFilter.NONE), "selective");
    AuditPage page = query(store, new AuditQuery(tenant, filter, AuditQuery.MAX_LIMIT, 0, null));
    assertEquals(want.size(), page.total(), filter.toString());
    assertEquals(want, page.events().stream().map(AuditEvent::eventId).toList(), filter.toString());
  }

  private List<Seeded> expected(Predicate<Seeded> oracle) {
    return seeded.stream()
        .filter(oracle)
        .sorted(
            Comparator.comparing((Seeded s) -> s.event.occurredAt().toEpochMilli())
                .thenComparing(s -> s.event.eventId())
                .reversed())
        .toList();
  }

  private static List<String> ids(List<Seeded> list) {
    return list.stream().map(s -> s.event.eventId()).toList();
  }

  static AuditPage query(JpaStore store, AuditQuery query) {
    return store.tx(
        repository -> {
          AuditService service = new AuditService();
          service.repository = repository;
          return service.query(query);
        });
  }

  static Builder f() {
    return new Builder();
  }

  /** Test-side builder for filters. */
  static final class Builder {
    String group, device, user, app, destination, provider, decision, trace;
    AuditLayer layer;
    ResponseMode mode;
    Instant from, to;

    Builder group(String v) {
      group = v;
      return this;
    }

    Builder device(String v) {
      device = v;
      return this;
    }

    Builder user(String v) {
      user = v;
      return this;
    }

    Builder app(String v) {
      app = v;
      return this;
    }

    Builder destination(String v) {
      destination = v;
      return this;
    }

    Builder provider(String v) {
      provider = v;
      return this;
    }

    Builder layer(AuditLayer v) {
      layer = v;
      return this;
    }

    Builder mode(ResponseMode v) {
      mode = v;
      return this;
    }

    Builder decision(String v) {
      decision = v;
      return this;
    }

    Builder trace(String v) {
      trace = v;
      return this;
    }

    Builder between(Instant a, Instant b) {
      from = a;
      to = b;
      return this;
    }

    AuditFilter build() {
      return new AuditFilter(
          group, device, user, app, destination, provider, layer, mode, decision, trace, from, to);
    }
  }
}
