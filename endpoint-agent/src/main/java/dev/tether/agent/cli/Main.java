package dev.tether.agent.cli;

import dev.tether.agent.config.Durations;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.config.ListenAddress;
import dev.tether.agent.config.RedirectConfig;
import dev.tether.agent.config.RunConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.daemon.Daemon;
import dev.tether.agent.enroll.Enroller;
import dev.tether.agent.enroll.Enrollment;
import dev.tether.agent.enroll.TrustPin;
import dev.tether.agent.telemetry.TelemetryConfig;
import dev.tether.core.bundle.SignedBundle;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar tether-agent.jar <command>}: {@code enroll}, {@code run}, {@code status}, {@code
 * scan}. Exit codes: 0 success, 1 failure (for {@code scan}: findings, or malformed JSONL lines), 2
 * usage error.
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: tether-agent <command> [options]",
          "  enroll --server URL --token T [--root-fingerprint sha256:HEX | --trust-root FILE]",
          "         [--config PROFILE.json] [--state-dir D]",
          "  run    [--state-dir D] [--listen 127.0.0.1:3128] [--extra-ca-file PEM]... [--poll-interval 30s]",
          "         [--poll-min 24s] [--poll-max 36s] [--heartbeat-interval 60s]",
          "         [--otlp-endpoint http://127.0.0.1:4318/v1/traces]",
          "         [--transparent-port 3130 [--redirect-port P]... [--mark 0x7e7e] [--quic block]]",
          "  status [--state-dir D]",
          "  ca init [--state-dir D]   create the device CA before enrollment (kept by enroll)",
          "  redirect install [--listen-port 3130] [--port P]... [--mark 0x7e7e] [--quic block|allow]",
          "  redirect uninstall | redirect status [same options]   (root: the OS redirect)",
          "  scan   [--policy FILE] [--show-values] [FILE|-]...   report findings; exit 1 if any",
          "  scan   --jsonl FILE|- [--policy FILE] [--show-values] one JSON line out per line in",
          "  judge  --jsonl FILE|- [--policy FILE]   on-device intent judge, one JSON line per line",
          "  watermark [FILE|-]   decision ids of Watermark markers in leaked text; exit 1 if none",
          "  verify-log (--key VKEY | --key-file F) [--origin O] [--previous-checkpoint F",
          "         --consistency-proof F] EXPORT.json   check an audit export offline",
          "  verify-evidence (--key VKEY | --key-file F) PACKAGE.zip   check an evidence package"
              + " offline",
          "  mdm-profiles --server URL --token-file F (--root-fingerprint sha256:HEX | --trust-root"
              + " FILE)",
          "         [--ca PEM] [--organization O] [--identifier com.example.tether] --out DIR",
          "  update check|download [--out DIR] [--platform linux-amd64-deb] [--installed-version V]",
          "         [--root-fingerprint sha256:HEX | --pin-from PROFILE] [--state-dir D]   stage a signed"
              + " agent release",
          "state dir: --state-dir, else $TETHER_STATE_DIR, else ~/.tether");

  /** True when this VM runs one command and exits ({@link #main}); never for tests calling run. */
  static volatile boolean ownProcess;

  private Main() {}

  public static void main(String[] args) {
    ownProcess = true;
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.exit(run(args));
  }

  static int run(String[] args) {
    return run(args, System.in, System.out, System.err);
  }

  /** Runs one command with the given standard streams (tests drive the CLI end to end here). */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "enroll":
          return enroll(rest);
        case "run":
          return runDaemon(rest);
        case "scan":
          return ScanCommand.run(rest, in, out, err);
        case "judge":
          return JudgeCommand.run(rest, in, out, err);
        case "redirect":
          return RedirectCommand.run(rest, out, err);
        case "ca":
          return CaCommand.run(rest, out);
        case "watermark":
          return dev.tether.agent.enforce.WatermarkCommand.run(rest, in, out, err);
        case "verify-log":
          return dev.tether.agent.audit.VerifyLogCommand.run(rest, out, err);
        case "verify-evidence":
          return dev.tether.agent.audit.VerifyEvidenceCommand.run(rest, out, err);
        case "update":
          return UpdateCommand.run(rest, out);
        case "mdm-profiles":
          return MdmProfilesCommand.run(rest, System.getenv(), out);
        case "status":
          return StatusCommand.print(
              StateDir.resolve(
                  Options.parse("status", rest, Set.of("state-dir"), Set.of()).get("state-dir")),
              out);
        default:
          err.println("unknown command \"" + args[0] + "\"\n" + USAGE);
          return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  private static int enroll(List<String> args) throws Exception {
    Options options =
        Options.parse(
            "enroll",
            args,
            Set.of("server", "token", "state-dir", "root-fingerprint", "trust-root", "config"),
            Set.of());
    EnrollProfile profile =
        options.get("config") == null
            ? new EnrollProfile(null, null, null, null)
            : EnrollProfile.read("config", Path.of(options.get("config")));
    SignedBundle root =
        options.get("trust-root") == null
            ? profile.trustRoot()
            : EnrollProfile.readTrustRoot("trust-root", Path.of(options.get("trust-root")));
    String fingerprint =
        options.get("root-fingerprint") == null
            ? profile.rootFingerprint()
            : options.get("root-fingerprint");
    EnrollConfig config =
        new EnrollConfig(
                options.get("server") == null ? profile.server() : options.get("server"),
                options.get("token") == null ? profile.token() : options.get("token"),
                StateDir.resolve(options.get("state-dir")),
                new TrustPin(root, fingerprint))
            .validated();
    Enrollment enrollment = Enroller.enroll(config);
    System.out.println("deviceId: " + enrollment.deviceId());
    System.out.println("tenant: " + enrollment.tenant() + "  group: " + enrollment.group());
    System.out.println(
        "trust root: "
            + TrustPin.fingerprintOf(enrollment.trustRoot())
            + (config.pin().isEmpty()
                ? "  NOT PINNED: taken from the server on first use (pass --root-fingerprint)"
                : "  (matches the pinned root)"));
    System.out.println("device CA: " + config.stateDir().caCertificate());
    System.out.println("(trust this CA in the OS/browser/SDK trust stores to allow inspection)");
    return 0;
  }

  private static int runDaemon(List<String> args) throws Exception {
    Options options =
        Options.parse(
            "run",
            args,
            Set.of(
                "state-dir",
                "listen",
                "extra-ca-file",
                "poll-interval",
                "poll-min",
                "poll-max",
                "heartbeat-interval",
                "transparent-port",
                "redirect-port",
                "mark",
                "quic",
                "otlp-endpoint"),
            Set.of("extra-ca-file", "redirect-port"));
    RunConfig config =
        new RunConfig(
                StateDir.resolve(options.get("state-dir")),
                options.get("listen") == null ? null : ListenAddress.parse(options.get("listen")),
                options.all("extra-ca-file").stream().map(Path::of).toList(),
                options.get("poll-interval") == null
                    ? null
                    : Durations.parse("poll-interval", options.get("poll-interval")),
                options.get("heartbeat-interval") == null
                    ? null
                    : Durations.parse("heartbeat-interval", options.get("heartbeat-interval")),
                options.get("poll-min") == null
                    ? null
                    : Durations.parse("poll-min", options.get("poll-min")),
                options.get("poll-max") == null
                    ? null
                    : Durations.parse("poll-max", options.get("poll-max")))
            .withTelemetry(TelemetryConfig.forEndpoint(options.get("otlp-endpoint")))
            .validated();
    // --transparent-port: also serve the OS redirect (see `redirect install`).
    RedirectConfig redirect =
        options.get("transparent-port") == null
            ? null
            : RedirectConfig.parse(
                config.stateDir(),
                options.get("transparent-port"),
                options.all("redirect-port"),
                options.get("mark"),
                options.get("quic"));
    Daemon daemon = Daemon.start(config, redirect);
    // SIGTERM/SIGINT: stop cleanly and flush the audit spool. JUL may already be shut down in
    // the hook, so the final line goes to stderr directly.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  System.err.println("tether-agent stopped (audit spool flushed)");
                },
                "tether-shutdown"));
    System.out.println(
        "tether-agent running; proxy on "
            + daemon.proxyAddress().getHostString()
            + ":"
            + daemon.proxyAddress().getPort()
            + " (pid "
            + ProcessHandle.current().pid()
            + ")");
    daemon.awaitStopped();
    return 0;
  }
}
