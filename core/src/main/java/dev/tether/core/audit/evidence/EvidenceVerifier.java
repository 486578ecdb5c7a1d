package dev.tether.core.audit.evidence;

import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.LogVerificationException;
import dev.tether.core.audit.log.NoteVerifierKey;
import dev.tether.core.audit.log.SignedCheckpoints;
import dev.tether.core.audit.log.SignedNotes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies an evidence package offline against the audit-log verifier key the auditor pinned: the
 * {@code MANIFEST} must carry a valid signature by that key; every listed file must be present once
 * with exactly the listed size and SHA-256; no other file may be present; and the package's
 * audit-log checkpoint must itself verify with the same key and match the manifest's log size.
 * Everything read is bounded (file count, manifest size, bytes per file and in total), so a ZIP
 * bomb fails instead of exhausting memory or disk; nothing is extracted.
 */
public final class EvidenceVerifier {
  /** The package's signed audit-log checkpoint. */
  public static final String CHECKPOINT_PATH = "audit-log/checkpoint.txt";

  /** Largest manifest read. */
  public static final int MAX_MANIFEST_CHARS = 1024 * 1024;

  /** Most bytes hashed in one file. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024 * 1024;

  /** Most bytes hashed in the whole package. */
  public static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024 * 1024;

  private EvidenceVerifier() {}

  /**
   * Verifies the package at {@code zip}.
   *
   * @return the verified manifest
   * @throws EvidenceVerificationException naming the file and the problem: a bad or missing
   *     signature, a modified, missing, duplicated or extra file, or a bad checkpoint
   * @throws IOException if the file cannot be read at all
   */
  public static EvidenceManifest verify(Path zip, NoteVerifierKey key)
      throws EvidenceVerificationException, IOException {
    try (ZipFile file = open(zip)) {
      Map<String, ZipEntry> entries = entries(file);
      ZipEntry manifestEntry = entries.remove(EvidenceManifest.MANIFEST_PATH);
      if (manifestEntry == null) {
        throw new EvidenceVerificationException("MANIFEST: missing from the package");
      }
      String note =
          new String(
              readBounded(file, manifestEntry, MAX_MANIFEST_CHARS * 3L), StandardCharsets.UTF_8);
      EvidenceManifest manifest;
      try {
        manifest = EvidenceManifest.parse(SignedNotes.open(note, key, MAX_MANIFEST_CHARS));
      } catch (LogVerificationException e) {
        throw new EvidenceVerificationException("MANIFEST: " + e.getMessage(), e);
      }
      long total = 0;
      for (EvidenceManifest.Entry listed : manifest.files()) {
        ZipEntry entry = entries.remove(listed.path());
        if (entry == null) {
          throw new EvidenceVerificationException(listed.path() + ": listed but missing");
        }
        long size = checkDigest(file, entry, listed);
        total += size;
        if (total > MAX_TOTAL_BYTES) {
          throw new EvidenceVerificationException(
              "package: more than " + MAX_TOTAL_BYTES + " bytes in total");
        }
      }
      if (!entries.isEmpty()) {
        throw new EvidenceVerificationException(
            entries.keySet().iterator().next() + ": present but not listed in MANIFEST");
      }
      checkCheckpoint(file, manifest, key);
      return manifest;
    }
  }

  private static ZipFile open(Path zip) throws EvidenceVerificationException, IOException {
    try {
      return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new EvidenceVerificationException("package: not a readable ZIP: " + e.getMessage(), e);
    }
  }

  private static Map<String, ZipEntry> entries(ZipFile file) throws EvidenceVerificationException {
    Map<String, ZipEntry> entries = new HashMap<>();
    Enumeration<? extends ZipEntry> all = file.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      if (entries.size() > EvidenceManifest.MAX_FILES) {
        throw new EvidenceVerificationException(
            "package: more than " + EvidenceManifest.MAX_FILES + " entries");
      }
      if (entries.put(entry.getName(), entry) != null) {
        throw new EvidenceVerificationException(entry.getName() + ": present more than once");
      }
    }
    return entries;
  }

  private static long checkDigest(ZipFile file, ZipEntry entry, EvidenceManifest.Entry listed)
      throws EvidenceVerificationException, IOException {
    MessageDigest sha = sha256();
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = file.getInputStream(entry)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > listed.size() || size > MAX_FILE_BYTES) {
          throw new EvidenceVerificationException(
              listed.path() + ": modified (longer than the " + listed.size() + " bytes listed)");
        }
        sha.update(buffer, 0, n);
      }
    } catch (ZipException e) {
      throw new EvidenceVerificationException(listed.path() + ": unreadable: " + e.getMessage(), e);
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (size != listed.size() || !got.equals(listed.sha256())) {
      throw new EvidenceVerificationException(
          listed.path()
              + ": modified (digest mismatch: want sha256 "
              + listed.sha256()
              + " size "
              + listed.size()
              + ", got sha256 "
              + got
              + " size "
              + size
              + ")");
    }
    return size;
  }

  private static void checkCheckpoint(ZipFile file, EvidenceManifest manifest, NoteVerifierKey key)
      throws EvidenceVerificationException, IOException {
    if (manifest.file(CHECKPOINT_PATH) == null) {
      throw new EvidenceVerificationException(CHECKPOINT_PATH + ": not listed in MANIFEST");
    }
    String note =
        new String(
            readBounded(
                file, file.getEntry(CHECKPOINT_PATH), SignedNotes.MAX_CHECKPOINT_NOTE_CHARS * 3L),
            StandardCharsets.UTF_8);
    Checkpoint checkpoint;
    try {
      checkpoint = SignedCheckpoints.open(note, key);
    } catch (LogVerificationException e) {
      throw new EvidenceVerificationException(CHECKPOINT_PATH + ": " + e.getMessage(), e);
    }
    if (checkpoint.size() != manifest.logSize()) {
      throw new EvidenceVerificationException(
          CHECKPOINT_PATH
              + ": tree size "
              + checkpoint.size()
              + " differs from the manifest's log-size "
              + manifest.logSize());
    }
  }

  private static byte[] readBounded(ZipFile file, ZipEntry entry, long max)
      throws EvidenceVerificationException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = file.getInputStream(entry)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > max) {
          throw new EvidenceVerificationException(entry.getName() + ": larger than " + max);
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
