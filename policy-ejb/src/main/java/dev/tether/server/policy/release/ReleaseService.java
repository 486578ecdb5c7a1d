package dev.tether.server.policy.release;

import dev.tether.core.bundle.AgentRelease;
import dev.tether.core.bundle.AgentReleaseVerifier;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.Identifiers;
import dev.tether.core.bundle.ReleaseVersion;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import dev.tether.server.policy.TetherException;
import dev.tether.server.policy.TrustCache;
import dev.tether.server.policy.TrustService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Publishes agent releases and serves the newest signed record of a platform.
 *
 * <p>Publishing checks that the version is strictly newer than the platform's last release (devices
 * refuse anything else), computes the artifact's size and SHA-256 from the file itself, assigns the
 * next release counter, and verifies a freshly signed record with the devices' own verifier before
 * storing it, so the server never publishes a record a device would refuse. Serving signs the
 * newest record with the tenant's current signing key and a day-aligned expiry ({@link
 * CurrentRelease#expiresAt}).
 */
@Stateless
public class ReleaseService {
  private static final System.Logger LOG = System.getLogger(ReleaseService.class.getName());

  /** Most releases the admin list returns. */
  public static final int MAX_LIST = 500;

  @Inject ReleaseRepository repository;
  @Inject TrustService trust;
  @Inject TrustCache trustCache;

  /**
   * Publishes a release of an artifact in {@link ReleaseArtifacts#directory()}.
   *
   * @throws TetherException INVALID for a malformed request, NOT_FOUND for an unknown tenant or a
   *     missing artifact, CONFLICT for a version not newer than the platform's last release
   */
  public ReleaseView publish(String tenant, ReleasePublication request, String actor) {
    return publish(tenant, request, actor, ReleaseArtifacts.directory());
  }

  ReleaseView publish(String tenant, ReleasePublication request, String actor, Path artifacts) {
    if (request == null) {
      throw invalid("body: ReleasePublication required");
    }
    String platform;
    ReleaseVersion version;
    String minimum = request.minimumVersion() == null ? "0.0.0" : request.minimumVersion();
    try {
      // Validation failures are the caller's (400), not container system exceptions.
      platform = Identifiers.require("release.platform", request.platform());
      version = ReleaseVersion.parse("release.version", request.version());
      ReleaseVersion.parse("release.minimumVersion", minimum);
      AgentRelease.requireFileName("release.artifact", request.artifact());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (request.note() != null && request.note().length() > 500) {
      throw invalid("release.note: at most 500 characters, got " + request.note().length());
    }
    if (!repository.lockTenant(tenant)) {
      throw new TetherException(
          TetherException.Kind.NOT_FOUND, "tenant: \"" + tenant + "\" does not exist");
    }
    Optional<AgentReleaseRecord> previous = repository.latest(tenant, platform);
    if (previous.isPresent()
        && !version.isNewerThan(ReleaseVersion.parse("stored", previous.get().version))) {
      throw new TetherException(
          TetherException.Kind.CONFLICT,
          "release.version: "
              + version
              + " is not newer than the last "
              + platform
              + " release "
              + previous.get().version
              + " (devices refuse downgrades; publish a higher version)");
    }
    Path file = ReleaseArtifacts.require(artifacts, request.artifact());
    ReleaseArtifacts.Digest digest = ReleaseArtifacts.digest(file);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    AgentReleaseRecord record =
        new AgentReleaseRecord(
            tenant,
            platform,
            version.toString(),
            previous.map(p -> p.releaseCounter + 1).orElse(1L),
            request.artifact(),
            digest.size(),
            digest.sha256(),
            minimum,
            now.toEpochMilli(),
            actor == null ? null : actor.substring(0, Math.min(200, actor.length())),
            request.note());
    AgentRelease release;
    try {
      release = toRelease(record, now);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    selfCheck(tenant, sign(tenant, release), platform);
    repository.persist(record);
    LOG.log(
        Level.INFO,
        "tenant {0}: agent release {1} {2} (counter {3}, {4}) published by {5}",
        tenant,
        platform,
        record.version,
        record.releaseCounter,
        record.sha256,
        actor);
    return ReleaseView.of(record);
  }

  /** The tenant's releases, newest first, at most {@link #MAX_LIST}. */
  public List<ReleaseView> list(String tenant) {
    return repository.list(tenant, MAX_LIST).stream().map(ReleaseView::of).toList();
  }

  /**
   * The newest signed release record of {@code platform} for the tenant; the envelope is empty when
   * {@code ifNoneMatch} names its ETag.
   *
   * @throws TetherException NOT_FOUND when the platform has no release (or the name is invalid)
   */
  public CurrentRelease current(String tenant, String platform, String ifNoneMatch) {
    AgentReleaseRecord record = latest(tenant, platform);
    byte[] envelope = JsonCodec.write(sign(tenant, toRelease(record, Instant.now())));
    String etag = CurrentRelease.etag(record.releaseCounter, Digests.sha256(envelope));
    return dev.tether.server.policy.CurrentBundle.matches(ifNoneMatch, etag)
        ? new CurrentRelease(etag, Optional.empty())
        : new CurrentRelease(etag, Optional.of(envelope));
  }

  /**
   * The artifact file of the platform's newest release, checked to still have the published size
   * (devices verify the SHA-256 themselves).
   */
  public Artifact artifact(String tenant, String platform) {
    AgentReleaseRecord record = latest(tenant, platform);
    Path file = ReleaseArtifacts.require(ReleaseArtifacts.directory(), record.artifact);
    try {
      if (java.nio.file.Files.size(file) != record.artifactSize) {
        throw new TetherException(
            TetherException.Kind.CONFLICT,
            "release.artifact: " + record.artifact + " changed size since it was published");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Artifact(file, record.artifactSize, record.sha256, record.releaseCounter);
  }

  /** An artifact to stream: its file, size, digest and release counter. */
  public record Artifact(Path file, long size, String sha256, long counter) {}

  private AgentReleaseRecord latest(String tenant, String platform) {
    if (!Identifiers.isValid(platform)) {
      throw new TetherException(
          TetherException.Kind.NOT_FOUND, "platform: \"" + platform + "\" has no release");
    }
    return repository
        .latest(tenant, platform)
        .orElseThrow(
            () ->
                new TetherException(
                    TetherException.Kind.NOT_FOUND,
                    "platform: " + platform + " has no release for this tenant"));
  }

  private SignedBundle sign(String tenant, AgentRelease release) {
    TrustCache.Signer signer = trust.signer(tenant);
    return release.sign(signer.key());
  }

  /** Fails if a device holding the current root would refuse the record. */
  private void selfCheck(String tenant, SignedBundle envelope, String platform) {
    try {
      AgentReleaseVerifier.create(platform, Clock.systemUTC())
          .verify(
              JsonCodec.write(envelope),
              RootVerifier.trust(
                  List.of(trustCache.current(tenant).orElseThrow().envelope()), tenant, null),
              0,
              null);
    } catch (BundleVerificationException e) {
      throw new IllegalStateException("release would be refused by devices: " + e.getMessage(), e);
    }
  }

  static AgentRelease toRelease(AgentReleaseRecord r, Instant now) {
    return new AgentRelease(
        AgentRelease.FORMAT,
        r.tenant,
        r.platform,
        r.version,
        r.releaseCounter,
        r.artifact,
        r.artifactSize,
        r.sha256,
        r.minimumVersion,
        Instant.ofEpochMilli(r.publishedAtMillis),
        CurrentRelease.expiresAt(now));
  }

  private static TetherException invalid(String message) {
    return new TetherException(TetherException.Kind.INVALID, message);
  }
}
