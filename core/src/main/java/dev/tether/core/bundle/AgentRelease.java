package dev.tether.core.bundle;

import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signed metadata of one agent release for one platform, published by a tenant's server and
 * verified by its devices ({@link AgentReleaseVerifier}) exactly like a policy bundle: a DSSE
 * envelope of type {@value #PAYLOAD_TYPE} signed by an online signing key the tenant's root
 * delegates.
 *
 * @param format payload format, {@value #FORMAT}
 * @param tenant the tenant whose key signs it (devices of other tenants refuse it)
 * @param platform the package flavour, e.g. {@code linux-amd64-deb}; a device refuses another
 *     platform's release
 * @param version semantic version of the release ({@link ReleaseVersion}); strictly increasing per
 *     (tenant, platform)
 * @param counter release counter, strictly increasing per (tenant, platform); a device refuses a
 *     record older than one it already accepted
 * @param artifact file name of the package (no directories)
 * @param size exact artifact size in bytes, at most {@link #MAX_ARTIFACT_BYTES}
 * @param sha256 {@code sha256:<hex>} of the artifact bytes
 * @param minimumVersion oldest installed version that may update to this release directly
 * @param publishedAt when the release was published
 * @param expiresAt after this instant the record is refused (freeze protection; servers re-sign)
 */
public record AgentRelease(
    int format,
    String tenant,
    String platform,
    String version,
    long counter,
    String artifact,
    long size,
    String sha256,
    String minimumVersion,
    Instant publishedAt,
    Instant expiresAt) {
  public static final int FORMAT = 1;
  public static final String PAYLOAD_TYPE = "application/vnd.tether.agent-release+json; version=1";

  /** Largest artifact a device downloads (a jlink runtime package is well below it). */
  public static final long MAX_ARTIFACT_BYTES = 512L * 1024 * 1024;

  /** Largest signed release envelope. */
  public static final int MAX_ENVELOPE_BYTES = 16 * 1024;

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

  public AgentRelease {
    if (format != FORMAT) {
      throw new IllegalArgumentException("release.format: expected " + FORMAT + ", got " + format);
    }
    Identifiers.require("release.tenant", tenant);
    Identifiers.require("release.platform", platform);
    ReleaseVersion.parse("release.version", version);
    ReleaseVersion.parse("release.minimumVersion", minimumVersion);
    if (counter < 1) {
      throw new IllegalArgumentException("release.counter: expected >= 1, got " + counter);
    }
    requireFileName("release.artifact", artifact);
    if (size < 1) {
      throw new IllegalArgumentException("release.size: expected >= 1, got " + size);
    }
    if (sha256 == null || !DIGEST.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "release.sha256: expected sha256:<64 hex>, got \"" + sha256 + "\"");
    }
    Objects.requireNonNull(publishedAt, "release.publishedAt: required");
    Objects.requireNonNull(expiresAt, "release.expiresAt: required");
    if (!expiresAt.isAfter(publishedAt)) {
      throw new IllegalArgumentException(
          "release.expiresAt: expected after publishedAt " + publishedAt + ", got " + expiresAt);
    }
    if (ReleaseVersion.parse("release.minimumVersion", minimumVersion)
        .isNewerThan(ReleaseVersion.parse("release.version", version))) {
      throw new IllegalArgumentException(
          "release.minimumVersion: " + minimumVersion + " is newer than version " + version);
    }
  }

  /**
   * Returns {@code name} if it is a plain artifact file name (letters, digits, {@code ._+-}, no
   * path separators, not starting with a dot), so it is safe to join to a directory.
   *
   * @throws IllegalArgumentException naming {@code key} otherwise
   */
  public static String requireFileName(String key, String name) {
    if (name == null || !FILE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          key + ": expected a file name of [A-Za-z0-9._+-] (1-128), got \"" + name + "\"");
    }
    return name;
  }

  /** The parsed {@link #version}. */
  public ReleaseVersion releaseVersion() {
    return ReleaseVersion.parse("release.version", version);
  }

  /** The parsed {@link #minimumVersion}. */
  public ReleaseVersion minimumReleaseVersion() {
    return ReleaseVersion.parse("release.minimumVersion", minimumVersion);
  }

  /**
   * Signs this record with an online signing key of the tenant (server only). The same record and
   * key always give the same envelope.
   *
   * @throws IllegalArgumentException if the encoded envelope exceeds {@link #MAX_ENVELOPE_BYTES}
   */
  public SignedBundle sign(Ed25519KeyPair signingKey) {
    SignedBundle envelope =
        Envelopes.seal(PAYLOAD_TYPE, JsonCodec.write(this), List.of(signingKey));
    int length = JsonCodec.write(envelope).length;
    if (length > MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException(
          "release: signed envelope of " + length + " bytes exceeds " + MAX_ENVELOPE_BYTES);
    }
    return envelope;
  }
}
