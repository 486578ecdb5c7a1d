package dev.tether.agent.enforce;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An append-only, authenticated journal of one ledger's entries (JSON records of type {@code T}),
 * one line per record: {@code base64(mac) TAB json LF}. The first line is a header naming the
 * format, the ledger kind and a random nonce; each line's MAC is HMAC-SHA256 ({@link LedgerKey})
 * over the kind, the previous line's MAC and the line's JSON, so lines cannot be edited, dropped
 * from the middle, reordered, moved to another ledger or spliced in from an older file.
 *
 * <p>Guarantees: an append is durable (fsync) before it returns, and a failed append is cut off
 * again; a crash during an append leaves at most the last line torn, which {@link #open} drops
 * (losing that entry only); {@link #rewrite} (compaction) replaces the file atomically ({@link
 * AtomicFiles}), so a crash during it leaves the old journal. Anything else that does not verify (a
 * complete line with a wrong MAC or bad JSON, a wrong header, an oversized file, a file others may
 * write) makes {@link #open} quarantine the whole file and start empty: it never throws for bad
 * content and never returns an entry that did not verify.
 */
final class LedgerJournal<T> {
  static final String FORMAT = "tether-ledger/1";

  /**
   * A journal larger than this is refused on load and compacted before it is reached (half of it
   * triggers compaction). Sized for the worst case of live entries: 1024 entries of at most about
   * 3.5 KiB each (every text field at its bound, multi-byte UTF-8).
   */
  static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

  /** Quarantined copies kept per ledger (older ones are deleted). */
  static final int KEEP_QUARANTINED = 3;

  private static final byte[] NO_MAC = new byte[32];

  /** The first line. */
  public record Header(String format, String kind, String nonce, Instant created) {
    public Header {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(nonce, "nonce");
    }
  }

  /**
   * What {@link #open} found.
   *
   * @param records every verified record, oldest first
   * @param problem why the file was quarantined, or {@code null}
   * @param tornTail true if a torn last line was dropped
   */
  record Loaded<T>(LedgerJournal<T> journal, List<T> records, String problem, boolean tornTail) {}

  private final Path file;
  private final String kind;
  private final Class<T> type;
  private final LedgerKey key;
  private final Clock clock;
  private byte[] lastMac;
  private long size;
  private int appended;

  private LedgerJournal(Path file, String kind, Class<T> type, LedgerKey key, Clock clock) {
    this.file = file;
    this.kind = kind;
    this.type = type;
    this.key = key;
    this.clock = clock;
  }

  /**
   * Opens (or creates) the journal at {@code file}, verifying every line.
   *
   * @throws IOException only if the file cannot be read, moved aside or created
   */
  static <T> Loaded<T> open(Path file, String kind, Class<T> type, LedgerKey key, Clock clock)
      throws IOException {
    LedgerJournal<T> journal = new LedgerJournal<>(file, kind, type, key, clock);
    Files.createDirectories(file.getParent());
    deleteStaleTemporaries(file);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      journal.rewrite(List.of());
      return new Loaded<>(journal, List.of(), null, false);
    }
    List<T> records = new ArrayList<>();
    boolean[] torn = {false};
    String problem;
    try {
      LedgerKey.checkPrivate(file, false);
      problem = journal.verify(records, torn);
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      quarantine(file, clock);
      journal.rewrite(List.of());
      return new Loaded<>(journal, List.of(), problem, false);
    }
    if (torn[0]) {
      journal.rewrite(records);
    }
    return new Loaded<>(journal, List.copyOf(records), null, torn[0]);
  }

  /** Reads and verifies the file into {@code out}; returns why it is unusable, or null. */
  private String verify(List<T> out, boolean[] torn) throws IOException {
    long length = Files.size(file);
    if (length > MAX_FILE_BYTES) {
      return file + ": " + length + " bytes exceeds the limit of " + MAX_FILE_BYTES;
    }
    byte[] data = Files.readAllBytes(file);
    int start = 0;
    byte[] previous = NO_MAC;
    boolean header = true;
    while (start < data.length) {
      int end = indexOf(data, (byte) '\n', start);
      if (end < 0) {
        if (header) {
          return file + ": header torn or missing";
        }
        torn[0] = true; // a crash during the last append: that entry is lost, nothing else
        break;
      }
      int tab = indexOf(data, (byte) '\t', start);
      if (tab < 0 || tab > end) {
        return file + ": line without MAC at byte " + start;
      }
      byte[] mac;
      try {
        mac =
            Base64.getDecoder()
                .decode(new String(data, start, tab - start, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        return file + ": malformed MAC at byte " + start;
      }
      byte[] json = java.util.Arrays.copyOfRange(data, tab + 1, end);
      byte[] want = key.mac(kind.getBytes(StandardCharsets.UTF_8), previous, json);
      if (!LedgerKey.same(want, mac)) {
        return file + ": MAC mismatch at byte " + start + " (edited, reordered or other key)";
      }
      try {
        if (header) {
          Header h = JsonCodec.read(json, Header.class);
          if (!FORMAT.equals(h.format()) || !kind.equals(h.kind())) {
            return file
                + ": header names "
                + h.format()
                + "/"
                + h.kind()
                + ", expected "
                + FORMAT
                + "/"
                + kind;
          }
          header = false;
        } else {
          out.add(JsonCodec.read(json, type));
        }
      } catch (RuntimeException e) {
        return file + ": invalid record at byte " + start + ": " + e.getMessage();
      }
      previous = mac;
      start = end + 1;
    }
    if (header) {
      return file + ": empty (header missing)";
    }
    lastMac = previous;
    size = start;
    return null;
  }

  /**
   * Appends {@code record}, durably. On failure the file is cut back to its previous length.
   *
   * @throws IOException if it cannot be written, or would exceed {@link #MAX_FILE_BYTES}
   */
  synchronized void append(T record) throws IOException {
    byte[] json = JsonCodec.write(record);
    byte[] mac = key.mac(kind.getBytes(StandardCharsets.UTF_8), lastMac, json);
    byte[] line = line(mac, json);
    if (size + line.length > MAX_FILE_BYTES) {
      throw new IOException(file + ": full (" + size + " bytes); compaction needed");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long before = channel.size();
      try {
        channel.position(before);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } catch (IOException | RuntimeException e) {
        channel.truncate(before);
        throw e;
      }
      size = before + line.length;
    }
    lastMac = mac;
    appended++;
  }

  /** True once the journal holds many superseded lines for {@code live} entries. */
  synchronized boolean wantsRewrite(int live) {
    return appended > Math.max(256, 2 * live) || size > MAX_FILE_BYTES / 2;
  }

  /** Replaces the file atomically with a new header (new nonce) and {@code records}. */
  synchronized void rewrite(Collection<T> records) throws IOException {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] previous = NO_MAC;
    byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
    List<byte[]> lines = new ArrayList<>();
    lines.add(
        JsonCodec.write(
            new Header(FORMAT, kind, HexFormat.of().formatHex(nonce), clock.instant())));
    for (T record : records) {
      lines.add(JsonCodec.write(record));
    }
    for (byte[] json : lines) {
      byte[] mac = key.mac(kindBytes, previous, json);
      out.write(line(mac, json));
      previous = mac;
    }
    if (out.size() > MAX_FILE_BYTES) {
      throw new IOException(file + ": " + out.size() + " bytes of live entries exceed the limit");
    }
    AtomicFiles.write(file, out.toByteArray(), AtomicFiles.OWNER_ONLY);
    lastMac = previous;
    size = out.size();
    appended = 0;
  }

  private static byte[] line(byte[] mac, byte[] json) {
    byte[] encoded = Base64.getEncoder().encode(mac);
    ByteBuffer b = ByteBuffer.allocate(encoded.length + 1 + json.length + 1);
    b.put(encoded).put((byte) '\t').put(json).put((byte) '\n');
    return b.array();
  }

  private static int indexOf(byte[] data, byte value, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /** Moves {@code file} aside as {@code NAME.quarantined-MILLIS}, keeping the newest few. */
  private static void quarantine(Path file, Clock clock) throws IOException {
    String name = file.getFileName().toString();
    Path aside = file.resolveSibling(name + ".quarantined-" + clock.millis());
    Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<Path> old;
    try (var listing = Files.list(file.getParent())) {
      old =
          listing
              .filter(p -> p.getFileName().toString().startsWith(name + ".quarantined-"))
              .sorted()
              .toList();
    }
    for (int i = 0; i < old.size() - KEEP_QUARANTINED; i++) {
      Files.deleteIfExists(old.get(i));
    }
  }

  /** Temporary files left by a crash between writing and renaming ({@link AtomicFiles}). */
  private static void deleteStaleTemporaries(Path file) throws IOException {
    String prefix = "." + file.getFileName() + ".tmp-";
    try (var listing = Files.list(file.getParent())) {
      for (Path p : listing.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
