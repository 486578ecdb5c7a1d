package dev.tether.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafMinterTest {
  static DeviceCa ca;

  @BeforeAll
  static void generateCa() throws Exception {
    ca = DeviceCa.generate("test-host");
  }

  @Test
  void generate_deviceCa_isConstrainedCa() {
    X509Certificate cert = ca.certificate();
    assertEquals(0, cert.getBasicConstraints(), "CA:true pathLen 0");
    assertTrue(cert.getKeyUsage()[5] && cert.getKeyUsage()[6], "keyCertSign and cRLSign");
    assertTrue(cert.getSubjectX500Principal().getName().contains("CN=Tether Device CA test-host"));
    long days =
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
    assertTrue(days >= 3649, "10-year validity, got " + days);
  }

  @Test
  void mint_dnsHost_hasDnsSanAndChainsToCa() throws Exception {
    X509Certificate leaf = new LeafMinter(ca, 4).mint("api.openai.com", DeviceCa.newEcKeyPair());
    leaf.verify(ca.certificate().getPublicKey());
    assertEquals(
        List.of(List.of(2, "api.openai.com")),
        leaf.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(
        leaf.getNotAfter().toInstant().isBefore(java.time.Instant.now().plus(Duration.ofDays(3))));
  }

  @Test
  void mint_ipHost_hasIpSan() throws Exception {
    KeyPair keys = DeviceCa.newEcKeyPair();
    X509Certificate leaf = new LeafMinter(ca, 4).mint("127.0.0.1", keys);
    assertEquals(
        List.of(List.of(7, "127.0.0.1")),
        leaf.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
  }

  @Test
  void serverContext_cacheIsBoundedAndReused() throws Exception {
    LeafMinter minter = new LeafMinter(ca, 2);
    var first = minter.serverContext("a.example.com");
    assertSame(first, minter.serverContext("A.example.com"));
    minter.serverContext("b.example.com");
    minter.serverContext("c.example.com");
    assertEquals(2, minter.cachedHosts());
  }

  @Test
  void load_roundTripsPemFiles(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("ca.pem"), ca.certificatePem());
    Files.write(dir.resolve("ca.key"), ca.privateKeyPem());
    DeviceCa loaded = DeviceCa.load(dir.resolve("ca.pem"), dir.resolve("ca.key"));
    assertEquals(ca.certificate(), loaded.certificate());
  }

  @Test
  void load_foreignKey_throws(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("ca.pem"), ca.certificatePem());
    Files.write(dir.resolve("ca.key"), DeviceCa.generate("other").privateKeyPem());
    org.junit.jupiter.api.Assertions.assertThrows(
        java.security.GeneralSecurityException.class,
        () -> DeviceCa.load(dir.resolve("ca.pem"), dir.resolve("ca.key")));
  }
}
