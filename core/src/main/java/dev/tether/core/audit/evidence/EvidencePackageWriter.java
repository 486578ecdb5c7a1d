package dev.tether.core.audit.evidence;

import dev.tether.core.audit.log.NoteSigner;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence package as a stream: each file is hashed while it is written (so a file of any
 * size passes through in bounded memory), and {@link #finish} appends the {@code MANIFEST}, signed
 * as a C2SP note by the audit-log key. Not thread-safe; one file open at a time.
 */
public final class EvidencePackageWriter {
  private final ZipOutputStream zip;
  private final List<EvidenceManifest.Entry> written = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();
  private EntryStream open;
  private boolean finished;

  public EvidencePackageWriter(OutputStream out) {
    this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
  }

  /**
   * Starts the file {@code path}; write its bytes to the returned stream and close it to end the
   * file (closing it never closes the package).
   *
   * @throws IllegalArgumentException for an invalid, reserved or repeated path
   * @throws IllegalStateException while another file is open or after {@link #finish}
   */
  public OutputStream begin(String path) throws IOException {
    EvidenceManifest.checkPath(path);
    if (finished || open != null) {
      throw new IllegalStateException("evidence package: finished, or " + path + " begun early");
    }
    if (path.equals(EvidenceManifest.MANIFEST_PATH) || !paths.add(path)) {
      throw new IllegalArgumentException("evidence package: duplicate or reserved path " + path);
    }
    if (paths.size() > EvidenceManifest.MAX_FILES) {
      throw new IllegalStateException(
          "evidence package: more than " + EvidenceManifest.MAX_FILES + " files");
    }
    zip.putNextEntry(new ZipEntry(path));
    open = new EntryStream(path);
    return open;
  }

  /** Adds a whole file. */
  public void add(String path, byte[] content) throws IOException {
    try (OutputStream out = begin(path)) {
      out.write(content);
    }
  }

  /** Adds a UTF-8 text file. */
  public void add(String path, String text) throws IOException {
    add(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** What the package lists so far (sorted by path). */
  public List<EvidenceManifest.Entry> files() {
    return written.stream().sorted(Comparator.comparing(EvidenceManifest.Entry::path)).toList();
  }

  /**
   * Signs and appends the manifest and ends the ZIP (the underlying stream is flushed, not closed).
   *
   * @return the manifest that was signed
   */
  public EvidenceManifest finish(
      String tenant, Instant from, Instant to, Instant generatedAt, long logSize, NoteSigner signer)
      throws IOException {
    return finish(tenant, from, to, generatedAt, logSize, m -> signer.signText(m.encode()));
  }

  /**
   * As {@link #finish(String, Instant, Instant, Instant, long, NoteSigner)}, with the signing done
   * by {@code signer}, which must return the C2SP signed note of {@link EvidenceManifest#encode()}
   * (for example a server whose key lives in another component).
   */
  public EvidenceManifest finish(
      String tenant,
      Instant from,
      Instant to,
      Instant generatedAt,
      long logSize,
      Function<EvidenceManifest, String> signer)
      throws IOException {
    if (open != null) {
      throw new IllegalStateException("evidence package: " + open.path + " is still open");
    }
    EvidenceManifest manifest =
        new EvidenceManifest(tenant, from, to, generatedAt, logSize, files());
    String note = signer.apply(manifest);
    zip.putNextEntry(new ZipEntry(EvidenceManifest.MANIFEST_PATH));
    zip.write(note.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
    zip.flush();
    finished = true;
    return manifest;
  }

  private final class EntryStream extends FilterOutputStream {
    private final String path;
    private final MessageDigest sha = sha256();
    private long size;
    private boolean closed;

    EntryStream(String path) {
      super(zip);
      this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
      zip.write(b);
      sha.update((byte) b);
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      zip.write(b, off, len);
      sha.update(b, off, len);
      size += len;
    }

    @Override
    public void flush() {
      // the ZIP stream flushes as its own buffers fill; an entry flush would only cost
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      zip.closeEntry();
      written.add(new EvidenceManifest.Entry(path, size, HexFormat.of().formatHex(sha.digest())));
      open = null;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
