package dev.tether.core.audit.log;

import java.util.HexFormat;

/** Lowercase hex for messages. */
final class Hex {
  private Hex() {}

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
