package dev.tether.server.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that hands out log positions: storing a batch locks it, takes the next {@code n} leaf
 * indexes and advances {@link #size}. Indexes are therefore dense and in commit order.
 */
@Entity
@Table(name = "TETHER_AUDIT_LOG_HEAD")
public class AuditLogHead {
  static final int ID = 1;

  @Id int id;

  long size;

  protected AuditLogHead() {}

  static AuditLogHead first() {
    AuditLogHead head = new AuditLogHead();
    head.id = ID;
    return head;
  }

  /** Reserves {@code count} positions; returns the first. */
  long reserve(int count) {
    long first = size;
    size += count;
    return first;
  }
}
