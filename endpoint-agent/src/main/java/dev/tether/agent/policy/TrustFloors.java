package dev.tether.agent.policy;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The anti-rollback and anti-freeze memory, kept in {@code <state>/trust/}, apart from the policy
 * cache in {@code <state>/policy/}: deleting or replacing the cache leaves it intact.
 *
 * <ul>
 *   <li>{@code version-floor}: the highest bundle version ever applied; never decreases. A bundle
 *       (downloaded or cached) older than it is rejected.
 *   <li>{@code time-floor}: the latest verified server time (see {@link TrustedClock}).
 *   <li>{@code last-sync}: trusted time of the last successful refresh (grace is measured from it).
 * </ul>
 *
 * Each file is one line of ASCII, written atomically. A file that exists but cannot be parsed is
 * reported ({@link #problem()}); it never lowers a floor.
 */
final class TrustFloors {
  private static final int MAX_FILE = 64;

  private final Path versionFloor;
  private final Path legacyAcceptedVersion;
  private final Path timeFloor;
  private final Path lastSync;
  private volatile long version;
  private volatile String problem;

  TrustFloors(StateDir dir) {
    this.versionFloor = dir.trustVersionFloor();
    this.timeFloor = dir.trustTimeFloor();
    this.lastSync = dir.trustLastSync();
    this.legacyAcceptedVersion = dir.policyAcceptedVersion();
  }

  /** Reads the floors; returns whether the version floor is trustworthy (absent or valid). */
  boolean load() {
    problem = null;
    long floor = 0;
    boolean intact = true;
    for (Path file : new Path[] {versionFloor, legacyAcceptedVersion}) {
      try {
        Optional<String> text = read(file);
        if (text.isPresent()) {
          long value = Long.parseLong(text.get());
          if (value < 0) {
            throw new NumberFormatException("negative");
          }
          floor = Math.max(floor, value);
        }
      } catch (IOException | NumberFormatException e) {
        intact = false;
        problem = file.getFileName() + " unreadable (" + e.getMessage() + ")";
      }
    }
    version = floor;
    return intact;
  }

  long version() {
    return version;
  }

  /** Raises the version floor durably; a lower value is ignored. */
  synchronized void raiseVersion(long applied) throws IOException {
    if (applied <= version && Files.exists(versionFloor)) {
      return;
    }
    long value = Math.max(applied, version);
    AtomicFiles.write(
        versionFloor, (value + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
    version = value;
  }

  Optional<Instant> timeFloor() {
    return readInstant(timeFloor);
  }

  void saveTimeFloor(Instant floor) throws IOException {
    writeInstant(timeFloor, floor);
  }

  Optional<Instant> lastSync() {
    return readInstant(lastSync);
  }

  void saveLastSync(Instant at) throws IOException {
    writeInstant(lastSync, at);
  }

  /** What was wrong with the floors at the last load, or {@code null}. */
  String problem() {
    return problem;
  }

  private Optional<Instant> readInstant(Path file) {
    try {
      return read(file).map(Instant::parse);
    } catch (IOException | RuntimeException e) {
      problem = file.getFileName() + " unreadable (" + e.getMessage() + ")";
      return Optional.empty();
    }
  }

  private static void writeInstant(Path file, Instant value) throws IOException {
    AtomicFiles.write(
        file, (value + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
  }

  private static Optional<String> read(Path file) throws IOException {
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new IOException("longer than " + MAX_FILE + " bytes");
      }
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
