package dev.tether.core.json;

/** Malformed, oversized or schema-violating JSON. The message names the type and the problem. */
public final class JsonFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JsonFormatException(String message) {
    super(message);
  }

  public JsonFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
