package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditBatchPlanTest {
  private static AuditEvent event(String id) {
    return new AuditEvent(
        id,
        AuditEvent.newId(),
        Instant.parse("2026-01-01T00:00:00Z"),
        "device-1",
        null,
        AuditLayer.RULE,
        ResponseMode.BLOCK,
        "r",
        null,
        null,
        1,
        List.of(),
        0,
        null,
        0);
  }

  @Test
  void of_nothingStored_storesAll() {
    List<AuditEvent> events = List.of(event(AuditEvent.newId()), event(AuditEvent.newId()));
    AuditBatchPlan plan = AuditBatchPlan.of(events, Set.of());
    assertEquals(events, plan.toStore());
    assertEquals(0, plan.duplicates());
  }

  @Test
  void of_someAlreadyStored_countsThemAsDuplicates() {
    AuditEvent stored = event(AuditEvent.newId());
    AuditEvent fresh = event(AuditEvent.newId());
    AuditBatchPlan plan = AuditBatchPlan.of(List.of(stored, fresh), Set.of(stored.eventId()));
    assertEquals(List.of(fresh), plan.toStore());
    assertEquals(1, plan.duplicates());
  }

  @Test
  void of_repeatedInsideBatch_storesFirstOnly() {
    AuditEvent once = event(AuditEvent.newId());
    AuditBatchPlan plan = AuditBatchPlan.of(List.of(once, once, once), Set.of());
    assertEquals(List.of(once), plan.toStore());
    assertEquals(2, plan.duplicates());
  }

  @Test
  void auditRecord_roundTripsEveryField() {
    AuditEvent event =
        new AuditEvent(
            AuditEvent.newId(),
            AuditEvent.newId(),
            Instant.parse("2026-01-01T00:00:00.123456789Z"),
            "device-1",
            "dev",
            AuditLayer.JUDGE,
            ResponseMode.COACH,
            "judge unsure",
            "api.openai.com",
            "openai",
            4,
            List.of("aws-key", "jwt"),
            2,
            "sha256:00",
            99);
    assertEquals(
        event, new AuditRecord("acme", "default", event, Instant.now(), 0, new byte[32]).toEvent());
  }
}
