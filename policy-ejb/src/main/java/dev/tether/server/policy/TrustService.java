package dev.tether.server.policy;

import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's root of trust: creating it, rotating and revoking signing keys, rotating the root
 * keys, and serving the root chain to devices. Every change is a new root version signed by a
 * threshold of the previous root's keys and of its own (checked with {@link RootVerifier} before it
 * is stored, so the server never publishes a root a device would refuse). Key files follow the
 * transaction: files created for a change that rolls back are destroyed; retired ones are destroyed
 * only after the change committed.
 */
@Stateless
public class TrustService {
  private static final System.Logger LOG = System.getLogger(TrustService.class.getName());

  @Inject TrustRepository repository;
  @Inject TenantKeys keys;
  @Inject TrustCache cache;

  @Resource TransactionSynchronizationRegistry transactions;

  /** Creates root version 1 for a new tenant: n root keys (threshold k) and one signing key. */
  public RootChange createRoot(String tenant, String actor) {
    TrustSettings settings = TrustSettings.load();
    List<Ed25519KeyPair> rootKeys = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < settings.rootKeys(); i++) {
      rootKeys.add(keys.generate(tenant, TenantKeys.Role.ROOT));
    }
    rootKeys.forEach(k -> created.add("root:" + k.publicKey().keyId()));
    Ed25519KeyPair signing = keys.generate(tenant, TenantKeys.Role.SIGNING);
    created.add("signing:" + signing.publicKey().keyId());
    Instant now = now();
    RootMetadata v1 =
        new RootMetadata(
            RootMetadata.FORMAT,
            tenant,
            1,
            now,
            settings.rootThreshold(),
            rootKeys.stream().map(k -> RootMetadata.RootKey.of(k.publicKey())).toList(),
            List.of(delegate(signing, now, settings)),
            List.of());
    return store(null, v1, rootKeys, created, List.of(), actor, "tenant created");
  }

  /** Makes sure the tenant has a root (tenants created before key management get one now). */
  public void ensureRoot(String tenant) {
    if (cache.current(tenant).isPresent()) {
      return;
    }
    repository
        .lockTenant(tenant)
        .orElseThrow(() -> TetherException.notFound("tenant: \"" + tenant + "\" does not exist"));
    if (repository.latest(tenant).isEmpty()) {
      createRoot(tenant, "system");
    }
  }

  /**
   * The signing key to use now.
   *
   * @throws TetherException CONFLICT when no delegated signing key is valid (rotate the key)
   */
  public TrustCache.Signer signer(String tenant) {
    ensureRoot(tenant);
    return cache
        .signer(tenant)
        .orElseThrow(
            () ->
                TetherException.conflict(
                    "signing key: tenant "
                        + tenant
                        + " has no valid signing key on this server; rotate the signing key"));
  }

  /**
   * Root versions after {@code after}, oldest first, at most {@link RootVerifier#MAX_CHAIN_LENGTH}.
   */
  public List<SignedBundle> chain(String tenant, long after) {
    ensureRoot(tenant);
    return repository.after(tenant, Math.max(0, after), RootVerifier.MAX_CHAIN_LENGTH).stream()
        .map(row -> TrustCache.decode(row).envelope())
        .toList();
  }

  /** The chain a newly enrolling device gets: the newest roots, oldest first, ending at current. */
  public List<SignedBundle> enrollmentChain(String tenant) {
    ensureRoot(tenant);
    long current = currentVersion(tenant);
    return chain(tenant, Math.max(0, current - RootVerifier.MAX_CHAIN_LENGTH));
  }

  /** Most root versions {@link #history} lists. */
  public static final int MAX_HISTORY = 10_000;

  /**
   * Every stored root version of the tenant, oldest first (key creation, rotations, revocations),
   * with who wrote it and why; at most {@link #MAX_HISTORY}.
   */
  public List<RootHistoryEntry> history(String tenant) {
    ensureRoot(tenant);
    return repository.after(tenant, 0, MAX_HISTORY).stream()
        .map(
            row ->
                new RootHistoryEntry(
                    row.version,
                    Instant.ofEpochMilli(row.createdAtMillis),
                    row.actor,
                    row.note,
                    row.fingerprint,
                    TrustCache.decode(row).root()))
        .toList();
  }

  /** The tenant's current root version, 0 when it has none. */
  public long currentVersion(String tenant) {
    return cache.current(tenant).map(c -> c.root().version()).orElse(0L);
  }

  /** The tenant's keys, public parts only. */
  public KeyRing keyRing(String tenant) {
    ensureRoot(tenant);
    RootMetadata root = current(tenant);
    String signing = cache.signer(tenant).map(s -> s.delegation().keyId()).orElse(null);
    return new KeyRing(
        tenant,
        root.version(),
        root.fingerprint(),
        root.rootThreshold(),
        root.rootKeys().stream()
            .map(
                k ->
                    new KeyRing.RootKeyView(
                        k.keyId(),
                        k.publicKey(),
                        keys.present(tenant, TenantKeys.Role.ROOT, k.keyId())))
            .toList(),
        root.signingKeys().stream()
            .map(
                k ->
                    new KeyRing.SigningKeyView(
                        k.keyId(),
                        k.publicKey(),
                        k.notBefore(),
                        k.notAfter(),
                        k.keyId().equals(signing),
                        keys.present(tenant, TenantKeys.Role.SIGNING, k.keyId())))
            .toList(),
        root.revokedKeyIds());
  }

  /**
   * Delegates a new signing key (which signs from now on); earlier keys stay valid until expiry.
   */
  public RootChange rotateSigningKey(String tenant, String actor, String note) {
    RootMetadata previous = lockedCurrent(tenant);
    return rotate(tenant, previous, actor, note);
  }

  /**
   * The scheduled rotation ({@link SigningKeyRotation}): rotates only if the tenant's newest
   * delegated signing key became valid at least {@code age} ago (re-checked under the root lock),
   * in a transaction fenced by the job's lease {@code grant}.
   *
   * @return true if a new key was delegated
   */
  public boolean rotateIfOlder(
      String tenant, java.time.Duration age, dev.tether.server.cluster.LeaseGrant grant) {
    repository.fence(grant);
    RootMetadata previous = lockedCurrent(tenant);
    Instant newest =
        live(previous).stream()
            .map(RootMetadata.SigningKey::notBefore)
            .max(Comparator.naturalOrder())
            .orElse(Instant.EPOCH);
    if (!SigningKeyRotation.due(newest, age, now())) {
      return false;
    }
    rotate(tenant, previous, "system", "scheduled signing key rotation");
    return true;
  }

  private RootChange rotate(String tenant, RootMetadata previous, String actor, String note) {
    Ed25519KeyPair signing = keys.generate(tenant, TenantKeys.Role.SIGNING);
    List<RootMetadata.SigningKey> delegated = new ArrayList<>(live(previous));
    while (delegated.size() >= RootMetadata.MAX_SIGNING_KEYS) {
      delegated.remove(0);
    }
    delegated.add(delegate(signing, now(), TrustSettings.load()));
    RootMetadata next =
        next(
            previous,
            previous.rootThreshold(),
            previous.rootKeys(),
            delegated,
            previous.revokedKeyIds());
    return store(
        previous,
        next,
        availableRootKeys(tenant, previous),
        List.of("signing:" + signing.publicKey().keyId()),
        List.of(),
        actor,
        note == null ? "signing key rotated" : note);
  }

  /**
   * Revokes a signing key: removed from the delegation, listed as revoked, its file destroyed. When
   * no other valid key remains a new one is delegated in the same root version.
   *
   * @throws TetherException NOT_FOUND if the tenant's root does not delegate {@code keyId}
   */
  public RootChange revokeSigningKey(String tenant, String keyId, String actor, String note) {
    RootMetadata previous = lockedCurrent(tenant);
    if (previous.signingKey(keyId).isEmpty()) {
      throw TetherException.notFound(
          "keyId: \"" + keyId + "\" is not a signing key of tenant " + tenant);
    }
    List<RootMetadata.SigningKey> delegated =
        new ArrayList<>(live(previous).stream().filter(k -> !k.keyId().equals(keyId)).toList());
    List<String> created = new ArrayList<>();
    Instant now = now();
    boolean usable =
        delegated.stream()
            .anyMatch(
                k -> k.isValidAt(now) && keys.present(tenant, TenantKeys.Role.SIGNING, k.keyId()));
    if (!usable) {
      Ed25519KeyPair replacement = keys.generate(tenant, TenantKeys.Role.SIGNING);
      created.add("signing:" + replacement.publicKey().keyId());
      delegated.add(delegate(replacement, now, TrustSettings.load()));
    }
    List<String> revoked = new ArrayList<>(previous.revokedKeyIds());
    revoked.add(keyId);
    while (revoked.size() > RootMetadata.MAX_REVOKED) {
      revoked.remove(0);
    }
    RootMetadata next =
        next(previous, previous.rootThreshold(), previous.rootKeys(), delegated, revoked);
    return store(
        previous,
        next,
        availableRootKeys(tenant, previous),
        created,
        List.of("signing:" + keyId),
        actor,
        note == null ? "signing key " + keyId + " revoked" : note);
  }

  /**
   * Replaces the root keys: {@code count} new keys with threshold {@code threshold} (configured
   * defaults when null). The new root is signed by a threshold of the old keys and all new ones;
   * the old root key files are destroyed after commit. Devices walk to it without re-enrolling.
   */
  public RootChange rotateRoot(
      String tenant, Integer count, Integer threshold, String actor, String note) {
    TrustSettings defaults = TrustSettings.load();
    TrustSettings wanted =
        new TrustSettings(
            count == null ? defaults.rootKeys() : count,
            threshold == null ? defaults.rootThreshold() : threshold,
            defaults.signingValidity());
    RootMetadata previous = lockedCurrent(tenant);
    List<Ed25519KeyPair> oldKeys = availableRootKeys(tenant, previous);
    List<Ed25519KeyPair> newKeys = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < wanted.rootKeys(); i++) {
      Ed25519KeyPair key = keys.generate(tenant, TenantKeys.Role.ROOT);
      newKeys.add(key);
      created.add("root:" + key.publicKey().keyId());
    }
    RootMetadata next =
        next(
            previous,
            wanted.rootThreshold(),
            newKeys.stream().map(k -> RootMetadata.RootKey.of(k.publicKey())).toList(),
            live(previous),
            previous.revokedKeyIds());
    List<Ed25519KeyPair> signers = new ArrayList<>(oldKeys);
    signers.addAll(newKeys);
    List<String> retired = previous.rootKeys().stream().map(k -> "root:" + k.keyId()).toList();
    return store(
        previous, next, signers, created, retired, actor, note == null ? "root rotated" : note);
  }

  private RootChange store(
      RootMetadata previous,
      RootMetadata next,
      List<Ed25519KeyPair> signers,
      List<String> created,
      List<String> retired,
      String actor,
      String note) {
    String tenant = next.tenant();
    afterCompletion(tenant, created, retired);
    SignedBundle envelope = RootSigner.sign(next, previous, signers);
    try {
      if (previous == null) {
        RootVerifier.trust(List.of(envelope), tenant, null);
      } else {
        RootVerifier.update(
            RootVerifier.trust(
                List.of(cache.current(tenant).orElseThrow().envelope()), tenant, null),
            List.of(envelope));
      }
    } catch (BundleVerificationException e) {
      throw new IllegalStateException("new root would be refused by devices: " + e.getMessage(), e);
    }
    repository.persist(
        new RootVersion(
            tenant,
            next.version(),
            JsonCodec.write(envelope),
            next.fingerprint(),
            Instant.now().toEpochMilli(),
            bounded(actor, 200),
            bounded(note, 500)));
    cache.invalidate(tenant);
    String signing =
        next.signingKeys().stream()
            .filter(k -> k.isValidAt(Instant.now()))
            .max(java.util.Comparator.comparing(RootMetadata.SigningKey::notBefore))
            .map(RootMetadata.SigningKey::keyId)
            .orElse(null);
    LOG.log(
        Level.INFO,
        "tenant {0}: root version {1} ({2}) by {3}: {4}",
        tenant,
        next.version(),
        next.fingerprint(),
        actor,
        note);
    return new RootChange(next.version(), next.fingerprint(), signing);
  }

  private void afterCompletion(String tenant, List<String> created, List<String> retired) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            cache.invalidate(tenant);
            List<String> doomed = status == Status.STATUS_COMMITTED ? retired : created;
            for (String entry : new LinkedHashSet<>(doomed)) {
              int colon = entry.indexOf(':');
              TenantKeys.Role role =
                  entry.startsWith("root:") ? TenantKeys.Role.ROOT : TenantKeys.Role.SIGNING;
              try {
                keys.destroy(tenant, role, entry.substring(colon + 1));
              } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "tenant {0}: cannot destroy key {1}", tenant, entry, e);
              }
            }
          }
        });
  }

  private RootMetadata current(String tenant) {
    return cache
        .current(tenant)
        .orElseThrow(() -> TetherException.notFound("tenant: \"" + tenant + "\" has no root"))
        .root();
  }

  private RootMetadata lockedCurrent(String tenant) {
    repository
        .lockTenant(tenant)
        .orElseThrow(() -> TetherException.notFound("tenant: \"" + tenant + "\" does not exist"));
    if (repository.latest(tenant).isEmpty()) {
      createRoot(tenant, "system");
    }
    cache.invalidate(tenant);
    return current(tenant);
  }

  /** The previous root's keys whose files are present; at least its threshold, else CONFLICT. */
  private List<Ed25519KeyPair> availableRootKeys(String tenant, RootMetadata root) {
    List<Ed25519KeyPair> available = new ArrayList<>();
    for (RootMetadata.RootKey key : root.rootKeys()) {
      Optional<Ed25519KeyPair> pair = keys.find(tenant, TenantKeys.Role.ROOT, key.keyId());
      pair.ifPresent(available::add);
    }
    if (available.size() < root.rootThreshold()) {
      throw TetherException.conflict(
          "root keys: "
              + available.size()
              + " of the "
              + root.rootThreshold()
              + " required root keys of tenant "
              + tenant
              + " are present in "
              + keys.directory(tenant, TenantKeys.Role.ROOT)
              + "; bring the offline root key files back to sign");
    }
    return available;
  }

  /** Signing keys still worth listing: not yet expired. */
  private static List<RootMetadata.SigningKey> live(RootMetadata root) {
    Instant now = Instant.now();
    return root.signingKeys().stream().filter(k -> k.notAfter().isAfter(now)).toList();
  }

  private static RootMetadata next(
      RootMetadata previous,
      int threshold,
      List<RootMetadata.RootKey> rootKeys,
      List<RootMetadata.SigningKey> signingKeys,
      List<String> revoked) {
    return new RootMetadata(
        RootMetadata.FORMAT,
        previous.tenant(),
        previous.version() + 1,
        now(),
        threshold,
        rootKeys,
        signingKeys,
        revoked);
  }

  /** Valid from a little before now, so devices whose clock lags still accept its bundles. */
  private static RootMetadata.SigningKey delegate(
      Ed25519KeyPair key, Instant now, TrustSettings settings) {
    return RootMetadata.SigningKey.of(
        key.publicKey(),
        now.minus(BundleVerifier.MAX_CLOCK_SKEW),
        now.plus(settings.signingValidity()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String bounded(String value, int max) {
    if (value == null) {
      return null;
    }
    return value.length() <= max ? value : value.substring(0, max);
  }
}
