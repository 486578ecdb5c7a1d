package dev.tether.server.policy.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One row of the append-only admin action log (inserted, never updated or deleted). */
@Entity
@Table(name = "ADMIN_ACTION", indexes = @Index(columnList = "tenant"))
class AdminAction {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  long at;

  @Column(length = 200, nullable = false)
  String actor;

  @Column(length = 16, nullable = false)
  String actorKind;

  @Column(length = 10, nullable = false)
  String method;

  @Column(length = 500, nullable = false)
  String resource;

  @Column(length = 64)
  String tenant;

  int status;

  @Column(length = 16, nullable = false)
  String outcome;

  @Lob
  @Column(length = AdminActionRecord.MAX_CHANGE_CHARS)
  String beforeState;

  @Lob
  @Column(length = AdminActionRecord.MAX_CHANGE_CHARS)
  String afterState;

  @Column(length = 500)
  String detail;

  @Column(length = 64)
  String clientAddress;

  protected AdminAction() {}

  AdminAction(AdminActionRecord r) {
    at = r.at().toEpochMilli();
    actor = r.actor();
    actorKind = r.actorKind();
    method = r.method();
    resource = r.resource();
    tenant = r.tenant();
    status = r.status();
    outcome = r.outcome().name();
    beforeState = r.before();
    afterState = r.after();
    detail = r.detail();
    clientAddress = r.clientAddress();
  }

  AdminActionRecord record() {
    return new AdminActionRecord(
        id,
        java.time.Instant.ofEpochMilli(at),
        actor,
        actorKind,
        method,
        resource,
        tenant,
        status,
        AdminActionRecord.Outcome.valueOf(outcome),
        beforeState,
        afterState,
        detail,
        clientAddress);
  }
}
