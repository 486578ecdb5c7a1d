package dev.tether.server.web;

import dev.tether.server.audit.AuditRejectedException;
import dev.tether.server.audit.AuditUnavailableException;
import dev.tether.server.policy.TetherException;
import dev.tether.server.policy.identity.AuthenticationFailure;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;

/**
 * Turns every failure into a problem response: expected failures keep their message (it names the
 * key and value), anything unexpected becomes a 500 whose detail reveals nothing and is logged.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());
  private static final java.util.List<String> KEPT_HEADERS =
      java.util.List.of(
          HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER, "Accept-Post");

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable failure = thrown;
    while (failure instanceof EJBException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof AuthenticationFailure e) {
      Response.ResponseBuilder r =
          Response.fromResponse(Problem.response(e.status(), e.getMessage()));
      if (e.retryAfterSeconds() > 0) {
        r.header(jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
      }
      return r.build();
    }
    if (failure instanceof TetherException e) {
      return Problem.response(status(e.kind()), e.getMessage());
    }
    if (failure instanceof AuditRejectedException e) {
      return Problem.response(403, e.getMessage());
    }
    if (failure instanceof AuditUnavailableException e) {
      // Nothing was promised stored: the agent keeps the batch spooled and retries later.
      LOG.log(Level.WARNING, e.getMessage());
      return Response.fromResponse(
              Problem.response(503, "audit ingestion unavailable; retry later"))
          .header("Retry-After", "30")
          .build();
    }
    if (failure instanceof IllegalArgumentException e) {
      return Problem.response(400, e.getMessage());
    }
    if (failure instanceof WebApplicationException e
        && e.getResponse().getEntity() instanceof Problem) {
      return e.getResponse();
    }
    if (failure instanceof WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      if (status >= 500) {
        LOG.log(Level.ERROR, "request failed", e);
      }
      // Keep the headers the status needs (Allow on 405, WWW-Authenticate on 401, Retry-After).
      Response.ResponseBuilder problem =
          Response.fromResponse(Problem.response(status, e.getMessage()));
      for (String header : KEPT_HEADERS) {
        Object value = original.getHeaders().getFirst(header);
        if (value != null) {
          problem.header(header, value);
        }
      }
      return problem.build();
    }
    LOG.log(Level.ERROR, "unexpected failure", thrown);
    return Problem.response(500, "internal error; see the server log");
  }

  private static int status(TetherException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PRECONDITION_FAILED -> 412;
      case PRECONDITION_REQUIRED -> 428;
    };
  }
}
