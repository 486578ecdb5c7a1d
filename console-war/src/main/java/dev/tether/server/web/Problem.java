package dev.tether.server.web;

import dev.tether.server.policy.PolicyValidation.Violation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code detail} names the key and the value and never carries a
 * secret, a payload or a stack trace.
 *
 * @param errors extension member of validation problems: every error found, each with a JSON
 *     Pointer into the submitted document (absent otherwise)
 */
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
public record Problem(
    @Schema(description = "problem type URI; about:blank unless a more specific type applies")
        String type,
    @Schema(description = "the status's reason phrase") String title,
    @Schema(description = "the HTTP status code") int status,
    @Schema(description = "what was wrong, naming the key and the value") String detail,
    @Schema(description = "validation problems only: every error with its JSON Pointer")
        List<Violation> errors) {
  /** Media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Problem type of a policy document that failed validation. */
  public static final String POLICY_INVALID = "urn:tether:problem:policy-invalid";

  public Problem {
    errors = errors == null ? null : List.copyOf(errors);
  }

  /** A problem without validation errors. */
  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, null);
  }

  /** A problem response with {@code type} {@code about:blank} and the status's reason phrase. */
  public static Response response(int status, String detail) {
    return Response.status(status, title(status))
        .type(MediaType.valueOf(MEDIA_TYPE))
        .entity(new Problem("about:blank", title(status), status, detail))
        .build();
  }

  /** A validation problem listing every error; {@code detail} repeats the first. */
  public static Response invalid(int status, List<Violation> errors) {
    String detail = errors.isEmpty() ? "policy: invalid" : errors.get(0).message();
    return Response.status(status, title(status))
        .type(MediaType.valueOf(MEDIA_TYPE))
        .entity(new Problem(POLICY_INVALID, title(status), status, detail, errors))
        .build();
  }

  private static String title(int status) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    if (type != null) {
      return type.getReasonPhrase();
    }
    return switch (status) {
      case 422 -> "Unprocessable Content";
      case 428 -> "Precondition Required";
      default -> "HTTP " + status;
    };
  }
}
