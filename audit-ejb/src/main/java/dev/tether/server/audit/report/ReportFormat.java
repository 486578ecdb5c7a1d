package dev.tether.server.audit.report;

import java.util.Arrays;
import java.util.Locale;

/** The formats a decision report is rendered in, with their media types and file extensions. */
public enum ReportFormat {
  HTML("text/html; charset=utf-8", "html"),
  PDF("application/pdf", "pdf"),
  CSV("text/csv; charset=utf-8", "csv"),
  JSON("application/json", "json");

  private final String mediaType;
  private final String extension;

  ReportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /**
   * Parses a format name (case-insensitive; default HTML when blank).
   *
   * @throws IllegalArgumentException naming the key and the accepted values
   */
  public static ReportFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return HTML;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "format: expected one of "
              + Arrays.toString(values()).toLowerCase(Locale.ROOT)
              + ", got \""
              + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
              + "\"");
    }
  }
}
