package dev.tether.server.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A set of devices sharing one policy. Its row is the lock taken when publishing, so versions of
 * one group are numbered one at a time.
 */
@Entity
@Table(name = "TETHER_DEVICE_GROUP")
public class DeviceGroup {
  /** {@code tenant/group}. */
  @Id
  @Column(name = "GROUP_KEY", length = 127)
  String key;

  @Column(nullable = false, length = 63)
  String tenant;

  @Column(nullable = false, length = 63)
  String groupId;

  @Column(nullable = false, length = 200)
  String name;

  protected DeviceGroup() {}

  DeviceGroup(String tenant, String groupId, String name) {
    this.key = key(tenant, groupId);
    this.tenant = tenant;
    this.groupId = groupId;
    this.name = name;
  }

  static String key(String tenant, String group) {
    return tenant + "/" + group;
  }
}
