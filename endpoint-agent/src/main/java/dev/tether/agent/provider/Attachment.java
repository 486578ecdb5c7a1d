package dev.tether.agent.provider;

import java.util.Objects;

/**
 * A file or inline data carried by a request: a multipart file part, a base64 {@code data:} URL,
 * Gemini {@code inline_data}, or a reference to an uploaded file id.
 *
 * @param name file name, form field or file id (never content)
 * @param mediaType declared media type, or {@code application/octet-stream}
 * @param bytes decoded size in bytes (0 for a file-id reference)
 * @param text the content as text when it is text (UTF-8 that decodes cleanly), else {@code null}
 */
public record Attachment(String name, String mediaType, int bytes, String text) {
  public Attachment {
    Objects.requireNonNull(name, "name");
    mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes: expected >= 0, got " + bytes);
    }
  }

  @Override
  public String toString() {
    return "Attachment[" + name + ", " + mediaType + ", " + bytes + " bytes]";
  }
}
