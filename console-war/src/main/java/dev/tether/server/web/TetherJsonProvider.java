package dev.tether.server.web;

import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.JudgeRequest;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.server.policy.simulate.SimulationRequest;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * Reads and writes every Tether value (and lists of them) with {@link JsonCodec}, the one codec the
 * agent uses too. Request bodies are bounded per type; a larger body is refused with 413 before it
 * is parsed.
 */
@Provider
@Priority(Priorities.USER - 1000)
@Consumes({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TetherJsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
  /** Largest audit batch body. */
  public static final int MAX_AUDIT_BATCH_BYTES = 4 * 1024 * 1024;

  /** Largest policy document body. */
  public static final int MAX_POLICY_BYTES = 6 * 1024 * 1024;

  /** Largest cloud-judge escalation body (32 Ki characters of redacted text, JSON-escaped). */
  public static final int MAX_JUDGE_REQUEST_BYTES = 256 * 1024;

  /**
   * Largest policy-simulation body: a draft policy up to {@link #MAX_POLICY_BYTES} plus the payload
   * (its own limit, {@code SimulationRequest.MAX_PAYLOAD_CHARS}, answers 413 too).
   */
  public static final int MAX_SIMULATION_BYTES = JsonCodec.MAX_DOCUMENT_BYTES;

  /** Largest body of any other request (enroll, heartbeat, admin requests). */
  public static final int MAX_SMALL_BODY_BYTES = 64 * 1024;

  static int limitFor(Class<?> type) {
    if (type == AuditBatch.class) {
      return MAX_AUDIT_BATCH_BYTES;
    }
    if (type == PolicyDocument.class) {
      return MAX_POLICY_BYTES;
    }
    if (type == JudgeRequest.class) {
      return MAX_JUDGE_REQUEST_BYTES;
    }
    if (type == SimulationRequest.class) {
      return MAX_SIMULATION_BYTES;
    }
    return MAX_SMALL_BODY_BYTES;
  }

  private static boolean tetherType(Class<?> type) {
    return type.getName().startsWith("dev.tether.");
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType media) {
    return tetherType(type);
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type generic,
      Annotation[] annotations,
      MediaType media,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    int limit = limitFor(type);
    byte[] bytes = body.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new WebApplicationException(
          "body: " + type.getSimpleName() + " larger than the limit of " + limit + " bytes", 413);
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException(
          "body: " + type.getSimpleName() + " required, got an empty body");
    }
    return JsonCodec.read(bytes, type);
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type generic, Annotation[] annotations, MediaType media) {
    return tetherType(type)
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type generic,
      Annotation[] annotations,
      MediaType media,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(JsonCodec.write(value));
  }
}
