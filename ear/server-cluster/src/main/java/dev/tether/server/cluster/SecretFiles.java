package dev.tether.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Creates secret files so that instances sharing a data directory agree on one secret: the content
 * is written and synced to a private temporary file (0600) in the same directory first, then
 * published under its final name with a hard link, which fails if the name exists. A reader
 * therefore sees either no file or the complete file, never an empty or half-written one, and of
 * two instances creating the same key at once exactly one wins; the other reads the winner's.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /**
   * Writes {@code secret} as {@code file} unless it exists. The parent directory must exist.
   *
   * @return true if this call created the file, false if it already existed (left untouched)
   */
  public static boolean createIfAbsent(Path file, byte[] secret) {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.exists(file)) {
      return false;
    }
    Path temp = null;
    try {
      boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
      temp =
          posix
              ? Files.createTempFile(
                  dir,
                  ".tmp-",
                  ".secret",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, ".tmp-", ".secret");
      try (FileChannel channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.WRITE))) {
        ByteBuffer buffer = ByteBuffer.wrap(secret);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.createLink(file, temp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        // no hard links on this file system: a move without replace (the complete file appears at
        // once, but two racing creators are told apart less strictly than by the link)
        try {
          Files.move(temp, file);
          temp = null;
          return true;
        } catch (FileAlreadyExistsException again) {
          return false;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write secret file " + file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a stray private temp file; the next start leaves it alone too
        }
      }
    }
  }
}
