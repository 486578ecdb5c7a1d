package dev.tether.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.TetherException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemMapperTest {
  private final ProblemMapper mapper = new ProblemMapper();

  @Test
  void toResponse_unexpectedException_500WithoutInternals() {
    Response response =
        mapper.toResponse(new IllegalStateException("db password=hunter2 at dev.tether.Foo"));
    assertEquals(500, response.getStatus());
    assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
    Problem problem = (Problem) response.getEntity();
    assertEquals("internal error; see the server log", problem.detail());
    assertFalse(problem.toString().contains("hunter2"));
  }

  @Test
  void toResponse_notAllowed_keepsAllowHeader() {
    Response response =
        mapper.toResponse(
            new NotAllowedException(Response.status(405).allow("GET", "PUT").build()));
    assertEquals(405, response.getStatus());
    assertTrue(response.getHeaderString("Allow").contains("PUT"), response.getHeaders()::toString);
  }

  @Test
  void toResponse_auditUnavailable_503RetryAfterWithoutBrokerDetails() {
    Response response =
        mapper.toResponse(
            new jakarta.ejb.EJBException(
                new dev.tether.server.audit.AuditUnavailableException(
                    "audit ingest: Kafka topic t did not acknowledge 3 events of device d"
                        + " (TimeoutException: broker-7.internal:9092)",
                    null)));
    assertEquals(503, response.getStatus());
    assertEquals("30", response.getHeaderString("Retry-After"));
    assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
    assertFalse(response.getEntity().toString().contains("broker-7"), "no internals");
  }

  @ParameterizedTest
  @CsvSource({
    "PRECONDITION_FAILED, 412, Precondition Failed",
    "PRECONDITION_REQUIRED, 428, Precondition Required",
    "NOT_FOUND, 404, Not Found",
    "CONFLICT, 409, Conflict",
  })
  void toResponse_tetherException_statusAndTitle(
      TetherException.Kind kind, int status, String title) {
    Response response = mapper.toResponse(new TetherException(kind, "key: value"));
    assertEquals(status, response.getStatus());
    assertEquals(title, ((Problem) response.getEntity()).title());
    assertEquals(title, response.getStatusInfo().getReasonPhrase());
  }
}
