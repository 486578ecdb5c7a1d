package dev.tether.server.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Accepts gzip request bodies ({@code Content-Encoding: gzip}, sent by the agent's audit uploader).
 * The decompressed stream is what {@link TetherJsonProvider} bounds, so a compression bomb is cut
 * off at the type's body limit like any other oversized body. Other encodings are refused (415).
 */
@Provider
public class GzipRequestBodies implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    String encoding = context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return context.proceed();
    }
    if (!encoding.trim().equalsIgnoreCase("gzip")) {
      throw new jakarta.ws.rs.NotSupportedException(
          "Content-Encoding: expected gzip or identity, got \"" + encoding + "\"");
    }
    context.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
    try {
      context.setInputStream(new GZIPInputStream(context.getInputStream()));
      return context.proceed();
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new jakarta.ws.rs.BadRequestException("body: malformed gzip: " + e.getMessage());
    }
  }
}
