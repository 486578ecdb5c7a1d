package dev.tether.agent.pipeline;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Decodes compressed request bodies for inspection: {@code gzip}, {@code deflate} (zlib or raw),
 * {@code br} and {@code zstd}, also stacked (undone last to first), with pure-Java decoders. Two
 * bounds protect against decompression bombs: the decoded size never exceeds {@code maxBytes}, and
 * never exceeds {@code maxRatio} times the encoded size (plus {@value #RATIO_FLOOR_BYTES} bytes, so
 * small, highly repetitive prompts still pass). Unknown encodings are refused: what cannot be read
 * cannot be allowed.
 */
public final class BodyDecoder {
  /** Decoding ratio bound used when the caller has no policy value. */
  public static final int DEFAULT_MAX_RATIO = 200;

  /** Output always allowed regardless of the ratio. */
  public static final int RATIO_FLOOR_BYTES = 64 * 1024;

  private static final int MAX_CODINGS = 4;

  private BodyDecoder() {}

  /** The decoded body exceeds the bound, or the encoding is unsupported. */
  public static final class UninspectableBodyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    UninspectableBodyException(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** {@link #decode(byte[], String, int, int)} with {@link #DEFAULT_MAX_RATIO}. */
  public static byte[] decode(byte[] body, String contentEncoding, int maxBytes)
      throws IOException, UninspectableBodyException {
    return decode(body, contentEncoding, maxBytes, DEFAULT_MAX_RATIO);
  }

  /**
   * @throws UninspectableBodyException code {@code unsupported_content_encoding} for unknown or too
   *     many stacked encodings, {@code body_too_large} for output above {@code maxBytes}, {@code
   *     decompression_bomb} for output above the ratio bound
   * @throws IOException for corrupt compressed data
   */
  public static byte[] decode(byte[] body, String contentEncoding, int maxBytes, int maxRatio)
      throws IOException, UninspectableBodyException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    long ratioBound = (long) body.length * Math.max(1, maxRatio) + RATIO_FLOOR_BYTES;
    byte[] current = body;
    String[] codings = contentEncoding.toLowerCase(Locale.ROOT).split(",");
    if (codings.length > MAX_CODINGS) {
      throw new UninspectableBodyException(
          "unsupported_content_encoding",
          "Content-Encoding: at most " + MAX_CODINGS + " codings, got " + codings.length);
    }
    // Codings are listed in the order applied; undo them last to first.
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].trim();
      InputStream in = new ByteArrayInputStream(current);
      current =
          switch (coding) {
            case "identity", "" -> current;
            case "gzip", "x-gzip" -> read(new GZIPInputStream(in), maxBytes, ratioBound);
            case "deflate" ->
                read(
                    new InflaterInputStream(in, new Inflater(!zlibHeader(current))),
                    maxBytes,
                    ratioBound);
            case "br" -> read(new BrotliInputStream(in), maxBytes, ratioBound);
            case "zstd" -> read(new ZstdInputStream(in), maxBytes, ratioBound);
            default ->
                throw new UninspectableBodyException(
                    "unsupported_content_encoding",
                    "unsupported Content-Encoding \"" + clip(coding) + "\"");
          };
    }
    return current;
  }

  /** HTTP {@code deflate} is zlib-wrapped (RFC 9110), but some clients send raw DEFLATE. */
  private static boolean zlibHeader(byte[] data) {
    return data.length >= 2
        && (data[0] & 0x0f) == 8
        && (((data[0] & 0xff) << 8) | (data[1] & 0xff)) % 31 == 0;
  }

  private static String clip(String coding) {
    return coding.length() > 40 ? coding.substring(0, 40) + "..." : coding;
  }

  private static byte[] read(InputStream in, int maxBytes, long ratioBound)
      throws IOException, UninspectableBodyException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
        if (total > maxBytes) {
          throw new UninspectableBodyException(
              "body_too_large", "decompressed body exceeds the limit of " + maxBytes + " bytes");
        }
        if (total > ratioBound) {
          throw new UninspectableBodyException(
              "decompression_bomb",
              "decompressed body exceeds the decompression-ratio bound (" + ratioBound + " bytes)");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (RuntimeException e) {
      // Pure-Java decoders signal some corrupt inputs with unchecked exceptions.
      throw new IOException("corrupt compressed body", e);
    }
  }
}
