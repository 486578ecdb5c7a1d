package dev.tether.agent.policy;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.StateDir;
import dev.tether.core.bundle.SignedBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * The last-known-good cache: {@code policy/bundle.json} holds the accepted envelope byte for byte,
 * {@code policy/etag} its ETag. Written atomically (temp file, fsync, rename). This class only
 * stores bytes; whoever loads them re-verifies them in full (signature, scope, version, expiry)
 * before use, so a modified, truncated or swapped file is rejected, never applied.
 */
final class PolicyCache {
  private final StateDir dir;

  PolicyCache(StateDir dir) {
    this.dir = dir;
  }

  /** The cached envelope (at most {@link SignedBundle#MAX_ENVELOPE_BYTES}) and ETag. */
  record Entry(byte[] envelope, String etag) {}

  /**
   * @return empty when nothing is cached
   * @throws IOException if the file cannot be read or exceeds the envelope limit
   */
  Optional<Entry> read() throws IOException {
    byte[] envelope;
    try {
      long size = Files.size(dir.policyBundle());
      if (size > SignedBundle.MAX_ENVELOPE_BYTES) {
        throw new IOException(
            "cached bundle of "
                + size
                + " bytes exceeds the limit of "
                + SignedBundle.MAX_ENVELOPE_BYTES);
      }
      envelope = Files.readAllBytes(dir.policyBundle());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String etag = null;
    try {
      byte[] raw = Files.readAllBytes(dir.policyEtag());
      String text = new String(raw, 0, Math.min(raw.length, 256), StandardCharsets.US_ASCII).trim();
      etag = text.isEmpty() ? null : text;
    } catch (NoSuchFileException e) {
      // no ETag: the next poll downloads unconditionally
    }
    return Optional.of(new Entry(envelope, etag));
  }

  /** Replaces the cache atomically: first the envelope, then its ETag. */
  void write(byte[] envelope, String etag) throws IOException {
    AtomicFiles.write(dir.policyBundle(), envelope, AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(
        dir.policyEtag(),
        (etag == null ? "" : etag).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.OWNER_ONLY);
  }
}
