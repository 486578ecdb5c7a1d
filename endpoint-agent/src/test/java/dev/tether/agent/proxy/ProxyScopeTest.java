package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ProxySettings;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scope before decryption, over real TLS: SNI against the CONNECT name, bypass hosts, inspect-all,
 * connections without a name, unrecognised AI endpoints, non-TLS tunnels, the transparent listener.
 */
class ProxyScopeTest {
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String AI_BODY =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
  static final String PLAIN_BODY = "{\"name\":\"alice\",\"items\":[1,2,3]}";
  static DeviceCa upstreamCa;
  static TestUpstream localhostUpstream;
  static TestUpstream unlistedUpstream;
  static TestUpstream ipUpstream;
  static Path upstreamCaFile;

  @BeforeAll
  static void upstreams(@TempDir Path dir) throws Exception {
    upstreamCa = DeviceCa.generate("scope-upstream-ca");
    localhostUpstream = new TestUpstream(upstreamCa, "localhost");
    unlistedUpstream = new TestUpstream(upstreamCa, "unlisted.example");
    ipUpstream = new TestUpstream(upstreamCa, "127.0.0.1");
    upstreamCaFile = localhostUpstream.writeCaPem(dir);
  }

  @AfterAll
  static void stop() {
    localhostUpstream.close();
    unlistedUpstream.close();
    ipUpstream.close();
  }

  static ProxyFixture fixture(Path dir, ProxySettings settings) throws Exception {
    PolicyDocument document = TestPolicies.document(List.of()).withProxy(settings);
    return new ProxyFixture(dir, document, ModeHandlers.none(), upstreamCaFile, null);
  }

  static ProxySettings settings(boolean inspectAll, List<String> bypass) {
    return new ProxySettings(inspectAll, bypass, null, null, null, null).validated("policy.proxy");
  }

  static X509Certificate issuerSeen(SSLSocket tls) throws Exception {
    return (X509Certificate) tls.getSession().getPeerCertificates()[0];
  }

  static boolean issuedBy(SSLSocket tls, DeviceCa ca) throws Exception {
    return issuerSeen(tls)
        .getIssuerX500Principal()
        .equals(ca.certificate().getSubjectX500Principal());
  }

