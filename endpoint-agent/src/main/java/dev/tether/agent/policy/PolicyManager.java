package dev.tether.agent.policy;

import dev.tether.agent.config.StateDir;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.BundleVerifier;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedBundle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the policy in force and the agent's {@link PolicyState}. A bundle becomes active only after
 * {@link BundleVerifier} accepted it against the version floor and it was cached durably; the swap
 * replaces the whole {@link ActivePolicy} at once. A failed verification or cache write leaves the
 * previous policy (and its ETag) in force. All time checks use the {@link TrustedClock}.
 *
 * <p>Every state transition, rejected cache and integrity failure is audited (layer AGENT).
 */
public final class PolicyManager {
  private static final System.Logger LOG = System.getLogger(PolicyManager.class.getName());

  /** Without a successful refresh for this long, the agent is in GRACE even if no poll failed. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

  /**
   * @param staleAfter see {@link #DEFAULT_STALE_AFTER}
   * @param auditSink where AGENT audit records go, or {@code null} (tests)
   * @param deviceId stamped on audit records
   */
  public record Options(Duration staleAfter, PolicyAudit.Sink auditSink, String deviceId) {
    public Options {
      staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
    }
  }

  private final BundleVerifier verifier;
  private final AtomicReference<TrustedRoot> trustRoot = new AtomicReference<>();
  private volatile long rootFloor;
  private final TrustedClock clock;
  private final TrustFloors floors;
  private final PolicyCache cache;
  private final PolicyAudit audit;
  private final Runnable onChange;
  private final AtomicReference<ActivePolicy> active = new AtomicReference<>();
  private final AtomicReference<String> sealedDigest = new AtomicReference<>();
  private volatile String cacheProblem;
  private volatile long announcedVersion;
  private final StateTracker tracker;

  public PolicyManager(
      StateDir dir, TrustedRoot trustRoot, PolicyScope scope, Clock clock, Runnable onChange) {
    this(
        dir,
        trustRoot,
        scope,
        clock instanceof TrustedClock trusted ? trusted : new TrustedClock(clock, System::nanoTime),
        new Options(null, null, null),
        onChange);
  }

