package dev.tether.agent.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decodes {@code gzip} / {@code deflate} request bodies for inspection, with a bound on the
 * decompressed size (zip bombs). Unknown encodings are refused: what cannot be read cannot be
 * allowed.
 */
public final class BodyDecoder {
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

  /**
   * @throws UninspectableBodyException for unsupported encodings or output above {@code maxBytes}
   * @throws IOException for corrupt compressed data
   */
  public static byte[] decode(byte[] body, String contentEncoding, int maxBytes)
      throws IOException, UninspectableBodyException {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return body;
    }
    byte[] current = body;
    String[] codings = contentEncoding.toLowerCase(Locale.ROOT).split(",");
    // Codings are listed in the order applied; undo them last to first.
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].trim();
      switch (coding) {
        case "identity":
        case "":
          break;
        case "gzip":
        case "x-gzip":
          current = inflate(new GZIPInputStream(new ByteArrayInputStream(current)), maxBytes);
          break;
        case "deflate":
          current = inflate(new InflaterInputStream(new ByteArrayInputStream(current)), maxBytes);
          break;
        default:
          throw new UninspectableBodyException(
              "unsupported_content_encoding", "unsupported Content-Encoding \"" + coding + "\"");
      }
    }
    return current;
  }

  private static byte[] inflate(InputStream in, int maxBytes)
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
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
