package dev.tether.nativehooks.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds which process holds a socket inode by reading {@code /proc/PID/fd} links, within fixed
 * bounds: processes of the socket's uid only, at most {@link #MAX_PROCESSES} processes and {@link
 * #MAX_FDS_PER_PROCESS} descriptors each. Recently seen owners are tried first (an application
 * usually opens many connections), then the newest processes first.
 */
final class ProcSockets {
  static final int MAX_PROCESSES = 4096;
  static final int MAX_FDS_PER_PROCESS = 65_536;
  static final int MAX_CMDLINE_BYTES = 4096;

  private final Path proc;

  ProcSockets(Path proc) {
    this.proc = proc;
  }

  /** The pid holding {@code socket:[inode]}, trying {@code hints} first. */
  Optional<Long> owner(long inode, long uid, Collection<Long> hints) {
    String link = "socket:[" + inode + "]";
    for (long pid : hints) {
      if (holds(proc.resolve(Long.toString(pid)), link)) {
        return Optional.of(pid);
      }
    }
    // Newest processes first: a connection usually comes from a recently started client.
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    pids.sort(Comparator.reverseOrder());
    int scanned = 0;
    for (long pid : pids) {
      if (hints.contains(pid)) {
        continue;
      }
      if (++scanned > MAX_PROCESSES) {
        break;
      }
      Path dir = proc.resolve(Long.toString(pid));
      if (ownerUid(dir) == uid && holds(dir, link)) {
        return Optional.of(pid);
      }
    }
    return Optional.empty();
  }

  /** True if this process holds {@code socket:[inode]} (reads only {@code /proc/self/fd}). */
  boolean holdsSelf(long inode) {
    return holds(proc.resolve("self"), "socket:[" + inode + "]");
  }

  private static long ownerUid(Path dir) {
    try {
      return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean holds(Path processDir, String link) {
    int seen = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(processDir.resolve("fd"))) {
      for (Path fd : fds) {
        if (++seen > MAX_FDS_PER_PROCESS) {
          return false;
        }
        try {
          if (link.equals(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException | RuntimeException e) {
          // descriptor closed while scanning
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Field 22 of {@code /proc/PID/stat} (start time in clock ticks), or -1: tells a reused pid. */
  long startTime(long pid) {
    try {
      String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[19]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** {@code /proc/PID/exe}, or "?" when unreadable. */
  String executable(long pid) {
    try {
      return Files.readSymbolicLink(proc.resolve(pid + "/exe")).toString();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** {@code /proc/PID/cmdline}, NULs as spaces, at most {@link #MAX_CMDLINE_BYTES} bytes read. */
  String commandLine(long pid) {
    try (InputStream in = Files.newInputStream(proc.resolve(pid + "/cmdline"))) {
      byte[] raw = in.readNBytes(MAX_CMDLINE_BYTES);
      int end = raw.length;
      while (end > 0 && raw[end - 1] == 0) {
        end--;
      }
      for (int i = 0; i < end; i++) {
        if (raw[i] == 0 || raw[i] == '\n' || raw[i] == '\r') {
          raw[i] = ' ';
        }
      }
      return new String(raw, 0, end, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
