package dev.tether.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic, durable file replacement: write a temporary sibling, fsync it, rename it over the target,
 * fsync the directory. A reader sees either the old or the new content, never a mix.
 */
public final class AtomicFiles {
  /** Owner read/write only, for secrets and private keys. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** World-readable, for public material (CA certificate, status). */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code data}, created with {@code permissions}. */
  public static void write(Path target, byte[] data, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(temp);
    try (FileChannel channel = open(temp, permissions)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException(target + ": file system cannot rename atomically", e);
    }
    fsyncDirectory(dir);
  }

  private static FileChannel open(Path path, Set<PosixFilePermission> permissions)
      throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileAttribute<?> attribute = PosixFilePermissions.asFileAttribute(permissions);
      return FileChannel.open(path, options, attribute);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the ACLs of the state dir apply instead.
      return FileChannel.open(path, options);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(path + ": temporary file appeared concurrently", e);
    }
  }

  /** Makes a completed rename or append durable. Best effort where directories cannot be opened. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; the rename itself is still atomic.
    }
  }
}
