package dev.tether.server.policy;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory cache of the newest published version and ETag per group, so a bundle poll that matches
 * costs no query beyond authentication. Invalidated after each publish commits. (Per JVM: several
 * instances behind a load balancer would need a distributed invalidation.)
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
public class BundleTags {
  /** The newest version of a group and its quoted ETag. */
  public record Tag(long version, String etag) {}

  private final Map<String, Tag> latest = new ConcurrentHashMap<>();

  @Inject PolicyRepository repository;

  /** The newest published version of the group, empty when nothing is published. */
  public Optional<Tag> latest(String tenant, String group) {
    String key = DeviceGroup.key(tenant, group);
    Tag cached = latest.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Tag> loaded =
        repository.versions(tenant, group, 0, 1).stream()
            .findFirst()
            .map(v -> new Tag(v.version(), CurrentBundle.etag(v.version(), v.digest())));
    loaded.ifPresent(tag -> latest.merge(key, tag, (a, b) -> a.version() >= b.version() ? a : b));
    return loaded;
  }

  /** Forgets the cached tag of the group; the next read queries the database. */
  public void invalidate(String tenant, String group) {
    latest.remove(DeviceGroup.key(tenant, group));
  }
}
