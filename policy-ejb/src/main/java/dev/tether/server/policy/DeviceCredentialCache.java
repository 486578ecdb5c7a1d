package dev.tether.server.policy;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently authenticated device credentials (by hash) and their identity, so an agent poll that
 * ends in 304 is answered from memory. Only successful lookups are cached, each for at most {@link
 * #TTL}; at most {@link #MAX_ENTRIES} are kept (the map is emptied when full, so memory stays
 * bounded). A removed device or a replaced credential is therefore honoured within {@link #TTL};
 * code that removes devices calls {@link #invalidateAll()} to make it immediate. (Per JVM.)
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DeviceCredentialCache {
  /** Longest time a cached credential is trusted without a database lookup. */
  public static final Duration TTL = Duration.ofSeconds(30);

  /** Most credentials kept. */
  public static final int MAX_ENTRIES = 100_000;

  private record Entry(DeviceIdentity identity, long loadedAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The identity cached for this credential hash, if loaded less than {@link #TTL} ago. */
  public Optional<DeviceIdentity> get(String credentialHash) {
    Entry entry = entries.get(credentialHash);
    if (entry == null) {
      return Optional.empty();
    }
    if (System.nanoTime() - entry.loadedAtNanos() >= TTL.toNanos()) {
      entries.remove(credentialHash, entry);
      return Optional.empty();
    }
    return Optional.of(entry.identity());
  }

  /** Remembers a successful lookup. */
  public void put(String credentialHash, DeviceIdentity identity) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(credentialHash, new Entry(identity, System.nanoTime()));
  }

  /** Forgets every cached credential (after a device is removed or its credential replaced). */
  public void invalidateAll() {
    entries.clear();
  }
}
