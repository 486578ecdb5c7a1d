package dev.tether.server.policy.judge;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A training-time cache of feature rows, so re-tuning the cloud judge's heads does not re-run the
 * encoders over the corpus (minutes per encoder on a shared 2-core machine). A file is used only
 * when its key (encoder, pooling, corpus digest, feature layout) and row count match; otherwise the
 * caller featurises again. Deterministic featurisation makes the cache an optimisation only.
 */
final class CloudJudgeFeatureCache {
  private CloudJudgeFeatureCache() {}

  /** The cached rows, or {@code null} when absent or stale. */
  static double[][] read(Path file, String key, int rows) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      if (!in.readUTF().equals(key) || in.readInt() != rows) {
        return null;
      }
      double[][] out = new double[rows][];
      for (int i = 0; i < rows; i++) {
        int width = in.readInt();
        if (width < 0 || width > 1 << 16) {
          return null;
        }
        out[i] = new double[width];
        for (int j = 0; j < width; j++) {
          out[i][j] = in.readDouble();
        }
      }
      return out;
    }
  }

  static void write(Path file, String key, double[][] rows) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
      out.writeUTF(key);
      out.writeInt(rows.length);
      for (double[] row : rows) {
        out.writeInt(row.length);
        for (double v : row) {
          out.writeDouble(v);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
