package dev.tether.agent.daemon;

import dev.tether.agent.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The daemon's pid file; a stale file (dead process) is ignored and replaced. */
public final class PidFile {
  private PidFile() {}

  /** The pid of a live daemon recorded in {@code file}, if any. */
  public static Optional<Long> liveDaemon(Path file) {
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Records this process, refusing if another live daemon owns the state dir. */
  public static void claim(Path file) throws IOException {
    long self = ProcessHandle.current().pid();
    Optional<Long> other = liveDaemon(file).filter(pid -> pid != self);
    if (other.isPresent()) {
      throw new IOException("another agent (pid " + other.get() + ") is running on this state dir");
    }
    AtomicFiles.write(file, (self + "\n").getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
  }

  /** Removes the file if it still names this process. */
  public static void release(Path file) {
    if (liveDaemon(file).filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A stale pid file is harmless: the next start checks liveness.
      }
    }
  }
}
