package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.BodyDecoder;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Redaction;
import dev.tether.core.rules.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Redact mode's request side: decodes the body as the detector stage did, rescans it with the same
 * policy's engine, replaces the findings of the decided detectors with typed placeholders ({@link
 * Redactor}) and re-encodes the body to its {@code Content-Encoding} (identity, gzip, deflate; any
 * other encoding throws, and the enforcer then blocks).
 */
final class Redactions {
  private Redactions() {}

  /**
   * The redacted body, re-encoded, its text, and the placeholder map (original values: in memory
   * only, never logged; {@code toString} shows no values).
   */
  record Redacted(byte[] body, String text, java.util.Map<String, String> originals) {
    @Override
    public String toString() {
      return "Redacted[placeholders=" + originals.keySet() + "]";
    }
  }

  static Redacted redact(
      InspectedRequest request,
      ActivePolicy policy,
      ContentScanner scanner,
      Set<String> detectorIds,
      int maxDecodedBytes)
      throws IOException {
    byte[] decoded;
    try {
      decoded = BodyDecoder.decode(request.body(), request.contentEncoding(), maxDecodedBytes);
    } catch (BodyDecoder.UninspectableBodyException e) {
      throw new IOException("redact: body cannot be decoded: " + e.code());
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    List<Finding> findings =
        scanner.forPolicy(policy).scan(text).stream()
            .filter(f -> detectorIds.contains(f.detectorId()))
            .toList();
    if (findings.isEmpty()) {
      throw new IOException("redact: the decided findings are no longer found");
    }
    Redaction redaction = Redactor.redact(text, findings);
    java.util.Map<String, String> originals = new java.util.LinkedHashMap<>();
    for (String placeholder : redaction.placeholders()) {
      originals.put(placeholder, redaction.originalOf(placeholder));
    }
    return new Redacted(
        encode(redaction.text().getBytes(StandardCharsets.UTF_8), request.contentEncoding()),
        redaction.text(),
        originals);
  }

  /** {@code body} encoded as {@code contentEncoding}. */
  static byte[] encode(byte[] body, String contentEncoding) throws IOException {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (encoding.isEmpty() || encoding.equals("identity")) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
    OutputStream encoder;
    switch (encoding) {
      case "gzip", "x-gzip" -> encoder = new GZIPOutputStream(out);
      case "deflate" -> encoder = new DeflaterOutputStream(out);
      default ->
          throw new IOException(
              "cannot re-encode a rewritten body as Content-Encoding " + encoding);
    }
    try (encoder) {
      encoder.write(body);
    }
    return out.toByteArray();
  }
}
