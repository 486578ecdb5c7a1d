package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyDecoderTest {
  static final byte[] PROMPT =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello brotli\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  interface Wrap {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  static byte[] encode(byte[] data, Wrap wrap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream encoder = wrap.wrap(out)) {
      encoder.write(data);
    }
    return out.toByteArray();
  }

  static byte[] encode(String coding, byte[] data) throws IOException {
    return switch (coding) {
      case "gzip" -> encode(data, GZIPOutputStream::new);
      case "deflate" -> encode(data, DeflaterOutputStream::new);
      case "raw-deflate" ->
          encode(
              data,
              out ->
                  new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true)));
      case "zstd" -> encode(data, ZstdOutputStream::new);
      default -> throw new IllegalArgumentException(coding);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "deflate", "raw-deflate", "zstd"})
  void decode_eachCoding_roundTrips(String coding) throws Exception {
    String header = coding.equals("raw-deflate") ? "deflate" : coding;
    assertArrayEquals(PROMPT, BodyDecoder.decode(encode(coding, PROMPT), header, 1 << 20));
  }

  @Test
  void decode_brotli_fixtureFromTheReferenceEncoder() throws Exception {
    byte[] encoded;
    try (InputStream in = BodyDecoderTest.class.getResourceAsStream("prompt.json.br")) {
      encoded = in.readAllBytes();
    }
    assertArrayEquals(PROMPT, BodyDecoder.decode(encoded, "br", 1 << 20));
  }

  @Test
  void decode_stackedCodings_undoneLastToFirst() throws Exception {
    byte[] twice = encode("gzip", encode("zstd", PROMPT));
    assertArrayEquals(PROMPT, BodyDecoder.decode(twice, "zstd, gzip", 1 << 20));
  }

  @Test
  void decode_gzipBomb_overBound_throws() throws Exception {
    byte[] bomb = encode("gzip", new byte[10 * 1024 * 1024]);
    BodyDecoder.UninspectableBodyException e =
        assertThrows(
            BodyDecoder.UninspectableBodyException.class,
            () -> BodyDecoder.decode(bomb, "gzip", 1024 * 1024, 100_000));
    assertEquals("body_too_large", e.code());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "deflate", "zstd"})
  void decode_ratioOverBound_isDecompressionBomb(String coding) throws Exception {
    byte[] bomb = encode(coding, new byte[8 * 1024 * 1024]);
    BodyDecoder.UninspectableBodyException e =
        assertThrows(
            BodyDecoder.UninspectableBodyException.class,
            () -> BodyDecoder.decode(bomb, coding, 16 * 1024 * 1024, 100));
    assertEquals("decompression_bomb", e.code());
  }

  @Test
  void decode_highRatioSmallPrompt_underFloor_passes() throws Exception {
    byte[] repetitive = "a".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
    assertEquals(60_000, BodyDecoder.decode(encode("gzip", repetitive), "gzip", 1 << 20, 2).length);
  }

  @Test
  void decode_unknownCoding_refused() {
    BodyDecoder.UninspectableBodyException e =
        assertThrows(
            BodyDecoder.UninspectableBodyException.class,
            () -> BodyDecoder.decode(PROMPT, "compress", 1 << 20));
    assertEquals("unsupported_content_encoding", e.code());
  }

  @Test
  void decode_tooManyStackedCodings_refused() {
    assertThrows(
        BodyDecoder.UninspectableBodyException.class,
        () -> BodyDecoder.decode(PROMPT, "identity,identity,identity,identity,identity", 1 << 20));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gzip", "deflate", "br", "zstd"})
  void decode_corruptData_throwsIoException(String coding) {
    byte[] garbage = "this is not compressed data at all".getBytes(StandardCharsets.US_ASCII);
    assertThrows(IOException.class, () -> BodyDecoder.decode(garbage, coding, 1 << 20));
  }

  @Test
  void decode_identity_returnsBody() throws Exception {
    assertEquals(3, BodyDecoder.decode(new byte[3], "identity", 10).length);
  }
}
