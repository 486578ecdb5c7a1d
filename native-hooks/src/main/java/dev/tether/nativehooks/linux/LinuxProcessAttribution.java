package dev.tether.nativehooks.linux;

import dev.tether.nativehooks.ProcessAttribution;
import dev.tether.nativehooks.ProcessInfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Socket to process on Linux: {@code NETLINK_SOCK_DIAG} gives the client socket's uid and inode in
 * one kernel lookup; a bounded {@code /proc/*\/fd} scan (recent owners first) finds the pid; the
 * pid's executable and command line are cached per pid (bounded LRU) while the process lives.
 */
public final class LinuxProcessAttribution implements ProcessAttribution {
  /** Processes remembered as recent owners and for their exe/cmdline. */
  public static final int CACHE_SIZE = 256;

  private final ProcSockets proc;

  private record Cached(ProcessInfo info, long startTime) {}

  private final Map<Long, Cached> byPid =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public LinuxProcessAttribution() {
    this(Path.of("/proc"));
  }

  LinuxProcessAttribution(Path proc) {
    this.proc = new ProcSockets(proc);
  }

  @Override
  public Optional<Boolean> ownedByThisProcess(
      InetSocketAddress client, InetSocketAddress destination) {
    Optional<SockDiag.Entry> entry = SockDiag.find(client, destination);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(proc.holdsSelf(entry.get().inode()));
  }

  @Override
  public Optional<ProcessInfo> lookup(InetSocketAddress client, InetSocketAddress destination) {
    Optional<SockDiag.Entry> entry = SockDiag.find(client, destination);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    long uid = entry.get().uid();
    List<Long> hints;
    synchronized (byPid) {
      hints = new ArrayList<>(byPid.keySet());
    }
    java.util.Collections.reverse(hints); // most recently used first
    Optional<Long> pid = proc.owner(entry.get().inode(), uid, hints);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    long startTime = proc.startTime(pid.get());
    synchronized (byPid) {
      Cached cached = byPid.get(pid.get());
      // A reused pid has another start time (or uid): its details are read afresh.
      if (cached != null && cached.startTime() == startTime && cached.info().uid() == uid) {
        return Optional.of(cached.info());
      }
    }
    ProcessInfo info =
        new ProcessInfo(pid.get(), uid, proc.executable(pid.get()), proc.commandLine(pid.get()));
    synchronized (byPid) {
      byPid.put(pid.get(), new Cached(info, startTime));
    }
    return Optional.of(info);
  }
}
