package dev.tether.server.policy.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API token: only its SHA-256 is stored; scoped grants, expiry, revocation. */
@Entity
@Table(name = "ADMIN_API_TOKEN")
class ApiToken {
  @Id
  @Column(length = 40)
  String id;

  @Column(length = 80, nullable = false, unique = true)
  String tokenHash;

  @Column(length = 200, nullable = false)
  String name;

  @Column(length = 200, nullable = false)
  String owner;

  @Column(length = Grants.MAX_CHARS, nullable = false)
  String grants;

  long createdAt;
  long expiresAt;
  Long revokedAt;

  @Column(length = 200)
  String revokedBy;

  Long lastUsedAt;

  /** Marks the token revoked (a method of the entity, so that change tracking sees it). */
  void revoke(long now, String by) {
    this.revokedAt = now;
    this.revokedBy = by;
  }

  void touch(long now) {
    this.lastUsedAt = now;
  }

  protected ApiToken() {}

  ApiToken(
      String id,
      String tokenHash,
      String name,
      String owner,
      String grants,
      long now,
      long expiresAt) {
    this.id = id;
    this.tokenHash = tokenHash;
    this.name = name;
    this.owner = owner;
    this.grants = grants;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  ApiTokenView view() {
    return new ApiTokenView(
        id,
        name,
        owner,
        Grants.decode(grants),
        java.time.Instant.ofEpochMilli(createdAt),
        java.time.Instant.ofEpochMilli(expiresAt),
        revokedAt == null ? null : java.time.Instant.ofEpochMilli(revokedAt),
        lastUsedAt == null ? null : java.time.Instant.ofEpochMilli(lastUsedAt));
  }
}
