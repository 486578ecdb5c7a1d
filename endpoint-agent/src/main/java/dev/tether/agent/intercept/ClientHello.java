package dev.tether.agent.intercept;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the server name (SNI) from the first TLS record of a connection without consuming it.
 * Bounded: one record, at most {@link #MAX_RECORD} bytes.
 */
final class ClientHello {
  /** Largest TLS plaintext record plus header. */
  static final int MAX_RECORD = 16_384 + 5;

  private ClientHello() {}

  /** What the first bytes are. */
  sealed interface Peek {}

  /** More bytes are needed to decide. */
  record NeedMore() implements Peek {}

  /** Not a TLS handshake record. */
  record NotTls() implements Peek {}

  /** A TLS ClientHello; {@code sni} empty when the client sent none. */
  record Tls(Optional<String> sni) implements Peek {}

  static Peek peek(ByteBuf buf) {
    int start = buf.readerIndex();
    int available = buf.readableBytes();
    if (available < 1) {
      return new NeedMore();
    }
    if (buf.getUnsignedByte(start) != 0x16) {
      return new NotTls();
    }
    if (available < 5) {
      return new NeedMore();
    }
    int length = buf.getUnsignedShort(start + 3);
    if (length + 5 > MAX_RECORD) {
      return new NotTls();
    }
    if (available < 5 + length) {
      return new NeedMore();
    }
    try {
      return new Tls(sni(buf, start + 5, start + 5 + length));
    } catch (IndexOutOfBoundsException e) {
      return new Tls(Optional.empty()); // truncated hello: treated as no SNI
    }
  }

  private static Optional<String> sni(ByteBuf buf, int pos, int end) {
    if (buf.getUnsignedByte(pos) != 1) { // handshake type client_hello
      return Optional.empty();
    }
    int p = pos + 4 + 2 + 32; // type+length, client_version, random
    p += 1 + buf.getUnsignedByte(p); // session id
    p += 2 + buf.getUnsignedShort(p); // cipher suites
    p += 1 + buf.getUnsignedByte(p); // compression methods
    if (p + 2 > end) {
      return Optional.empty();
    }
    int extensionsEnd = Math.min(end, p + 2 + buf.getUnsignedShort(p));
    p += 2;
    while (p + 4 <= extensionsEnd) {
      int type = buf.getUnsignedShort(p);
      int len = buf.getUnsignedShort(p + 2);
      p += 4;
      if (type == 0 && len >= 5) { // server_name: list length, name type 0, name length, name
        int nameLength = buf.getUnsignedShort(p + 3);
        if (buf.getUnsignedByte(p + 2) == 0 && nameLength > 0 && nameLength <= 255) {
          String name = buf.toString(p + 5, nameLength, StandardCharsets.US_ASCII);
          return name.matches("[A-Za-z0-9.-]+") ? Optional.of(name) : Optional.empty();
        }
        return Optional.empty();
      }
      p += len;
    }
    return Optional.empty();
  }
}
