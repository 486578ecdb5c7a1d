package dev.tether.server.policy;

import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.ServerTime;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory view of each tenant's current root and online signing key, and the signed server time
 * handed out with heartbeats (re-signed at most once per {@link #TIME_RESOLUTION} per tenant, so
 * heartbeats cost no signature each). Invalidated after a root change commits on this instance; a
 * cached root is also trusted for at most {@link #MAX_AGE}, so a rotation made on another instance
 * sharing the database is picked up here within that time (per JVM, like {@link BundleTags}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TrustCache {
  /** How stale a cached signed server time may be. */
  public static final Duration TIME_RESOLUTION = Duration.ofSeconds(1);

  /** A tenant's current root, as stored. */
  public record Current(RootMetadata root, SignedBundle envelope) {}

  /** The online key used for signing now, with its delegation from the root. */
  public record Signer(Ed25519KeyPair key, RootMetadata.SigningKey delegation, long rootVersion) {}

  private record Stamp(SignedBundle signed, Instant at, String keyId) {}

  /** Longest time a cached root is used without asking the database (other instances' changes). */
  public static final Duration MAX_AGE = Duration.ofSeconds(5);

  private record Loaded(Current current, long loadedAtNanos) {}

  private final Map<String, Loaded> roots = new ConcurrentHashMap<>();
  private final Map<String, Stamp> times = new ConcurrentHashMap<>();

  @Inject TrustRepository repository;
  @Inject TenantKeys keys;

  /** The tenant's newest root, empty when it has none yet. */
  public Optional<Current> current(String tenant) {
    Loaded cached = roots.get(tenant);
    long now = System.nanoTime();
    if (cached != null && now - cached.loadedAtNanos() < MAX_AGE.toNanos()) {
      return Optional.of(cached.current());
    }
    Optional<Current> loaded = repository.latest(tenant).map(TrustCache::decode);
    loaded.ifPresent(c -> roots.put(tenant, new Loaded(c, now)));
    return loaded;
  }

  /**
   * The signing key to use now: delegated by the current root, not revoked, valid now, its file
   * present; the most recently delegated one when several qualify.
   */
  public Optional<Signer> signer(String tenant) {
    Optional<Current> current = current(tenant);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    RootMetadata root = current.get().root();
    Instant now = Instant.now();
    return root.signingKeys().stream()
        .filter(k -> k.isValidAt(now))
        .sorted(Comparator.comparing(RootMetadata.SigningKey::notBefore).reversed())
        .flatMap(
            k ->
                keys
                    .find(tenant, TenantKeys.Role.SIGNING, k.keyId())
                    .map(pair -> new Signer(pair, k, root.version()))
                    .stream())
        .findFirst();
  }

  /** The server's time signed by the current signing key; empty when the tenant has none. */
  public Optional<SignedBundle> serverTime(String tenant) {
    Instant now = Instant.now();
    Stamp stamp = times.get(tenant);
    Optional<Signer> signer = signer(tenant);
    if (signer.isEmpty()) {
      return Optional.empty();
    }
    String keyId = signer.get().delegation().keyId();
    if (stamp != null
        && stamp.keyId().equals(keyId)
        && Duration.between(stamp.at(), now).compareTo(TIME_RESOLUTION) < 0) {
      return Optional.of(stamp.signed());
    }
    SignedBundle signed = ServerTime.sign(signer.get().key(), tenant, now);
    times.put(tenant, new Stamp(signed, now, keyId));
    return Optional.of(signed);
  }

  /** Forgets the tenant's cached root and signed time. */
  public void invalidate(String tenant) {
    roots.remove(tenant);
    times.remove(tenant);
  }

  static Current decode(RootVersion row) {
    SignedBundle envelope = JsonCodec.read(row.envelope, SignedBundle.class);
    RootMetadata metadata =
        JsonCodec.read(
            java.util.Base64.getDecoder().decode(envelope.payload()), RootMetadata.class);
    return new Current(metadata, envelope);
  }
}
