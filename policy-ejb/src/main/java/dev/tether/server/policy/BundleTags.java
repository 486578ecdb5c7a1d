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
 * costs no query beyond authentication. Invalidated after each publish commits on this instance; an
 * entry is also re-read from the database once it is {@link #TTL} old, so an instance behind a load
 * balancer serves a version published through another instance within {@link #TTL} (one query per
 * group per {@link #TTL} per instance).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
public class BundleTags {
  /** The newest version of a group and its quoted ETag. */
  public record Tag(long version, String etag) {}

  /** Longest time a version published through another instance stays unseen here. */
  public static final java.time.Duration TTL = java.time.Duration.ofSeconds(5);

  private record Cached(Tag tag, long loadedAtNanos) {}

  private final Map<String, Cached> latest = new ConcurrentHashMap<>();

  @Inject PolicyRepository repository;

  /** The newest published version of the group, empty when nothing is published. */
  public Optional<Tag> latest(String tenant, String group) {
    String key = DeviceGroup.key(tenant, group);
    Cached cached = latest.get(key);
    long now = System.nanoTime();
    if (cached != null && now - cached.loadedAtNanos() < TTL.toNanos()) {
      return Optional.of(cached.tag());
    }
    Optional<Tag> loaded =
        repository.versions(tenant, group, 0, 1).stream()
            .findFirst()
            .map(v -> new Tag(v.version(), CurrentBundle.etag(v.version(), v.digest())));
    loaded.ifPresent(
        tag ->
            latest.merge(
                key,
                new Cached(tag, now),
                (a, b) -> a.tag().version() > b.tag().version() ? a : b));
    return loaded;
  }

  /** Forgets the cached tag of the group; the next read queries the database. */
  public void invalidate(String tenant, String group) {
    latest.remove(DeviceGroup.key(tenant, group));
  }
}
