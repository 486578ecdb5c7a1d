package dev.tether.server.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code detail} names the key and the value and never carries a secret
 * or a payload.
 */
public record Problem(String type, String title, int status, String detail) {
  /** Media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem response with {@code type} {@code about:blank} and the status's reason phrase. */
  public static Response response(int status, String detail) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    return Response.status(status)
        .type(MediaType.valueOf(MEDIA_TYPE))
        .entity(new Problem("about:blank", title, status, detail))
        .build();
  }
}
