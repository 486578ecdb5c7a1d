package dev.tether.agent.audit;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The durable audit spool: append-only segment files of checksummed, hash-chained records ({@link
 * SpoolFrame}). {@link #append} returns only after the records are on disk (fdatasync); concurrent
 * appenders share one sync (group commit). The spool is bounded ({@link SpoolConfig}); when full
 * the default is to refuse the append, and the caller blocks the request.
 *
 * <p>Crash safety: a record is either whole and checksummed or, at the very end of the last
 * segment, detected as torn on open, reported and cut off. Uploading reads from the first
 * unacknowledged record; {@link #acknowledge} persists the acknowledged sequence atomically and
 * deletes segments whose records are all acknowledged (never the one being written, which carries
 * the chain head). Thread-safe.
 */
public final class AuditSpool implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditSpool.class.getName());
  private static final String ACKED = "acked";

  private final Path dir;
  private final SpoolConfig config;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final Object syncLock = new Object();
  private final AtomicLong durableSeq = new AtomicLong();
  private final SpoolReader reader;
  private Segment current;
  private FileChannel channel;
  private long nextSeq;
  private byte[] lastChain;
  private long writtenSeq;
  private long totalBytes;
  private long ackedSeq;
  private SpoolRecovery.Cursor cursor;
  private long backlog;
  private Instant oldestPending;
  private final SpoolRecovery found;
  private long refusedFull;
  private long unaudited;
  private boolean closed;

  private AuditSpool(Path dir, SpoolConfig config, SpoolRecovery found) {
    this.dir = dir;
    this.config = config;
    this.found = found;
    this.reader = new SpoolReader(found);
  }

  /** Opens (creating if needed) the spool in {@code dir}, recovering from a crash. */
  public static AuditSpool open(Path dir, SpoolConfig config) throws IOException {
    Files.createDirectories(dir);
    List<Segment> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        long first = Segment.parseFirstSeq(file.getFileName().toString());
        if (first > 0) {
          list.add(new Segment(file, first));
        }
      }
    }
    String[] ackedLine = readAcked(dir.resolve(ACKED));
    long acked = parseAcked(dir.resolve(ACKED), ackedLine[0]);
    SpoolRecovery recovery = new SpoolRecovery();
    recovery.ackedChain =
        ackedLine.length > 1 ? parseChain(dir.resolve(ACKED), ackedLine[1]) : null;
    recovery.scan(list, acked);
    AuditSpool spool = new AuditSpool(dir, config, recovery);
    list.forEach(s -> spool.segments.put(s.firstSeq, s));
    spool.start(recovery, acked);
    return spool;
  }

  /**
   * Opens the spool in directory {@code dir} bounded to {@code maxBytes}, blocking when full. The
   * second argument is ignored: it is the upload-offset file of the former single-file spool, kept
   * so existing callers compile.
   */
  public static AuditSpool open(Path dir, Path ignoredOffsetFile, long maxBytes)
      throws IOException {
    return open(
        dir,
        new SpoolConfig(
            maxBytes,
            Math.min(SpoolConfig.DEFAULT_SEGMENT_BYTES, maxBytes),
            SpoolConfig.WhenFull.BLOCK_AI_EGRESS));
  }

  private void start(SpoolRecovery recovery, long acked) throws IOException {
    ackedSeq = acked;
    nextSeq = recovery.lastSeq + 1;
    lastChain = recovery.lastChain;
    writtenSeq = recovery.lastSeq;
    durableSeq.set(recovery.lastSeq);
    backlog = recovery.backlog;
    cursor = recovery.firstPending;
    for (Segment s : segments.values()) {
      totalBytes += s.size;
    }
    deleteAcknowledgedSegments();
    if (segments.isEmpty()) {
      newSegment();
    } else {
      current = segments.lastEntry().getValue();
      channel = FileChannel.open(current.path, StandardOpenOption.WRITE);
    }
    oldestPending = cursor == null ? null : reader.peekOccurredAt(segmentsSnapshot(), cursor);
  }

  /**
   * Appends {@code events} and forces them to disk before returning.
   *
   * @throws SpoolFullException if they do not fit and the policy is to block
   * @throws IOException if they cannot be made durable; the caller must block the request
   */
  public void append(List<AuditEvent> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    List<byte[]> payloads = events.stream().map(JsonCodec::write).toList();
    long mySeq;
    synchronized (this) {
      if (closed) {
        throw new IOException("audit spool closed");
      }
      long bytes = 0;
      for (byte[] payload : payloads) {
        bytes += SpoolFrame.HEADER_BYTES + payload.length;
      }
      if (totalBytes + bytes > config.maxBytes()) {
        String message =
            "audit spool full ("
                + totalBytes
                + " of "
                + config.maxBytes()
                + " bytes, "
                + backlog
                + " records not uploaded)";
        if (config.whenFull() == SpoolConfig.WhenFull.ALLOW_UNAUDITED) {
          unaudited++;
          LOG.log(System.Logger.Level.ERROR, "{0}: decision released UNAUDITED", message);
          return;
        }
        refusedFull++;
        throw new SpoolFullException(message + "; AI egress blocked until uploads catch up");
      }
      if (current.size >= config.segmentBytes()) {
        roll();
      }
      ByteBuffer frames = ByteBuffer.allocate((int) bytes);
      byte[] chain = lastChain.clone();
      long seq = nextSeq;
      for (byte[] payload : payloads) {
        byte[] next = new byte[32];
        frames.put(SpoolFrame.encode(seq++, chain, payload, next));
        chain = next;
      }
      frames.flip();
      long start = current.size;
      try {
        long position = start;
        while (frames.hasRemaining()) {
          position += channel.write(frames, position);
        }
      } catch (IOException e) {
        channel.truncate(start); // leave no partial frame behind a failed write
        throw e;
      }
      current.size += bytes;
      current.lastSeq = seq - 1;
      totalBytes += bytes;
      if (cursor == null) {
        cursor = new SpoolRecovery.Cursor(current.firstSeq, start, lastChain.clone());
        oldestPending = events.get(0).occurredAt();
      }
      backlog += events.size();
      nextSeq = seq;
      lastChain = chain;
      writtenSeq = seq - 1;
      mySeq = writtenSeq;
    }
    sync(mySeq);
  }

  /** Group commit: one fdatasync makes every record written before it durable. */
  private void sync(long seq) throws IOException {
    synchronized (syncLock) {
      while (durableSeq.get() < seq) {
        FileChannel target;
        long upTo;
        synchronized (this) {
          target = channel;
          upTo = writtenSeq;
        }
        try {
          target.force(false);
        } catch (ClosedChannelException e) {
          continue; // rolled meanwhile: the roll forced it; look again
        }
        durableSeq.accumulateAndGet(upTo, Math::max);
      }
    }
  }

  private void roll() throws IOException {
    channel.force(true);
    durableSeq.accumulateAndGet(writtenSeq, Math::max);
    channel.close();
    newSegment();
  }

  private void newSegment() throws IOException {
    Path path = dir.resolve(Segment.fileName(nextSeq));
    try {
      Files.createFile(
          path,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
    forceDirectory();
    current = new Segment(path, nextSeq);
    segments.put(current.firstSeq, current);
    channel = FileChannel.open(path, StandardOpenOption.WRITE);
  }

  /** Up to {@code maxEvents} unacknowledged records (at most the uploader's byte bound). */
  public Batch nextBatch(int maxEvents) throws IOException {
    return nextBatch(maxEvents, AuditUploader.MAX_BATCH_PAYLOAD_BYTES);
  }

  /** Up to {@code maxEvents} unacknowledged records, at most {@code maxBytes} of payload. */
  public Batch nextBatch(int maxEvents, int maxBytes) throws IOException {
    List<SpoolReader.SegmentView> views;
    SpoolRecovery.Cursor from;
    synchronized (this) {
      if (cursor == null) {
        return new Batch(List.of(), List.of(), ackedSeq, null, 0);
      }
      views = segmentsSnapshot();
      from = cursor;
    }
    return reader.read(views, from, maxEvents, maxBytes);
  }

  /** Records that the server stored every record of {@code batch}. */
  public synchronized void acknowledge(Batch batch) throws IOException {
    if (batch.records() == 0) {
      return;
    }
    if (batch.lastSeq() > ackedSeq) {
      byte[] chain = batch.next() == null ? null : batch.next().previousChain();
      String line = batch.lastSeq() + (chain == null ? "" : " " + HexFormat.of().formatHex(chain));
      AtomicFiles.write(
          dir.resolve(ACKED), line.getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
      ackedSeq = batch.lastSeq();
      backlog = Math.max(0, backlog - batch.events().size());
    }
    cursor = ackedSeq >= writtenSeq ? null : batch.next();
    if (cursor == null) {
      backlog = 0;
    }
    deleteAcknowledgedSegments();
    oldestPending = cursor == null ? null : reader.peekOccurredAt(segmentsSnapshot(), cursor);
  }

  private void deleteAcknowledgedSegments() throws IOException {
    while (segments.size() > 1) {
      Segment first = segments.firstEntry().getValue();
      if (first == current || first.lastSeq > ackedSeq) {
        return;
      }
      Files.deleteIfExists(first.path);
      segments.remove(first.firstSeq);
      totalBytes -= first.size;
    }
  }

  private List<SpoolReader.SegmentView> segmentsSnapshot() {
    return segments.values().stream()
        .map(s -> new SpoolReader.SegmentView(s.path, s.firstSeq, s.size))
        .toList();
  }

  /** Records spooled but not yet acknowledged. */
  public synchronized long backlog() {
    return backlog;
  }

  /** Backlog, oldest pending record, size and everything recovery or appends found wrong. */
  public synchronized SpoolStatus status() {
    return new SpoolStatus(
        backlog,
        oldestPending,
        totalBytes,
        found.corrupt + reader.corruptSinceOpen(),
        found.torn,
        found.chainBreaks,
        refusedFull,
        unaudited);
  }

  /** Forces everything to disk and closes the file. Appends after this throw. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.force(true);
      channel.close();
    }
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not every platform can sync a directory; the file's own sync still holds its content
    }
  }

  /**
   * The acknowledged sequence and, since chain links are uploaded, the chain hash of that record
   * ({@code "<seq> <hex>"}; older spools hold the sequence alone).
   */
  private static String[] readAcked(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ", 2);
    } catch (NoSuchFileException e) {
      return new String[] {"0"};
    }
  }

  private static long parseAcked(Path file, String seq) throws IOException {
    try {
      return Long.parseLong(seq);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": expected the acknowledged sequence, got garbage", e);
    }
  }

  private static byte[] parseChain(Path file, String hex) throws IOException {
    try {
      byte[] chain = HexFormat.of().parseHex(hex.trim());
      if (chain.length == 32) {
        return chain;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IOException(file + ": expected a 64-digit hex chain hash after the sequence");
  }

  /**
   * Records read for upload.
   *
   * @param events the decodable records, in order
   * @param links each event's place in the spool hash chain (sequence, previous and own hash)
   * @param lastSeq sequence of the last record covered (including skipped corrupt ones)
   * @param next where the following batch starts
   * @param records records consumed, valid or corrupt; 0 means nothing is pending
   */
  public record Batch(
      List<AuditEvent> events,
      List<ChainLink> links,
      long lastSeq,
      SpoolRecovery.Cursor next,
      int records) {
    public Batch {
      events = List.copyOf(events);
      links = List.copyOf(links);
    }
  }
}
