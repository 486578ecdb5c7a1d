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
@Table(name = "ADMIN_ACTION", indexes = @Index(columnList = "TENANT_ID"))
class AdminAction {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "adminActionIds")
  @jakarta.persistence.TableGenerator(
      name = "adminActionIds",
      table = "ADMIN_ACTION_SEQ",
      pkColumnValue = "ADMIN_ACTION",
      allocationSize = 50)
  Long id;

  @Column(name = "ACTED_AT")
  long at;

  @Column(length = 200, nullable = false)
  String actor;

  @Column(length = 16, nullable = false)
  String actorKind;

  @Column(name = "HTTP_METHOD", length = 10, nullable = false)
  String method;

  @Column(name = "RESOURCE_PATH", length = 500, nullable = false)
  String resource;

  @Column(name = "TENANT_ID", length = 64)
  String tenant;

  @Column(name = "HTTP_STATUS")
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
