package dev.tether.server.audit.report;

import dev.tether.core.policy.ResponseMode;

/** One colour per response mode, shared by the HTML chart and the PDF chart. */
final class ModeColors {
  private ModeColors() {}

  /** RGB of {@code mode}. */
  static int rgb(ResponseMode mode) {
    return switch (mode) {
      case ALLOW -> 0x2e7d32;
      case WARN -> 0xf9a825;
      case COACH -> 0xef6c00;
      case REQUEST -> 0x1565c0;
      case WATERMARK -> 0x00838f;
      case REDACT -> 0x6a1b9a;
      case BLOCK -> 0xc62828;
    };
  }

  static String hex(ResponseMode mode) {
    return String.format("#%06x", rgb(mode));
  }
}