  @Test
  void scope_aiNameInSni_behindIpLiteralConnect_intercepted(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, ProxySettings.DEFAULT)) {
      SSLSocket tls =
          proxy.connect(
              "127.0.0.1", localhostUpstream.port(), "localhost", proxy.deviceCa.certificate());
      assertThat(issuedBy(tls, proxy.deviceCa)).isTrue();
      String response =
          ProxyFixture.post(
              tls, "localhost", "/v1/chat/completions", "{\"k\":\"" + AWS_KEY + "\"}", "");
      assertThat(response).startsWith("HTTP/1.1 403").contains("credential_detected");
      assertThat(localhostUpstream.bodies).noneMatch(b -> b.contains(AWS_KEY));
    }
  }

  @Test
  void scope_nonAiSni_tunnelledWithTheRealCertificate(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, ProxySettings.DEFAULT)) {
      SSLSocket tls =
          proxy.connect(
              "127.0.0.1", unlistedUpstream.port(), "unlisted.example", upstreamCa.certificate());
      assertThat(issuedBy(tls, upstreamCa)).isTrue();
      String response =
          ProxyFixture.post(tls, "unlisted.example", "/v1/chat/completions", AI_BODY, "");
      assertThat(response).startsWith("HTTP/1.1 201"); // not decrypted: the agent cannot see it
    }
  }

  @Test
  void scope_inspectAll_unlistedHost_aiShapedDenied_ordinaryForwarded(@TempDir Path dir)
      throws Exception {
    try (ProxyFixture proxy = fixture(dir, settings(true, List.of()))) {
      SSLSocket tls =
          proxy.connect(
              "127.0.0.1",
              unlistedUpstream.port(),
              "unlisted.example",
              proxy.deviceCa.certificate());
      assertThat(issuedBy(tls, proxy.deviceCa)).isTrue();
      String denied = ProxyFixture.post(tls, "unlisted.example", "/internal/llm", AI_BODY, "");
      assertThat(denied).startsWith("HTTP/1.1 403").contains(RequestDecider.UNRECOGNISED);
      List<AuditEvent> audit = proxy.audit();
      assertThat(audit)
          .anyMatch(
              e ->
                  e.layer() == AuditLayer.DESTINATION
                      && e.reason().contains("not an approved AI destination")
                      && e.destinationHost().equals("unlisted.example"));

      SSLSocket second =
          proxy.connect(
              "127.0.0.1",
              unlistedUpstream.port(),
              "unlisted.example",
              proxy.deviceCa.certificate());
      String forwarded =
          ProxyFixture.post(second, "unlisted.example", "/v1/chat/completions", PLAIN_BODY, "");
      // A known AI path with a POST at an unlisted host is denied even when the body is not chat.
      assertThat(forwarded).startsWith("HTTP/1.1 403");
      SSLSocket third =
          proxy.connect(
              "127.0.0.1",
              unlistedUpstream.port(),
              "unlisted.example",
              proxy.deviceCa.certificate());
      String ordinary = ProxyFixture.post(third, "unlisted.example", "/api/users", PLAIN_BODY, "");
      // Ordinary web traffic reaches the upstream (its own 404 for a path it does not serve).
      assertThat(ordinary).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void scope_inspectAll_bypassHost_tunnelled(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, settings(true, List.of("unlisted.example")))) {
      SSLSocket tls =
          proxy.connect(
              "127.0.0.1", unlistedUpstream.port(), "unlisted.example", upstreamCa.certificate());
      assertThat(issuedBy(tls, upstreamCa)).isTrue();
    }
  }

  @Test
  void scope_bypassListCannotExemptAnAiDestination(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, settings(false, List.of("localhost")))) {
      SSLSocket tls =
          proxy.connect(
              "localhost", localhostUpstream.port(), "localhost", proxy.deviceCa.certificate());
      assertThat(issuedBy(tls, proxy.deviceCa)).isTrue();
    }
  }

  @Test
  void scope_noSniAndIpLiteral_interceptedNeverWavedThrough(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, ProxySettings.DEFAULT)) {
      SSLSocket tls =
          proxy.connect("127.0.0.1", ipUpstream.port(), null, proxy.deviceCa.certificate());
      assertThat(issuedBy(tls, proxy.deviceCa)).isTrue();
      String denied = ProxyFixture.post(tls, "127.0.0.1", "/run", AI_BODY, "");
      assertThat(denied).startsWith("HTTP/1.1 403").contains(RequestDecider.UNRECOGNISED);
      SSLSocket again =
          proxy.connect("127.0.0.1", ipUpstream.port(), null, proxy.deviceCa.certificate());
      int before = ipUpstream.bodies.size();
      String ordinary =
          ProxyFixture.post(again, "127.0.0.1", "/v1/chat/completions", PLAIN_BODY, "");
      assertThat(ordinary).startsWith("HTTP/1.1 403"); // known AI API path: still denied
      assertEquals(before, ipUpstream.bodies.size());
    }
  }

  @Test
  void scope_plaintextInsideConnectToAiName_closed(@TempDir Path dir) throws Exception {
    try (ProxyFixture proxy = fixture(dir, ProxySettings.DEFAULT);
        Socket socket = new Socket(proxy.address.getAddress(), proxy.address.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("CONNECT localhost:"
                      + localhostUpstream.port()
                      + " HTTP/1.1\r\nHost: x\r\n\r\n"
                      + "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Length: 2\r\n\r\n{}")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(ProxyFixture.readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
      assertEquals(-1, socket.getInputStream().read());
    }
  }

  @Test
  void scope_decompressionBombOverPolicyRatio_refused(@TempDir Path dir) throws Exception {
    ProxySettings ratio =
        new ProxySettings(false, null, null, 10, null, null).validated("policy.proxy");
    try (ProxyFixture proxy = fixture(dir, ratio)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(new byte[4 * 1024 * 1024]);
      }
      SSLSocket tls =
          proxy.connect(
              "localhost", localhostUpstream.port(), "localhost", proxy.deviceCa.certificate());
      String bomb = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
      tls.getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Encoding: gzip\r\n"
                      + "Content-Length: "
                      + out.size()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().write(out.toByteArray());
      String response = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 403").contains("decompression_bomb");
      assertThat(bomb).isNotEmpty();
    }
  }

  @Test
  void transparent_sniScopedAndDecided_resolverFailureCloses(@TempDir Path dir) throws Exception {
    PolicyDocument document = TestPolicies.document(List.of());
    InetSocketAddress original = new InetSocketAddress("127.0.0.1", localhostUpstream.port());
    try (ProxyFixture proxy =
        new ProxyFixture(dir, document, ModeHandlers.none(), upstreamCaFile, ch -> original)) {
      Socket raw = new Socket(proxy.address.getAddress(), proxy.address.getPort());
      raw.setSoTimeout(10_000);
      SSLSocket tls = ProxyFixture.handshake(raw, "localhost", proxy.deviceCa.certificate());
      assertThat(issuedBy(tls, proxy.deviceCa)).isTrue();
      assertThat(ProxyFixture.post(tls, "localhost", "/v1/chat/completions", AI_BODY, ""))
          .startsWith("HTTP/1.1 201");
      Socket raw2 = new Socket(proxy.address.getAddress(), proxy.address.getPort());
      raw2.setSoTimeout(10_000);
      SSLSocket blocked = ProxyFixture.handshake(raw2, "localhost", proxy.deviceCa.certificate());
      assertThat(
              ProxyFixture.post(
                  blocked, "localhost", "/v1/chat/completions", "{\"k\":\"" + AWS_KEY + "\"}", ""))
          .startsWith("HTTP/1.1 403");
    }
    try (ProxyFixture failing =
            new ProxyFixture(
                dir.resolve("b"),
                document,
                ModeHandlers.none(),
                upstreamCaFile,
                ch -> {
                  throw new java.io.IOException("not redirected");
                });
        Socket raw = new Socket(failing.address.getAddress(), failing.address.getPort())) {
      raw.setSoTimeout(10_000);
      assertThrows(
          Exception.class,
          () -> ProxyFixture.handshake(raw, "localhost", failing.deviceCa.certificate()));
    }
  }
}
