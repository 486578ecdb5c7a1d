package dev.tether.server.policy.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A local admin account: name, Argon2id hash, role grants. Never leaves this package. */
@Entity
@Table(name = "ADMIN_ACCOUNT")
class AdminAccount {
  @Id
  @Column(length = 64)
  String username;

  @Column(length = 256, nullable = false)
  String passwordHash;

  @Column(length = Grants.MAX_CHARS, nullable = false)
  String grants;

  boolean disabled;
  long createdAt;

  @Column(length = 200)
  String createdBy;

  long passwordChangedAt;

  @Version long version;

  // Changes go through methods of the entity itself: EclipseLink's woven change tracking does not
  // see field writes made from other classes, and such a change would silently not be stored.
  void changePassword(String hash, long now) {
    this.passwordHash = hash;
    this.passwordChangedAt = now;
  }

  void changeGrants(String encoded) {
    this.grants = encoded;
  }

  void disable() {
    this.disabled = true;
  }

  protected AdminAccount() {}

  AdminAccount(String username, String passwordHash, String grants, long now, String createdBy) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.grants = grants;
    this.createdAt = now;
    this.passwordChangedAt = now;
    this.createdBy = createdBy;
  }
}
