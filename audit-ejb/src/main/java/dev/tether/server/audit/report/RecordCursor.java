package dev.tether.server.audit.report;

import java.util.Objects;

/** Where a record list continues: after this record in period order. */
public record RecordCursor(long occurredAtMillis, String eventId) {
  public RecordCursor {
    Objects.requireNonNull(eventId, "eventId");
  }

  /** The cursor just after {@code record}. */
  public static RecordCursor after(DecisionRecord record) {
    return new RecordCursor(record.occurredAt().toEpochMilli(), record.eventId());
  }
}
