package dev.tether.server.policy.release;

import dev.tether.core.bundle.AgentRelease;
import dev.tether.server.policy.ServerDataDir;
import dev.tether.server.policy.TetherException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The directory agent packages are served from: {@code <data dir>/agent-releases/} (an operator
 * copies packages there; they are not uploaded through the API). Only plain file names ({@link
 * AgentRelease#requireFileName}) resolve, symbolic links are refused, and sizes are bounded by
 * {@link AgentRelease#MAX_ARTIFACT_BYTES}.
 */
public final class ReleaseArtifacts {
  /** Directory name under the data directory. */
  public static final String DIRECTORY = "agent-releases";

  private ReleaseArtifacts() {}

  /** The artifacts directory of this server. */
  public static Path directory() {
    return ServerDataDir.resolve().resolve(DIRECTORY);
  }

  /**
   * The regular file {@code name} in {@code dir}.
   *
   * @throws TetherException INVALID for a bad name or an oversized file, NOT_FOUND if absent
   */
  public static Path require(Path dir, String name) {
    String file = AgentRelease.requireFileName("release.artifact", name);
    Path path = dir.resolve(file).normalize();
    if (!path.getParent().equals(dir.normalize())
        || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new TetherException(
          TetherException.Kind.NOT_FOUND,
          "release.artifact: \"" + file + "\" is not a regular file in " + dir);
    }
    try {
      long size = Files.size(path);
      if (size < 1 || size > AgentRelease.MAX_ARTIFACT_BYTES) {
        throw new TetherException(
            TetherException.Kind.INVALID,
            "release.artifact: expected 1 to "
                + AgentRelease.MAX_ARTIFACT_BYTES
                + " bytes, got "
                + size);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("release.artifact: cannot read " + path, e);
    }
    return path;
  }

  /** Size and {@code sha256:<hex>} of a file, read once in bounded chunks. */
  public static Digest digest(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
        if (size > AgentRelease.MAX_ARTIFACT_BYTES) {
          throw new TetherException(
              TetherException.Kind.INVALID,
              "release.artifact: grew beyond " + AgentRelease.MAX_ARTIFACT_BYTES + " bytes");
        }
        sha.update(buffer, 0, n);
      }
      return new Digest(size, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("release.artifact: cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file's size and digest. */
  public record Digest(long size, String sha256) {}
}
