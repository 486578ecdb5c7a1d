package dev.tether.agent.intercept;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Which AI host an address belongs to, for TLS connections that carry no SNI: the exact (not
 * wildcard) AI host names of the policy and the built-in catalogue are resolved in the background
 * every {@link #REFRESH_MINUTES} minutes, at most {@link #MAX_HOSTS} names and {@link
 * #MAX_ADDRESSES} addresses. A no-SNI connection to one of these addresses is intercepted as that
 * host instead of passing through.
 */
final class AiAddresses implements AutoCloseable {
  static final int MAX_HOSTS = 1024;
  static final int MAX_ADDRESSES = 16_384;
  static final long REFRESH_MINUTES = 5;

  private final Supplier<List<String>> hosts;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tether-ai-addresses");
            t.setDaemon(true);
            return t;
          });
  private volatile Map<InetAddress, String> byAddress = Map.of();

  AiAddresses(Supplier<List<String>> hosts) {
    this.hosts = hosts;
    refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MINUTES, TimeUnit.MINUTES);
  }

  Optional<String> hostOf(InetAddress address) {
    return Optional.ofNullable(byAddress.get(address));
  }

  void refresh() {
    Map<InetAddress, String> next = new HashMap<>();
    List<String> names;
    try {
      names = hosts.get();
    } catch (RuntimeException e) {
      return;
    }
    for (String host : names.subList(0, Math.min(names.size(), MAX_HOSTS))) {
      if (host.startsWith("*")) {
        continue;
      }
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          if (next.size() < MAX_ADDRESSES) {
            next.putIfAbsent(address, host);
          }
        }
      } catch (Exception e) {
        // unresolvable now: keep trying on the next refresh
      }
    }
    byAddress = Map.copyOf(next);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
