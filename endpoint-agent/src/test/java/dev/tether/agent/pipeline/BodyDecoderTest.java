package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
  @Test
  void decode_gzipBomb_overBound_throws() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[10 * 1024 * 1024]);
    }
    BodyDecoder.UninspectableBodyException e =
        assertThrows(
            BodyDecoder.UninspectableBodyException.class,
            () -> BodyDecoder.decode(out.toByteArray(), "gzip", 1024 * 1024));
    assertEquals("body_too_large", e.code());
  }

  @Test
  void decode_identity_returnsBody() throws Exception {
    assertEquals(3, BodyDecoder.decode(new byte[3], "identity", 10).length);
  }
}
