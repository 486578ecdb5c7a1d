package dev.tether.agent.intercept;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class ClientHelloTest {
  /** A real ClientHello from the JDK's TLS client, with or without SNI. */
  static byte[] clientHello(String sni) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, null, null);
    SSLEngine engine = ctx.createSSLEngine();
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
    engine.setSSLParameters(params);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }

  @Test
  void peek_realClientHello_readsSniWithoutConsuming() throws Exception {
    ByteBuf buf = Unpooled.wrappedBuffer(clientHello("api.openai.com"));
    int before = buf.readerIndex();
    assertThat(ClientHello.peek(buf)).isEqualTo(new ClientHello.Tls(Optional.of("api.openai.com")));
    assertThat(buf.readerIndex()).isEqualTo(before);
  }

  @Test
  void peek_noSni_tlsWithEmptyName() throws Exception {
    assertThat(ClientHello.peek(Unpooled.wrappedBuffer(clientHello(null))))
        .isEqualTo(new ClientHello.Tls(Optional.empty()));
  }

  @Test
  void peek_partialRecord_needsMore() throws Exception {
    byte[] hello = clientHello("example.org");
    for (int cut : new int[] {0, 1, 4, 5, hello.length - 1}) {
      assertThat(ClientHello.peek(Unpooled.wrappedBuffer(hello, 0, cut)))
          .as("first %d bytes", cut)
          .isInstanceOf(ClientHello.NeedMore.class);
    }
  }

  @Test
  void peek_plainHttpProxyRequest_notTls() {
    ByteBuf buf =
        Unpooled.copiedBuffer(
            "CONNECT api.openai.com:443 HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
    assertThat(ClientHello.peek(buf)).isInstanceOf(ClientHello.NotTls.class);
  }

  @Test
  void peek_oversizedRecordLength_notTls() {
    ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0x16, 3, 1, (byte) 0xff, (byte) 0xff});
    assertThat(ClientHello.peek(buf)).isInstanceOf(ClientHello.NotTls.class);
  }

  @Test
  void peek_garbageInsideHandshakeRecord_noSniNotException() {
    byte[] record = new byte[5 + 40];
    record[0] = 0x16;
    record[1] = 3;
    record[2] = 1;
    record[4] = 40;
    record[5] = 1; // client_hello, then lengths that point past the end
    record[5 + 38] = (byte) 0xff;
    assertThat(ClientHello.peek(Unpooled.wrappedBuffer(record)))
        .isEqualTo(new ClientHello.Tls(Optional.empty()));
  }
}
