package dev.tether.agent.bypass;

import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.Pem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake hosts in the internet namespace (one Python process): HTTPS servers for the AI hosts
 * (IPv4, IPv6, port 8443) and a non-AI host, a UDP 443 listener and an HTTP CONNECT proxy on 8080,
 * all with certificates from a test CA that only the test trusts. Every request body that arrives
 * is logged, so a test asserts exactly what left the developer namespace.
 */
final class FakeInternet implements AutoCloseable {
  private final Path dir;
  private final Process process;
  final DeviceCa ca;

  private FakeInternet(Path dir, Process process, DeviceCa ca) {
    this.dir = dir;
    this.process = process;
    this.ca = ca;
  }

  static FakeInternet start(Path dir) throws Exception {
    Files.createDirectories(dir);
    DeviceCa ca = DeviceCa.generate("bypass-test-internet-ca");
    Files.write(dir.resolve("internet-ca.pem"), ca.certificatePem());
    LeafMinter minter = new LeafMinter(ca, 16);
    List<String> command =
        new ArrayList<>(Lab.inNet(Lab.python(), "-u", script(dir).toString(), dir.toString()));
    for (String[] host :
        new String[][] {
          {"api.openai.com", Lab.OPENAI_V4, "443"},
          {"api.openai.com", Lab.OPENAI_V4, "8443"},
          {"api.openai.com", Lab.OPENAI_V4, "9443"},
          {"v6.api.openai.com", Lab.OPENAI_V6, "443"},
          {"api.anthropic.com", Lab.ANTHROPIC_V4, "443"},
          {"example.org", Lab.PLAIN_V4, "443"},
          {"example.org", Lab.PLAIN_V6, "443"}
        }) {
      Path cert = dir.resolve(host[0] + ".pem");
      Path key = dir.resolve(host[0] + ".key");
      if (!Files.exists(cert)) {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        Files.writeString(cert, Pem.encode(minter.mint(host[0], keys)));
        Files.writeString(key, Pem.encode(keys.getPrivate()));
      }
      command.add("https|" + host[1] + "|" + host[2] + "|" + cert + "|" + key);
    }
    command.add("udp|" + Lab.OPENAI_V4 + "|443");
    command.add("proxy|" + Lab.PROXY_V4 + "|8080");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("internet.log").toFile())
            .start();
    FakeInternet internet = new FakeInternet(dir, process, ca);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Files.readString(dir.resolve("internet.log")).contains("ready")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "fake internet did not start:\n" + Files.readString(dir.resolve("internet.log")));
      }
      Thread.sleep(50);
    }
    return internet;
  }

  private static Path script(Path dir) throws Exception {
    Path script = dir.resolve("fake_internet.py");
    try (InputStream in = FakeInternet.class.getResourceAsStream("/bypass/fake_internet.py")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  Path caPem() {
    return dir.resolve("internet-ca.pem");
  }

  /** Everything the fake hosts received so far (one JSON line per request). */
  String received() throws Exception {
    Path log = dir.resolve("received.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
