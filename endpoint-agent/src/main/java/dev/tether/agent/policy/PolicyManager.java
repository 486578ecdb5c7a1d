package dev.tether.agent.policy;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.StateDir;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.TrustRoot;
import dev.tether.core.bundle.VerifiedBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the active policy. A bundle becomes active only after {@link BundleVerifier} accepted it and
 * it was cached durably; the swap replaces the whole {@link ActivePolicy} at once. A failed
 * verification or cache write leaves the previous policy (and its ETag) in force.
 */
public final class PolicyManager {
  private static final System.Logger LOG = System.getLogger(PolicyManager.class.getName());

  private final StateDir dir;
  private final BundleVerifier verifier;
  private final Clock clock;
  private final AtomicReference<ActivePolicy> active = new AtomicReference<>();
  private final Runnable onChange;
  private volatile long acceptedVersion;

  public PolicyManager(
      StateDir dir, TrustRoot trustRoot, PolicyScope scope, Clock clock, Runnable onChange) {
    this.dir = dir;
    this.clock = clock;
    this.verifier = BundleVerifier.create(trustRoot, scope, clock);
    this.onChange = onChange == null ? () -> {} : onChange;
  }

  /**
   * Loads the cached last-known-good bundle, re-verifying it. A missing, modified or expired cache
   * leaves no policy (AI egress blocked) and is logged; it never throws for bad content.
   */
  public void loadCache() {
    try {
      byte[] envelope = Files.readAllBytes(dir.policyBundle());
      long version =
          Long.parseLong(
              Files.readString(dir.policyAcceptedVersion(), StandardCharsets.US_ASCII).trim());
      String etag = readEtag();
      VerifiedBundle bundle = verifier.verifyCached(envelope, version);
      acceptedVersion = version;
      active.set(new ActivePolicy(bundle, etag));
      LOG.log(System.Logger.Level.INFO, "policy cache loaded policyVersion={0}", version);
    } catch (NoSuchFileException e) {
      LOG.log(System.Logger.Level.INFO, "no cached policy ({0})", e.getFile());
    } catch (BundleVerificationException | IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cached policy rejected: {0}", e.getMessage());
    }
    readAcceptedVersionFloor();
    onChange.run();
  }

  /**
   * Verifies a downloaded envelope against the last accepted version, caches it atomically and
   * activates it.
   *
   * @throws BundleVerificationException if it does not verify; the previous policy stays
   * @throws IOException if it cannot be cached; the previous policy stays
   */
  public ActivePolicy accept(byte[] envelope, String etag)
      throws BundleVerificationException, IOException {
    // With no active policy (cache rejected) the same version may be fetched again; never older.
    long floor = active.get() == null ? Math.max(0, acceptedVersion - 1) : acceptedVersion;
    VerifiedBundle bundle = verifier.verifyUpdate(envelope, floor);
    AtomicFiles.write(dir.policyBundle(), envelope, AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(
        dir.policyAcceptedVersion(),
        Long.toString(bundle.version()).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(
        dir.policyEtag(),
        (etag == null ? "" : etag).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.OWNER_ONLY);
    ActivePolicy policy = new ActivePolicy(bundle, etag);
    acceptedVersion = bundle.version();
    active.set(policy);
    LOG.log(
        System.Logger.Level.INFO,
        "policy activated policyVersion={0} expiresAt={1}",
        bundle.version(),
        policy.expiresAt());
    onChange.run();
    return policy;
  }

  /** The active policy, verified, possibly expired. */
  public Optional<ActivePolicy> current() {
    return Optional.ofNullable(active.get());
  }

  /** The active policy only if it is still unexpired now: the only one the pipeline may use. */
  public Optional<ActivePolicy> enforceable() {
    ActivePolicy policy = active.get();
    return policy == null || policy.isExpired(clock.instant())
        ? Optional.empty()
        : Optional.of(policy);
  }

  public PolicyState state() {
    ActivePolicy policy = active.get();
    if (policy == null) {
      return PolicyState.NO_POLICY;
    }
    return policy.isExpired(clock.instant()) ? PolicyState.EXPIRED : PolicyState.ENFORCING;
  }

  /** The ETag to send: the active policy's, so a failed update is retried rather than skipped. */
  public String etag() {
    ActivePolicy policy = active.get();
    return policy == null ? null : policy.etag();
  }

  public long acceptedVersion() {
    return acceptedVersion;
  }

  private String readEtag() throws IOException {
    try {
      String etag = Files.readString(dir.policyEtag(), StandardCharsets.US_ASCII).trim();
      return etag.isEmpty() ? null : etag;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Even when the cached bundle is rejected, the recorded accepted version stays the floor: an
   * attacker deleting or corrupting the cache must not enable a rollback to an older bundle.
   */
  private void readAcceptedVersionFloor() {
    try {
      long recorded =
          Long.parseLong(
              Files.readString(dir.policyAcceptedVersion(), StandardCharsets.US_ASCII).trim());
      if (recorded > acceptedVersion) {
        acceptedVersion = recorded;
      }
    } catch (IOException | RuntimeException e) {
      // No floor recorded: first start.
    }
  }
}
