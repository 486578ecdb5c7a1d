package dev.tether.agent.cli;

import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.enroll.DeviceIdentity;
import dev.tether.agent.policy.RootTrust;
import dev.tether.agent.server.AgentVersion;
import dev.tether.agent.server.ServerClient;
import dev.tether.agent.update.ReleaseFloor;
import dev.tether.agent.update.UpdateClient;
import dev.tether.agent.update.Updater;
import dev.tether.core.bundle.AgentRelease;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.ReleaseVersion;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.TrustedRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tether-agent update check|download}. Exit codes: 0 an update is available (check) or was
 * staged (download), 3 nothing to do (up to date, or no release published), 1 verification or
 * download failed (nothing staged), 2 usage error.
 */
final class UpdateCommand {
  static final int NOTHING_TO_DO = 3;

  private UpdateCommand() {}

  static int run(List<String> args, PrintStream out) throws Exception {
    if (args.isEmpty() || !(args.get(0).equals("check") || args.get(0).equals("download"))) {
      throw new IllegalArgumentException("update: expected check or download");
    }
    boolean download = args.get(0).equals("download");
    Options options =
        Options.parse(
            "update " + args.get(0),
            args.subList(1, args.size()),
            download
                ? Set.of(
                    "state-dir",
                    "platform",
                    "installed-version",
                    "root-fingerprint",
                    "pin-from",
                    "counter-floor",
                    "out")
                : Set.of(
                    "state-dir",
                    "platform",
                    "installed-version",
                    "root-fingerprint",
                    "pin-from",
                    "counter-floor"),
            Set.of());
    StateDir dir = StateDir.resolve(options.get("state-dir"));
    String pin = pin(options);
    DeviceIdentity identity = DeviceIdentity.load(dir);
    String platform = options.get("platform") == null ? defaultPlatform() : options.get("platform");
    String installedText =
        options.get("installed-version") == null
            ? AgentVersion.get()
            : options.get("installed-version");
    ReleaseVersion installed = ReleaseVersion.parse("installed-version", installedText);
    TrustedRoot root = trustedRoot(dir, identity, pin);
    Updater updater =
        new Updater(
            new UpdateClient(identity.enrollment().serverUrl(), identity.credential()),
            platform,
            installed,
            new ReleaseFloor(
                options.get("counter-floor") == null
                    ? dir.releaseCounterFloor()
                    : Path.of(options.get("counter-floor"))),
            Clock.systemUTC(),
            timeFloor(dir));
    if (!download) {
      Updater.Check check = updater.check(root);
      if (check instanceof Updater.Check.Available a) {
        AgentRelease r = a.release().release();
        out.println(
            "update available: " + installed + " -> " + r.version() + " (" + platform + ")");
        out.println("artifact: " + r.artifact() + " " + r.size() + " bytes " + r.sha256());
        out.println("published: " + r.publishedAt() + "  release counter: " + r.counter());
        return 0;
      }
      out.println(
          check instanceof Updater.Check.UpToDate
              ? "up to date: " + installed + " (" + platform + ")"
              : "no release published for " + platform);
      return NOTHING_TO_DO;
    }
    Path outDir = options.get("out") == null ? dir.updates() : Path.of(options.get("out"));
    Optional<Updater.Staged> staged = updater.download(root, outDir);
    if (staged.isEmpty()) {
      out.println("no release published for " + platform);
      return NOTHING_TO_DO;
    }
    out.println(
        "verified: "
            + staged.get().release().release().version()
            + " "
            + staged.get().release().release().sha256());
    out.println("record: " + staged.get().record());
    out.println("staged: " + staged.get().artifact());
    return 0;
  }

  /**
   * The install-time pin: {@code --root-fingerprint}, or the fingerprint in the install profile
   * named by {@code --pin-from} (e.g. the root-owned {@code /etc/tether/enrollment.json}), or null.
   */
  private static String pin(Options options) throws IOException, BundleVerificationException {
    if (options.get("root-fingerprint") != null && options.get("pin-from") != null) {
      throw new IllegalArgumentException(
          "pin-from: give --root-fingerprint or --pin-from, not both");
    }
    if (options.get("pin-from") == null) {
      return options.get("root-fingerprint");
    }
    EnrollProfile profile = EnrollProfile.read("pin-from", Path.of(options.get("pin-from")));
    String pin =
        profile.trustRoot() != null
            ? RootVerifier.fingerprintOf(profile.trustRoot())
            : profile.rootFingerprint();
    if (pin == null) {
      throw new IllegalArgumentException(
          "pin-from: \"" + options.get("pin-from") + "\" pins no root (no rootFingerprint)");
    }
    return pin;
  }

  /**
   * The root to verify against. With {@code pin}: the tenant's chain fetched from the server and
   * walked from the root matching the install-time fingerprint, independent of the state dir's
   * trust files (for a root-run install step that must not trust files the agent account can
   * write). Without: the daemon's own trusted root ({@link RootTrust}).
   */
  private static TrustedRoot trustedRoot(StateDir dir, DeviceIdentity identity, String pin)
      throws IOException, InterruptedException, BundleVerificationException {
    String tenant = identity.enrollment().tenant();
    if (pin != null) {
      return RootVerifier.trust(
          ServerClient.authenticated(identity.enrollment().serverUrl(), identity.credential())
              .fetchRoots(0)
              .roots(),
          tenant,
          pin);
    }
    RootTrust trust = new RootTrust(dir, tenant, identity.enrollment().trustRoot());
    TrustedRoot root = trust.load();
    if (!trust.usable(root)) {
      throw new BundleVerificationException(
          BundleVerificationException.Reason.ROOT_ROLLBACK,
          "trusted root version "
              + root.version()
              + " is older than the floor "
              + trust.floor()
              + "; run the agent until it syncs its root");
    }
    return root;
  }

  private static Instant timeFloor(StateDir dir) throws IOException {
    try {
      if (Files.size(dir.trustTimeFloor()) > 64) {
        throw new IOException(dir.trustTimeFloor() + ": longer than 64 bytes");
      }
      return Instant.parse(
          Files.readString(dir.trustTimeFloor(), StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException(dir.trustTimeFloor() + ": unreadable", e);
    }
  }

  /** {@code linux-amd64-deb}, {@code macos-arm64-pkg}, {@code windows-amd64-msi}, ... */
  static String defaultPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch.replaceAll("[^a-z0-9]", "");
        };
    if (os.startsWith("mac")) {
      return "macos-" + cpu + "-pkg";
    }
    if (os.startsWith("windows")) {
      return "windows-" + cpu + "-msi";
    }
    return "linux-" + cpu + "-deb";
  }
}
