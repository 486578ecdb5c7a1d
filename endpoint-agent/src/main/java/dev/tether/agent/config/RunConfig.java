package dev.tether.agent.config;

import dev.tether.agent.telemetry.TelemetryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code tether-agent run}.
 *
 * @param stateDir state directory (see {@link StateDir#resolve})
 * @param listen proxy address, default {@value #DEFAULT_LISTEN}
 * @param extraCaFiles PEM files of CAs trusted for upstream TLS in addition to the JDK defaults
 * @param pollInterval nominal policy poll interval, default {@link #DEFAULT_POLL_INTERVAL}; unless
 *     {@code pollMin}/{@code pollMax} are given, each wait is drawn uniformly from 80..120 % of it
 * @param heartbeatInterval heartbeat interval, default {@link #DEFAULT_HEARTBEAT_INTERVAL}
 * @param pollMin shortest wait between two polls (jitter lower bound)
 * @param pollMax longest wait between two successful polls (jitter upper bound); after errors the
 *     wait backs off exponentially up to max(pollMax, 5m)
 * @param telemetry decision-trace export ({@code --otlp-endpoint}); default {@link
 *     TelemetryConfig#DISABLED}
 */
public record RunConfig(
    StateDir stateDir,
    ListenAddress listen,
    List<Path> extraCaFiles,
    Duration pollInterval,
    Duration heartbeatInterval,
    Duration pollMin,
    Duration pollMax,
    TelemetryConfig telemetry) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:3128";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(60);
  public static final Duration MIN_INTERVAL = Duration.ofMillis(800);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);

  public RunConfig {
    extraCaFiles = extraCaFiles == null ? List.of() : List.copyOf(extraCaFiles);
    telemetry = telemetry == null ? TelemetryConfig.DISABLED : telemetry;
  }

  /** Options without trace export. */
  public RunConfig(
      StateDir stateDir,
      ListenAddress listen,
      List<Path> extraCaFiles,
      Duration pollInterval,
      Duration heartbeatInterval,
      Duration pollMin,
      Duration pollMax) {
    this(stateDir, listen, extraCaFiles, pollInterval, heartbeatInterval, pollMin, pollMax, null);
  }

  /** These options with decision traces exported as {@code value} says. */
  public RunConfig withTelemetry(TelemetryConfig value) {
    return new RunConfig(
        stateDir, listen, extraCaFiles, pollInterval, heartbeatInterval, pollMin, pollMax, value);
  }

  /** Options without explicit jitter bounds (80..120 % of the poll interval). */
  public RunConfig(
      StateDir stateDir,
      ListenAddress listen,
      List<Path> extraCaFiles,
      Duration pollInterval,
      Duration heartbeatInterval) {
    this(stateDir, listen, extraCaFiles, pollInterval, heartbeatInterval, null, null);
  }

  /** Fills defaults and rejects nonsense, naming the option. */
  public RunConfig validated() {
    StateDir dir = stateDir == null ? StateDir.resolve(null) : stateDir;
    ListenAddress address = listen == null ? ListenAddress.parse(DEFAULT_LISTEN) : listen;
    address.toSocketAddress();
    for (Path file : extraCaFiles) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("extra-ca-file: cannot read \"" + file + "\"");
      }
    }
    Duration poll = checkInterval("poll-interval", pollInterval, DEFAULT_POLL_INTERVAL);
    Duration heartbeat =
        checkInterval("heartbeat-interval", heartbeatInterval, DEFAULT_HEARTBEAT_INTERVAL);
    Duration min = checkInterval("poll-min", pollMin, Duration.ofMillis(poll.toMillis() * 8 / 10));
    Duration max = checkInterval("poll-max", pollMax, Duration.ofMillis(poll.toMillis() * 12 / 10));
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "poll-min: expected at most poll-max " + max + ", got " + min);
    }
    return new RunConfig(dir, address, extraCaFiles, poll, heartbeat, min, max, telemetry);
  }

  private static Duration checkInterval(String key, Duration value, Duration fallback) {
    Duration d = value == null ? fallback : value;
    if (d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          key + ": expected between " + MIN_INTERVAL + " and " + MAX_INTERVAL + ", got " + d);
    }
    return d;
  }
}
