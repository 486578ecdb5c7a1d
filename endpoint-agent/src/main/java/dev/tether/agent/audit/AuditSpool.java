package dev.tether.agent.audit;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The durable audit spool: an append-only file, one record per line as {@code <crc32c hex>
 * <json>\n}. {@link #append} returns only after the records are on disk (fsync), so a decision is
 * released only once its audit is durable. The upload position is a separate file replaced
 * atomically, advanced only after the server acknowledged ({@link #acknowledge}).
 *
 * <p>A torn last line (crash mid-write) is detected on open, logged at ERROR and cut off; a line
 * whose checksum fails is skipped with an ERROR log. Thread-safe.
 */
public final class AuditSpool implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditSpool.class.getName());

  /** Default bound on the spool file; beyond it appends fail and requests are blocked. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private final Path file;
  private final Path offsetFile;
  private final long maxBytes;
  private final FileChannel channel;
  private long size;
  private long uploadOffset;
  private long backlog;
  private long corruptLines;

  private AuditSpool(Path file, Path offsetFile, long maxBytes, FileChannel channel) {
    this.file = file;
    this.offsetFile = offsetFile;
    this.maxBytes = maxBytes;
    this.channel = channel;
  }

  /** Opens (creating if needed) the spool and recovers from a torn tail. */
  public static AuditSpool open(Path file, Path offsetFile, long maxBytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!Files.exists(file)) {
      try {
        Files.createFile(
            file,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    AuditSpool spool = new AuditSpool(file, offsetFile, maxBytes, channel);
    spool.recover();
    return spool;
  }

  private void recover() throws IOException {
    size = channel.size();
    long lastNewline = lastNewlineEnd();
    if (lastNewline < size) {
      LOG.log(
          System.Logger.Level.ERROR,
          "audit spool {0}: torn last record of {1} bytes (crash during write) detected and skipped",
          file,
          size - lastNewline);
      channel.truncate(lastNewline);
      channel.force(true);
      size = lastNewline;
    }
    uploadOffset = readOffset();
    if (uploadOffset > size) {
      LOG.log(
          System.Logger.Level.ERROR,
          "audit upload offset {0} beyond spool size {1}; reset",
          uploadOffset,
          size);
      uploadOffset = size;
    }
    backlog = countLines(uploadOffset);
  }

  /**
   * Appends {@code events} and forces them to disk before returning.
   *
   * @throws IOException if they cannot be made durable; the caller must block the request
   */
  public synchronized void append(List<AuditEvent> events) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (AuditEvent event : events) {
      lines.append(encode(event));
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    if (size + bytes.length > maxBytes) {
      throw new IOException(
          "audit spool full (" + size + " of " + maxBytes + " bytes; uploads are not keeping up)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = size;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    channel.force(false);
    size = position;
    backlog += events.size();
  }

  /** Up to {@code max} records after the upload offset, and the offset just past them. */
  public synchronized Batch nextBatch(int max) throws IOException {
    List<AuditEvent> events = new ArrayList<>();
    long position = uploadOffset;
    int lines = 0;
    for (String line : readLines(uploadOffset, max)) {
      position += line.getBytes(StandardCharsets.UTF_8).length + 1;
      lines++;
      AuditEvent event = decode(line);
      if (event != null) {
        events.add(event);
      }
    }
    return new Batch(events, position, lines);
  }

  /** Records that the server stored everything before {@code batch.endOffset()}. */
  public synchronized void acknowledge(Batch batch) throws IOException {
    if (batch.endOffset() <= uploadOffset) {
      return;
    }
    AtomicFiles.write(
        offsetFile,
        Long.toString(batch.endOffset()).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.OWNER_ONLY);
    uploadOffset = batch.endOffset();
    backlog = Math.max(0, backlog - batch.lines());
    if (uploadOffset == size && size > 4L * 1024 * 1024) {
      // Everything is acknowledged: start a fresh file rather than grow forever.
      channel.truncate(0);
      channel.force(true);
      AtomicFiles.write(
          offsetFile, "0".getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
      size = 0;
      uploadOffset = 0;
    }
  }

  /** Records spooled but not yet acknowledged. */
  public synchronized long backlog() {
    return backlog;
  }

  public synchronized long uploadOffset() {
    return uploadOffset;
  }

  /** Lines skipped because their checksum or syntax failed. */
  public synchronized long corruptLines() {
    return corruptLines;
  }

  /** Forces everything to disk and closes the file. */
  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      channel.force(true);
      channel.close();
    }
  }

  static String encode(AuditEvent event) {
    String json = JsonCodec.writeString(event);
    return checksum(json) + " " + json + "\n";
  }

  private AuditEvent decode(String line) {
    int space = line.indexOf(' ');
    if (space == 8 && checksum(line.substring(9)).equals(line.substring(0, 8))) {
      try {
        return JsonCodec.read(line.substring(9), AuditEvent.class);
      } catch (IllegalArgumentException e) {
        // counted below
      }
    }
    corruptLines++;
    LOG.log(
        System.Logger.Level.ERROR,
        "audit spool {0}: corrupt record skipped ({1} bytes)",
        file,
        line.length());
    return null;
  }

  private static String checksum(String json) {
    CRC32C crc = new CRC32C();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private long readOffset() throws IOException {
    try {
      return Long.parseLong(Files.readString(offsetFile, StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      throw new IOException(offsetFile + ": expected a byte offset, got garbage", e);
    }
  }

  private long lastNewlineEnd() throws IOException {
    long position = size;
    ByteBuffer one = ByteBuffer.allocate(8192);
    while (position > 0) {
      int chunk = (int) Math.min(one.capacity(), position);
      one.clear().limit(chunk);
      channel.read(one, position - chunk);
      for (int i = chunk - 1; i >= 0; i--) {
        if (one.get(i) == '\n') {
          return position - chunk + i + 1;
        }
      }
      position -= chunk;
    }
    return 0;
  }

  private long countLines(long from) throws IOException {
    long count = 0;
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long position = from; position < size; ) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          count++;
        }
      }
      position += n;
    }
    return count;
  }

  private List<String> readLines(long from, int max) throws IOException {
    List<String> lines = new ArrayList<>();
    java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long position = from; position < size && lines.size() < max; ) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n && lines.size() < max; i++) {
        byte b = buffer.get(i);
        if (b == '\n') {
          lines.add(current.toString(StandardCharsets.UTF_8));
          current.reset();
        } else {
          current.write(b);
        }
      }
      position += n;
    }
    return lines;
  }

  /** Records read for upload and the spool offset just past them. */
  public record Batch(List<AuditEvent> events, long endOffset, int lines) {
    public Batch {
      events = List.copyOf(events);
    }
  }
}
