package dev.tether.nativehooks;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Maps a client connection to the process that made it. Bounded in work per call; may block for a
 * few milliseconds, so callers on an event loop go through {@link AsyncAttribution}.
 */
public interface ProcessAttribution {
  /**
   * The process owning the client socket {@code client -> destination}.
   *
   * @param client the client socket's own address (the accepted socket's peer)
   * @param destination the client socket's destination (the original destination)
   * @return empty when the socket or its process is gone, or when the bounded search ran out
   */
  Optional<ProcessInfo> lookup(InetSocketAddress client, InetSocketAddress destination);

  /**
   * True if the client socket belongs to this very process (the agent's own connection, e.g. an
   * upstream socket that was not marked). Looks only at this process's descriptors.
   *
   * @return empty when the socket cannot be found (gone, or the lookup failed)
   */
  default Optional<Boolean> ownedByThisProcess(
      InetSocketAddress client, InetSocketAddress destination) {
    return lookup(client, destination).map(p -> p.pid() == ProcessHandle.current().pid());
  }
}
