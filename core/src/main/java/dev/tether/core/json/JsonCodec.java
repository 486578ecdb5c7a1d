package dev.tether.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bounded, deterministic JSON encoding and decoding of Tether's records.
 *
 * <p>Guarantees: {@link #read} never accepts a document larger than {@link #MAX_DOCUMENT_BYTES},
 * deeper than {@link #MAX_NESTING_DEPTH}, with duplicate keys, trailing tokens or unknown
 * properties; {@link #write} always produces the same bytes for equal values (properties and map
 * keys sorted, instants as ISO-8601 strings, nulls omitted).
 */
public final class JsonCodec {

  /** Largest JSON document any Tether component will parse. */
  public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

  /** Deepest nesting accepted. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** Longest single string value accepted. */
  public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

  private static final ObjectMapper MAPPER = buildMapper();

  private JsonCodec() {}

  private static ObjectMapper buildMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(64)
                .build());
    return mapper;
  }

  /**
   * Decodes {@code json} into {@code type}.
   *
   * @throws JsonFormatException naming the type and the problem, for any malformed, oversized or
   *     schema-violating input; never returns a partially filled object
   */
  public static <T> T read(byte[] json, Class<T> type) {
    if (json.length > MAX_DOCUMENT_BYTES) {
      throw new JsonFormatException(
          type.getSimpleName()
              + ": document of "
              + json.length
              + " bytes exceeds the limit of "
              + MAX_DOCUMENT_BYTES);
    }
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new JsonFormatException(type.getSimpleName() + ": expected an object, got null");
      }
      return value;
    } catch (JsonFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new JsonFormatException(type.getSimpleName() + ": " + firstLine(rootMessage(e)), e);
    }
  }

  /** Decodes a UTF-8 string; see {@link #read(byte[], Class)}. */
  public static <T> T read(String json, Class<T> type) {
    return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
  }

  /** Encodes {@code value} deterministically as UTF-8 JSON. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** Encodes {@code value} deterministically as a JSON string. */
  public static String writeString(Object value) {
    return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
