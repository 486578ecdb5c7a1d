package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer organisation; owns groups, devices and a signing key. */
@Entity
@Table(name = "TETHER_TENANT")
public class Tenant {
  @Id
  @Column(length = 63)
  String id;

  @Column(nullable = false, length = 200)
  String name;

  long createdAtMillis;

  protected Tenant() {}

  Tenant(String id, String name, long createdAtMillis) {
    this.id = id;
    this.name = name;
    this.createdAtMillis = createdAtMillis;
  }
}
