package dev.tether.server.policy.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A server-side admin session. Keyed by the SHA-256 of the random session id (the id itself lives
 * only in the browser's cookie); holds the principal as it was at sign-in, so any change to the
 * account's roles or password deletes the row.
 */
@Entity
@Table(name = "ADMIN_SESSION", indexes = @Index(columnList = "principalName"))
class AdminSession {
  @Id
  @Column(length = 80)
  String idHash;

  @Column(length = 200, nullable = false)
  String principalName;

  @Column(length = 16, nullable = false)
  String kind;

  @Column(length = Grants.MAX_CHARS, nullable = false)
  String grants;

  @Column(length = 64, nullable = false)
  String csrfToken;

  long openedAt;
  long lastSeenAt;

  /** Records use (a method of the entity, so that change tracking sees it). */
  void touch(long now) {
    this.lastSeenAt = now;
  }

  protected AdminSession() {}

  AdminSession(String idHash, AdminPrincipal principal, String csrfToken, long now) {
    this.idHash = idHash;
    this.principalName = principal.name();
    this.kind = principal.kind().name();
    this.grants = Grants.encode(principal.grants());
    this.csrfToken = csrfToken;
    this.openedAt = now;
    this.lastSeenAt = now;
  }

  AdminPrincipal principal() {
    return new AdminPrincipal(principalName, PrincipalKind.valueOf(kind), Grants.decode(grants));
  }
}
