package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** The policy being edited for one group: a validated {@code PolicyDocument} as canonical JSON. */
@Entity
@Table(name = "TETHER_POLICY_DRAFT")
public class PolicyDraft {
  /** {@code tenant/group}. */
  @Id
  @Column(length = 127)
  String groupKey;

  @Lob
  @Column(nullable = false)
  byte[] document;

  long updatedAtMillis;

  protected PolicyDraft() {}

  PolicyDraft(String groupKey, byte[] document, long updatedAtMillis) {
    this.groupKey = groupKey;
    this.document = document;
    this.updatedAtMillis = updatedAtMillis;
  }

  /** Replaces the document (a method of the entity, so woven change tracking sees it). */
  void replace(byte[] document, long updatedAtMillis) {
    this.document = document;
    this.updatedAtMillis = updatedAtMillis;
  }
}
