package dev.tether.agent.update;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.core.bundle.AgentRelease;
import dev.tether.core.bundle.AgentReleaseVerifier;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.ReleaseVersion;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.bundle.VerifiedRelease;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks for and stages agent updates. The sequence of {@link #download}, each step failing closed
 * with nothing staged:
 *
 * <ol>
 *   <li>fetch the platform's signed release record;
 *   <li>verify it against the trusted root: signature, tenant, platform, freshness, size limit,
 *       release counter not older than the last staged one, version strictly newer than the
 *       installed one and at least the release's minimum;
 *   <li>stream the artifact into an owner-only temporary file in the output directory, cut off at
 *       the signed size, and compare its size and SHA-256 with the signed values;
 *   <li>fsync, rename it atomically to its signed file name, store the verified record next to it
 *       ({@code <artifact>.release.json}) and raise the release-counter floor.
 * </ol>
 *
 * <p>It never installs or runs the artifact.
 */
public final class Updater {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UpdateClient client;
  private final AgentReleaseVerifier verifier;
  private final ReleaseVersion installed;
  private final ReleaseFloor floor;
  private final Instant clockFloor;
  private final String platform;

  /**
   * @param clockFloor the device's latest verified server time, or null
   */
  public Updater(
      UpdateClient client,
      String platform,
      ReleaseVersion installed,
      ReleaseFloor floor,
      Clock clock,
      Instant clockFloor) {
    this.client = Objects.requireNonNull(client, "client");
    this.platform = platform;
    this.verifier = AgentReleaseVerifier.create(platform, clock);
    this.installed = Objects.requireNonNull(installed, "installed");
    this.floor = Objects.requireNonNull(floor, "floor");
    this.clockFloor = clockFloor;
  }

  /** What a check found. */
  public sealed interface Check {
    /** The server publishes no release for this platform. */
    record NoRelease(String platform) implements Check {}

    /** The newest verified release is the installed version. */
    record UpToDate(VerifiedRelease release) implements Check {}

    /** A verified, strictly newer release this device may install. */
    record Available(VerifiedRelease release) implements Check {}
  }

  /**
   * Fetches and verifies the newest release record.
   *
   * @throws BundleVerificationException if the record fails verification (including a downgrade: an
   *     older version than the installed one is an attack, not "up to date")
   */
  public Check check(TrustedRoot root)
      throws IOException, InterruptedException, BundleVerificationException {
    Optional<UpdateClient.Fetched> fetched = client.fetchRelease(platform, null);
    if (fetched.isEmpty()) {
      return new Check.NoRelease(platform);
    }
    VerifiedRelease release =
        verifier.verify(fetched.get().envelope(), root, floor.read(), clockFloor);
    if (release.version().compareTo(installed) == 0) {
      return new Check.UpToDate(release);
    }
    release.requireUpgradeFrom(installed);
    return new Check.Available(release);
  }

  /** A staged artifact and its verified record. */
  public record Staged(Path artifact, Path record, VerifiedRelease release) {}

  /**
   * Verifies, downloads and stages the newest release into {@code outDir}.
   *
   * @return empty when the server has no release for this platform
   * @throws BundleVerificationException if the record or the artifact fails verification (nothing
   *     is staged, the temporary file is removed)
   */
  public Optional<Staged> download(TrustedRoot root, Path outDir)
      throws IOException, InterruptedException, BundleVerificationException {
    Optional<UpdateClient.Fetched> fetched = client.fetchRelease(platform, null);
    if (fetched.isEmpty()) {
      return Optional.empty();
    }
    byte[] envelope = fetched.get().envelope();
    VerifiedRelease release =
        verifier.verifyUpdate(envelope, root, installed, floor.read(), clockFloor);
    AgentRelease signed = release.release();
    Files.createDirectories(outDir);
    Path target = outDir.resolve(AgentRelease.requireFileName("artifact", signed.artifact()));
    Path temp =
        outDir.resolve(".download-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8)));
    boolean staged = false;
    try {
      UpdateClient.Digest digest;
      try (FileChannel channel = create(temp);
          OutputStream out = Channels.newOutputStream(channel)) {
        digest = client.downloadArtifact(platform, signed.size(), out);
        channel.force(true);
      }
      release.requireArtifact(digest.size(), digest.sha256());
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      staged = true;
      AtomicFiles.fsyncDirectory(outDir);
      Path record = outDir.resolve(signed.artifact() + ".release.json");
      AtomicFiles.write(record, envelope, AtomicFiles.OWNER_ONLY);
      floor.raise(signed.counter());
      return Optional.of(new Staged(target, record, release));
    } finally {
      if (!staged) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static FileChannel create(Path path) throws IOException {
    try {
      return FileChannel.open(
          path,
          java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
  }
}
