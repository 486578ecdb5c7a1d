package dev.tether.nativehooks.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The calling process's effective capability set, from {@code /proc/self/status}. */
record Capabilities(long bits) {
  static final int CAP_NET_ADMIN = 12;

  static Capabilities ofThisProcess() {
    try {
      return parse(Files.readString(Path.of("/proc/self/status")));
    } catch (IOException | RuntimeException e) {
      return new Capabilities(0);
    }
  }

  static Capabilities parse(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("CapEff:")) {
        return new Capabilities(Long.parseUnsignedLong(line.substring(7).strip(), 16));
      }
    }
    return new Capabilities(0);
  }

  boolean has(int capability) {
    return (bits >>> capability & 1L) == 1L;
  }
}