  public PolicyManager(
      StateDir dir,
      TrustedRoot trustRoot,
      PolicyScope scope,
      TrustedClock clock,
      Options options,
      Runnable onChange) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifier = BundleVerifier.create(scope, clock);
    this.trustRoot.set(Objects.requireNonNull(trustRoot, "trustRoot"));
    this.floors = new TrustFloors(dir);
    this.cache = new PolicyCache(dir);
    this.audit = new PolicyAudit(options.auditSink(), options.deviceId(), clock);
    this.onChange = onChange == null ? () -> {} : onChange;
    this.tracker = new StateTracker(active::get, clock, options.staleAfter(), audit, this.onChange);
  }

  /**
   * Loads the trust floors and the cached last-known-good bundle, re-verifying it in full
   * (signature, scope, version not below the floor, expiry). A modified, truncated, swapped or
   * expired cache is rejected, reported ({@link PolicyStatus#cacheProblem()}) and audited; it never
   * throws for bad content.
   */
  public void loadCache() {
    boolean floorsIntact = floors.load();
    floors.timeFloor().ifPresent(clock::observe);
    tracker.restoreLastSync(floors.lastSync().orElse(null));
    cacheProblem = null;
    if (!floorsIntact) {
      reject("trust floor rejected, cache not used: " + floors.problem());
    } else {
      try {
        Optional<PolicyCache.Entry> entry = cache.read();
        if (entry.isPresent()) {
          VerifiedBundle bundle = verify(entry.get().envelope(), floors.version() - 1);
          floors.raiseVersion(bundle.version());
          clock.observe(bundle.payload().issuedAt());
          activate(bundle, entry.get().etag());
          LOG.log(
              System.Logger.Level.INFO, "policy cache loaded policyVersion={0}", bundle.version());
        } else {
          LOG.log(System.Logger.Level.INFO, "no cached policy");
        }
      } catch (BundleVerificationException | IOException | RuntimeException e) {
        reject("cached policy rejected: " + e.getMessage());
      }
    }
    evaluate("started");
    onChange.run();
  }

  private void reject(String problem) {
    cacheProblem = problem;
    LOG.log(System.Logger.Level.ERROR, "{0}", problem);
    audit.rejected("policy_cache_rejected", floors.version(), problem);
  }

  /**
   * Verifies a downloaded envelope against the version floor, caches it atomically, raises the
   * floor and activates it. The exact envelope already in force is a successful refresh, not a
   * rollback.
   *
   * @throws BundleVerificationException if it does not verify; the previous policy stays
   * @throws IOException if it cannot be cached; the previous policy stays
   */
  public synchronized ActivePolicy accept(byte[] envelope, String etag)
      throws BundleVerificationException, IOException {
    ActivePolicy current = active.get();
    long floor = floors.version();
    // With no active policy (cache lost or rejected) the floor version itself may be fetched
    // again; never an older one.
    long newerThan = current == null ? floor - 1 : floor;
    VerifiedBundle bundle;
    try {
      bundle = verify(envelope, newerThan);
    } catch (BundleVerificationException e) {
      if (current != null
          && dev.tether.core.crypto.Digests.sha256(envelope).equals(sealedDigest.get())) {
        refreshed();
        return current;
      }
      throw e;
    }
    cache.write(envelope, etag);
    floors.raiseVersion(bundle.version());
    clock.observe(bundle.payload().issuedAt());
    ActivePolicy policy = activate(bundle, etag);
    LOG.log(
        System.Logger.Level.INFO,
        "policy activated policyVersion={0} expiresAt={1}",
        bundle.version(),
        policy.expiresAt());
    cacheProblem = null;
    refreshed();
    return policy;
  }

  /**
   * Verifies against the current trusted root; refuses while that root is older than the highest
   * root version this device ever trusted (a swapped-in older root).
   */
  private VerifiedBundle verify(byte[] envelope, long newerThan)
      throws BundleVerificationException {
    TrustedRoot root = trustRoot.get();
    if (root.version() < rootFloor) {
      throw new BundleVerificationException(
          BundleVerificationException.Reason.ROOT_ROLLBACK,
          "trusted root version "
              + root.version()
              + " is below the root version floor "
              + rootFloor
              + " (waiting for a root update from the server)");
    }
    // The clock is the trusted clock: the signed-time floor is already part of it.
    return verifier.verifyUpdate(envelope, root, newerThan, null);
  }

  /** The root bundles are verified against. */
  public TrustedRoot root() {
    return trustRoot.get();
  }

  /**
   * Switches to a newer root (after {@link RootTrust#update}) and records the root version floor.
   * The policy in force stays; the next download is verified against the new root.
   */
  public void rootUpdated(TrustedRoot root, long floor) {
    trustRoot.set(Objects.requireNonNull(root, "root"));
    rootFloor = floor;
    onChange.run();
  }

  /**
   * Verifies a signed server time (heartbeat) against the current root and raises the trusted
   * clock's floor with it. An unverifiable time is ignored (logged), never applied.
   *
   * @return true if it verified
   */
  public boolean acceptServerTime(dev.tether.core.bundle.SignedBundle signedTime) {
    try {
      clock.observe(dev.tether.core.bundle.ServerTime.verify(signedTime, trustRoot.get()));
      return true;
    } catch (BundleVerificationException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "server time rejected: {0}", e.getMessage());
      return false;
    }
  }

  private ActivePolicy activate(VerifiedBundle bundle, String etag) {
    ActivePolicy policy = new ActivePolicy(bundle, etag);
    sealedDigest.set(bundle.envelopeDigest());
    active.set(policy);
    return policy;
  }

  /**
   * A refresh succeeded (new bundle, or {@code 304} confirming the one in force). If a verified
   * announcement names a newer version than the one in force, the refresh still counts as failing
   * (the server or a man in the middle keeps serving an old bundle).
   */
  public void refreshed() {
    ActivePolicy policy = active.get();
    long version = policy == null ? 0 : policy.version();
    if (announcedVersion > version) {
      refreshFailed(
          "server announced policy version " + announcedVersion + " but serves version " + version);
      return;
    }
    Instant now = clock.instant();
    tracker.synced(now);
    try {
      floors.saveLastSync(now);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot persist last sync: {0}", e.getMessage());
    }
    persistTimeFloor();
    evaluate("refresh succeeded");
    onChange.run();
  }

  /** Saves the verified-time floor so a restart with the clock set back keeps it. */
  private void persistTimeFloor() {
    Instant floor = clock.floor();
    if (floor == null) {
      return;
    }
    try {
      floors.saveTimeFloor(floor);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot persist time floor: {0}", e.getMessage());
    }
  }

  /** A refresh failed; the last verified policy stays in force through GRACE. */
  public void refreshFailed(String error) {
    tracker.failed(error);
    persistTimeFloor();
    evaluate("refresh failing: " + tracker.refreshError());
    onChange.run();
  }

  /** Audits a downloaded bundle that was rejected (rollback, bad signature, wrong scope...). */
  public void downloadRejected(String why) {
    audit.rejected("policy_bundle_rejected", floors.version(), why);
  }

  /**
   * Records the newest version the server announced (heartbeat).
   *
   * @return true if it is newer than the policy in force (the caller should poll now)
   */
  public boolean announce(long latestVersion) {
    if (latestVersion > announcedVersion) {
      announcedVersion = latestVersion;
    }
    ActivePolicy policy = active.get();
    return latestVersion > (policy == null ? 0 : policy.version());
  }

  /** The last verified policy, regardless of state (scope decisions, status). */
  public Optional<ActivePolicy> current() {
    return Optional.ofNullable(active.get());
  }

  /**
   * The policy each request must be decided under, read once per request: empty without a verified
   * policy; marked {@link ActivePolicy#fallback()} in FALLBACK. Confirms first that the policy in
   * force is still the one that verified (digest recorded at verification).
   *
   * @throws SecurityException if it is not (the request is then blocked)
   */
  public Optional<ActivePolicy> enforceable() {
    ActivePolicy policy = active.get();
    if (policy == null) {
      evaluate(null);
      return Optional.empty();
    }
    if (!policy.bundle().envelopeDigest().equals(sealedDigest.get())) {
      audit.rejected(
          "policy_integrity", policy.version(), "policy in force is not the verified one");
      throw new SecurityException("policy in force is not the verified one");
    }
    PolicyState state = evaluate(null);
    return Optional.of(state == PolicyState.FALLBACK ? policy.inFallback() : policy);
  }

  /** The state now. */
  public PolicyState state() {
    return evaluate(null);
  }

  /** A snapshot for {@code status} and heartbeats. */
  public PolicyStatus status() {
    ActivePolicy policy = active.get();
    PolicyState state = evaluate(null);
    Instant graceEnd =
        policy == null ? null : StateRules.graceEnd(policy, tracker.syncReference(policy));
    return new PolicyStatus(
        state,
        policy == null ? null : policy.name(),
        policy == null ? 0 : policy.version(),
        policy == null ? null : policy.expiresAt(),
        tracker.lastSync(),
        graceEnd,
        state == PolicyState.GRACE ? Duration.between(clock.instant(), graceEnd) : null,
        floors.version(),
        tracker.refreshError(),
        cacheProblem,
        clock.localSkew());
  }

  /** The ETag to send: the active policy's, so a failed update is retried rather than skipped. */
  public String etag() {
    ActivePolicy policy = active.get();
    return policy == null ? null : policy.etag();
  }

  /** The highest version ever applied (the anti-rollback floor). */
  public long acceptedVersion() {
    return floors.version();
  }

  private PolicyState evaluate(String cause) {
    return tracker.evaluate(cause);
  }
}
