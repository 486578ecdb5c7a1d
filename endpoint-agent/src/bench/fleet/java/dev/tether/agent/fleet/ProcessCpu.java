package dev.tether.agent.fleet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of server processes and all their descendants (e.g. Payara Micro, or PostgreSQL's
 * postmaster with its backends), from {@code /proc/<pid>/stat}: utime + stime + cutime + cstime. On
 * a shared machine this is a steadier measure of a request's cost than requests/s. Linux only;
 * elsewhere (or for a vanished pid) it counts nothing.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {}

  /** CPU seconds used so far by {@code roots} and their descendants. */
  static double seconds(List<Long> roots) {
    if (roots.isEmpty()) {
      return 0;
    }
    Map<Long, long[]> stats = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          // Fields after the command name (which may hold spaces) in parentheses.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks =
              Long.parseLong(f[11])
                  + Long.parseLong(f[12])
                  + Long.parseLong(f[13])
                  + Long.parseLong(f[14]);
          stats.put(
              Long.parseLong(proc.getFileName().toString()),
              new long[] {Long.parseLong(f[1]), ticks});
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    Set<Long> seen = new HashSet<>();
    Deque<Long> todo = new ArrayDeque<>(roots);
    long ticks = 0;
    while (!todo.isEmpty()) {
      long pid = todo.pop();
      if (!seen.add(pid) || !stats.containsKey(pid)) {
        continue;
      }
      ticks += stats.get(pid)[1];
      stats.forEach(
          (child, s) -> {
            if (s[0] == pid) {
              todo.push(child);
            }
          });
    }
    return ticks / TICKS_PER_SECOND;
  }
}
