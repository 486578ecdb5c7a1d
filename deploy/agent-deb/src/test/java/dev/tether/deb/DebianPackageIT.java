package dev.tether.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installs {@code target/tether-agent.deb} with dpkg into a debootstrapped Debian bookworm root
 * filesystem that has no JDK (chroot inside private mount and network namespaces; the rootfs cache
 * is {@code /var/cache/tether-ci}, or {@code -Dtether.deb.rootfsCache}), then removes and purges
 * it, checking each promise of the package in order. Needs root, debootstrap (cold cache only),
 * unshare, nsenter and chroot: without them it skips loudly, except under {@code CI=true}, where it
 * fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageIT {
  private static final String CRT = "/usr/local/share/ca-certificates/tether-device-ca.crt";
  private static final String BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
  private static final String UNITS = "/lib/systemd/system/";
  private static DebianRootfs rootfs;

  @BeforeAll
  static void rootfs() throws Exception {
    Path deb = Path.of(System.getProperty("tether.deb.package", "target/tether-agent.deb"));
    Path cache = Path.of(System.getProperty("tether.deb.rootfsCache", "/var/cache/tether-ci"));
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root");
    }
    for (String tool : List.of("unshare", "nsenter", "chroot", "mount")) {
      if (!DebianRootfs.onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!Files.exists(cache.resolve(DebianRootfs.SUITE + "-v1/.tether-ready"))
        && !DebianRootfs.onPath("debootstrap")) {
      missing.add("debootstrap (Debian package debootstrap; .ci/run installs it)");
    }
    if (!Files.isRegularFile(deb)) {
      missing.add(deb + " (built by `mvn package -pl deploy/agent-deb`)");
    }
    if (!missing.isEmpty()) {
      String message =
          "DebianPackageIT NOT RUN: the .deb is not installed into a Debian rootfs; missing "
              + missing;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: this must run)");
      }
      System.err.println("\n!!!!! " + message + " !!!!!\n");
      Assumptions.abort(message);
    }
    rootfs = DebianRootfs.open(DebianRootfs.ensureCache(cache));
    rootfs
        .inNamespaces("cp " + deb.toAbsolutePath() + " " + rootfs.root() + "/tmp/tether-agent.deb")
        .ok("copy the package into the rootfs");
  }

  @AfterAll
  static void close() throws Exception {
    if (rootfs != null) {
      rootfs.close();
    }
  }

  private static String sh(String script) throws Exception {
    return rootfs.chroot(script).ok(script).output();
  }

  private static int exit(String script) throws Exception {
    return rootfs.chroot(script).exit();
  }

  @Test
  @Order(1)
  void install_intoRootfsWithoutJdk_succeeds() throws Exception {
    assertThat(exit("command -v java || ls /usr/lib/jvm")).as("no JDK in the rootfs").isNotZero();
    // A site's own /etc/environment line must survive install and purge.
    sh("echo 'SITE_SETTING=keep-me' >> /etc/environment");

    long start = System.nanoTime();
    String out = sh("dpkg -i /tmp/tether-agent.deb 2>&1");
    System.err.printf(
        "DebianPackageIT: dpkg -i took %d ms%n",
        Duration.ofNanos(System.nanoTime() - start).toMillis());

    assertThat(out).contains("Setting up tether-agent").contains("device CA created");
    assertThat(sh("dpkg-query -W -f='${Status}' tether-agent")).isEqualTo("install ok installed");
  }

  @Test
  @Order(2)
  void serviceAccount_systemUserWithoutLoginShellOrHome() throws Exception {
    String[] passwd = sh("getent passwd tether").trim().split(":");

    assertThat(Integer.parseInt(passwd[2])).as("system uid").isLessThan(1000);
    assertThat(passwd[5]).isEqualTo("/var/lib/tether");
    assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
    assertThat(exit("runuser -l tether -c true")).as("no login").isNotZero();
    assertThat(exit("ls -d /home/tether")).isNotZero();
  }

  @Test
  @Order(3)
  void files_ownersAndModes() throws Exception {
    String stat =
        sh(
            "stat -c '%n %a %U:%G' /var/lib/tether /var/lib/tether/ca.key /var/lib/tether/ca.pem"
                + " /etc/tether /opt/tether/runtime/bin/java /opt/tether/lib/tether-agent.jar"
                + " /opt/tether/lib/tether-trust /opt/tether/lib/tether-enroll-exempt"
                + " /opt/tether/bin/tether-agent");

    assertThat(stat)
        .contains("/var/lib/tether 750 tether:tether")
        .contains("/var/lib/tether/ca.key 600 tether:tether")
        .contains("/var/lib/tether/ca.pem 644 tether:tether")
        .contains("/etc/tether 755 root:root")
        .contains("/opt/tether/runtime/bin/java 755 root:root")
        .contains("/opt/tether/lib/tether-agent.jar 644 root:root")
        .contains("/opt/tether/lib/tether-trust 755 root:root")
        .contains("/opt/tether/lib/tether-enroll-exempt 755 root:root")
        .contains("/opt/tether/bin/tether-agent 755 root:root");
    assertThat(sh("readlink /usr/bin/tether-agent").trim())
        .isEqualTo("/opt/tether/bin/tether-agent");
    assertThat(sh("find /opt/tether -perm /022 -not -type l"))
        .as("nothing group/world-writable")
        .isEmpty();
  }

  @Test
  @Order(4)
  void units_validEnabledAndOrdered_redirectBeforeAgent() throws Exception {
    String units =
        UNITS
            + "tether-redirect.service "
            + UNITS
            + "tether-enroll.service "
            + UNITS
            + "tether-enroll.path "
            + UNITS
            + "tether-agent.service";
    DebianRootfs.Result verify = rootfs.chroot("systemd-analyze verify " + units + " 2>&1");
    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).doesNotContain("tether");
    assertThat(
            sh(
                "systemctl is-enabled tether-redirect.service tether-enroll.path tether-agent.service"))
        .isEqualTo("enabled\nenabled\nenabled\n");

    String redirect = sh("cat " + UNITS + "tether-redirect.service");
    String agent = sh("cat " + UNITS + "tether-agent.service");
    String enroll = sh("cat " + UNITS + "tether-enroll.service");
    assertThat(values(redirect, "Before")).contains("tether-agent.service", "network-pre.target");
    assertThat(values(redirect, "DefaultDependencies")).containsExactly("no");
    assertThat(values(redirect, "ExecStop")).isEmpty();
    assertThat(values(redirect, "ExecStopPost")).isEmpty();
    assertThat(values(agent, "Requires")).contains("tether-redirect.service");
    assertThat(values(agent, "After")).contains("tether-redirect.service", "tether-enroll.service");
    assertThat(values(agent, "User")).containsExactly("tether");
    assertThat(values(agent, "AmbientCapabilities"))
        .containsExactlyInAnyOrder("CAP_NET_ADMIN", "CAP_SYS_PTRACE", "CAP_DAC_READ_SEARCH");
    assertThat(values(agent, "CapabilityBoundingSet"))
        .containsExactlyInAnyOrder("CAP_NET_ADMIN", "CAP_SYS_PTRACE", "CAP_DAC_READ_SEARCH");
    assertThat(values(enroll, "LoadCredential"))
        .containsExactly("enrollment.json:/etc/tether/enrollment.json");
    assertThat(values(enroll, "ExecStartPre"))
        .containsExactly("-+/opt/tether/lib/tether-enroll-exempt", "add");
    assertThat(values(enroll, "ExecStopPost"))
        .containsExactly("+/opt/tether/lib/tether-enroll-exempt", "remove");
    for (String unit : List.of(redirect, agent, enroll)) {
      assertThat(execStart(unit)).startsWith("/opt/tether/runtime/bin/java ");
    }
  }

  @Test
  @Order(5)
  void deviceCa_inSystemBundleHashDirAndEnvironment() throws Exception {
    String ca = body(sh("cat /var/lib/tether/ca.pem"));

    assertThat(body(sh("cat " + CRT))).isEqualTo(ca);
    assertThat(sh("cat " + BUNDLE).replace("\n", "")).contains(ca);
    // OpenSSL's CAfile and CApath views (libcurl-gnutls, hence git, reads the CApath
    // /etc/ssl/certs).
    assertThat(sh("openssl verify -CAfile " + BUNDLE + " /var/lib/tether/ca.pem")).contains(": OK");
    assertThat(sh("openssl verify -CApath /etc/ssl/certs /var/lib/tether/ca.pem")).contains(": OK");
    assertThat(sh("cat /etc/environment"))
        .contains("NODE_EXTRA_CA_CERTS=" + CRT)
        .contains("REQUESTS_CA_BUNDLE=" + BUNDLE)
        .contains("SSL_CERT_FILE=" + BUNDLE)
        .contains("SITE_SETTING=keep-me");
    assertThat(sh("sh -lc 'echo $NODE_EXTRA_CA_CERTS $REQUESTS_CA_BUNDLE $SSL_CERT_FILE'").trim())
        .isEqualTo(CRT + " " + BUNDLE + " " + BUNDLE);
  }

  @Test
  @Order(6)
  void runtime_runsTheCliWithoutJdk() throws Exception {
    assertThat(sh("tether-agent --help")).contains("usage: tether-agent");
    assertThat(sh("runuser -u tether -- tether-agent status"))
        .contains("state dir:      /var/lib/tether")
        .contains("not enrolled");
    assertThat(sh("runuser -u tether -- tether-agent ca init")).startsWith("device CA kept");
    // The rule engine and the on-device judge (ONNX Runtime's native library) on this runtime.
    DebianRootfs.Result scan =
        rootfs.chroot(
            "printf 'aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq9x8ALq2R\"\\n'"
                + " | tether-agent scan -");
    assertThat(scan.exit()).as(scan.output()).isEqualTo(1);
    assertThat(scan.output()).contains("aws-secret-key");
    String judged =
        sh(
            "echo '{\"id\":1,\"prompt\":\"Write a Python function that reverses a string\","
                + "\"destination\":\"api.openai.com\",\"app\":\"curl\"}' | tether-agent judge --jsonl -");
    assertThat(judged).contains("\"id\":1").contains("\"label\"").contains("\"confidence\"");
  }

  @Test
  @Order(7)
  void redirect_unitCommandInstallsTable_inRootfsNetworkNamespace() throws Exception {
    String command = execStart(sh("cat " + UNITS + "tether-redirect.service"));
    // systemd's StateDirectory=tether-redirect, StateDirectoryMode=0700.
    sh("install -d -m 0700 /var/lib/tether-redirect");

    sh(command);

    assertThat(sh("nft list table inet tether")).contains("redirect to :3130");
    assertThat(
            exit(
                "tether-agent redirect status --state-dir /var/lib/tether-redirect"
                    + " --listen-port 3130 --port 443 --quic block"))
        .isZero();
  }

  @Test
  @Order(8)
  void enrollExemption_onlyTheEnrollUnitsCgroupBypassesTheRedirect() throws Exception {
    // A cgroup v2 hierarchy in the rootfs's mount namespace with the unit's cgroup, and a
    // listener on 127.0.0.1:443 in its network namespace (the redirect sends :443 to :3130).
    // Under a parent of its own: on a systemd host this is the host's hierarchy.
    String parent = "/sys/fs/cgroup/tether-it-" + ProcessHandle.current().pid();
    String cg = parent + "/tether-enroll.service";
    rootfs
        .inNamespaces(
            "mount -t cgroup2 none "
                + rootfs.root()
                + "/sys/fs/cgroup && mkdir -p "
                + rootfs.root()
                + cg)
        .ok("cgroup2 in the rootfs");
    rootfs
        .inNamespaces(
            "nohup timeout 300 python3 -c 'import socket\ns=socket.socket()\n"
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind((\"127.0.0.1\", 443))\n"
                + "s.listen(64)\nwhile True: s.accept()[0].close()' >/dev/null 2>&1 & echo $! > "
                + rootfs.root()
                + "/tmp/listener.pid;"
                + " for i in $(seq 100); do ss -ltn | grep -q '127.0.0.1:443 ' && exit 0; sleep 0.1; done;"
                + " exit 1")
        .ok("listener on 127.0.0.1:443");
    String connect = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/443'";
    String inUnit = "echo $$ > " + cg + "/cgroup.procs && ";

    assertThat(exit(connect)).as("redirected: to the closed :3130").isNotZero();
    assertThat(exit("/opt/tether/lib/tether-enroll-exempt add"))
        .as("not the unit's cgroup")
        .isNotZero();
    sh(inUnit + "/opt/tether/lib/tether-enroll-exempt add");

    assertThat(exit(inUnit + connect)).as("the enroll unit reaches :443").isZero();
    assertThat(exit(connect)).as("everything else is still redirected").isNotZero();

    sh("/opt/tether/lib/tether-enroll-exempt remove");
    assertThat(exit(inUnit + connect)).as("exemption gone with the unit").isNotZero();
    assertThat(exit("nft list table inet tether_enroll")).isNotZero();
    sh("rmdir " + cg + " " + parent);
    rootfs
        .inNamespaces("kill $(cat " + rootfs.root() + "/tmp/listener.pid)")
        .ok("stop the listener");
  }

  @Test
  @Order(9)
  void remove_takesEveryTrustOut_keepsRedirectAndState() throws Exception {
    String ca = body(sh("cp /var/lib/tether/ca.pem /tmp/ca.pem && cat /tmp/ca.pem"));

    sh("dpkg -r tether-agent 2>&1");

    assertTrustGone(ca);
    assertThat(sh("nft list table inet tether")).as("fail closed until purge").contains("redirect");
    assertThat(exit("test -f /var/lib/tether/ca.key")).isZero();
  }

  @Test
  @Order(10)
  void purge_removesRedirectStateAccountAndTrust() throws Exception {
    String ca = body(sh("cp /var/lib/tether/ca.pem /tmp/ca.pem && cat /tmp/ca.pem"));

    sh("dpkg --purge tether-agent 2>&1");

    assertTrustGone(ca);
    assertThat(exit("nft list table inet tether")).isNotZero();
    assertThat(exit("getent passwd tether")).isNotZero();
    assertThat(exit("getent group tether")).isNotZero();
    assertThat(
            sh(
                "ls -d /var/lib/tether /var/lib/tether-redirect /etc/tether /opt/tether 2>/dev/null || true"))
        .isEmpty();
    assertThat(sh("cat /etc/environment")).contains("SITE_SETTING=keep-me");
  }

  private static void assertTrustGone(String ca) throws Exception {
    assertThat(exit("test -e " + CRT)).isNotZero();
    assertThat(exit("test -e /etc/profile.d/tether-ca.sh")).isNotZero();
    assertThat(sh("cat " + BUNDLE).replace("\n", "")).doesNotContain(ca);
    assertThat(sh("find /etc/ssl/certs -xtype l")).as("no dangling hash links").isEmpty();
    assertThat(sh("cat /etc/environment")).doesNotContain("tether").doesNotContain("NODE_EXTRA");
    assertThat(sh("sh -lc 'echo x${NODE_EXTRA_CA_CERTS}x'").trim()).isEqualTo("xx");
    assertThat(exit("openssl verify -CApath /etc/ssl/certs -CAfile " + BUNDLE + " /tmp/ca.pem"))
        .isNotZero();
  }

  /** The Base64 body of a PEM certificate, without armour and line breaks. */
  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  /** The values of {@code key=} lines of a unit file, split on whitespace. */
  private static List<String> values(String unit, String key) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit);
    while (m.find()) {
      out.addAll(List.of(m.group(1).trim().split("\\s+")));
    }
    return out;
  }

  /** The ExecStart= command line with its continuation lines joined. */
  private static String execStart(String unit) {
    Matcher m = Pattern.compile("(?m)^ExecStart=((?:.*\\\\\\n)*.*)$").matcher(unit);
    assertThat(m.find()).as("ExecStart= in\n" + unit).isTrue();
    return m.group(1).replaceAll("\\\\\\n\\s*", " ");
  }
}
