package dev.tether.agent.update;

import dev.tether.agent.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The highest release counter this device staged ({@code trust/release-counter-floor}), one line of
 * ASCII written atomically; never lowered. A record older than it is refused as a replay. A file
 * that exists but cannot be parsed fails closed (every update is refused until it is repaired).
 */
public final class ReleaseFloor {
  private static final int MAX_FILE = 64;
  private final Path file;

  public ReleaseFloor(Path file) {
    this.file = file;
  }

  /** The floor, 0 when none was ever recorded. */
  public long read() throws IOException {
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new IOException(file + ": longer than " + MAX_FILE + " bytes");
      }
      long value = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (value < 0) {
        throw new IOException(file + ": negative release counter floor");
      }
      return value;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      throw new IOException(file + ": unreadable release counter floor", e);
    }
  }

  /** Raises the floor to {@code counter} (never lowers it). */
  public synchronized void raise(long counter) throws IOException {
    if (counter > read()) {
      AtomicFiles.write(
          file, (counter + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
    }
  }
}
