package dev.tether.core.audit.log;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 Merkle tree kept in memory: for every level {@code h} the hashes of the
 * complete subtrees of {@code 2^h} leaves, so any root, inclusion proof or consistency proof for
 * any earlier tree size costs O(log^2 n) hash operations. Memory: about 64 bytes per leaf.
 *
 * <p>Thread-safe: appends are serialised, reads see a consistent size.
 */
public final class MerkleTree {
  private final List<HashArray> levels = new ArrayList<>();
  private long size;

  public MerkleTree() {
    levels.add(new HashArray());
  }

  /** Number of leaves. */
  public synchronized long size() {
    return size;
  }

  /** Appends one leaf hash (already {@link Rfc6962#leafHash}ed); returns its index. */
  public synchronized long append(byte[] leafHash) {
    if (leafHash.length != Rfc6962.HASH_BYTES) {
      throw new IllegalArgumentException(
          "leaf hash: expected " + Rfc6962.HASH_BYTES + " bytes, got " + leafHash.length);
    }
    long index = size;
    levels.get(0).add(leafHash);
    size++;
    long count = size;
    for (int h = 0; (count & 1) == 0; h++) {
      HashArray level = levels.get(h);
      byte[] node = Rfc6962.nodeHash(level.get(level.size() - 2), level.get(level.size() - 1));
      if (levels.size() == h + 1) {
        levels.add(new HashArray());
      }
      levels.get(h + 1).add(node);
      count >>= 1;
    }
    return index;
  }

  /** The stored leaf hash at {@code index}. */
  public synchronized byte[] leafHash(long index) {
    checkSize(index + 1);
    return levels.get(0).get(index);
  }

  /** The root of the tree of the first {@code treeSize} leaves. */
  public synchronized byte[] root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? Rfc6962.emptyRoot() : hash(0, treeSize);
  }

  /** RFC 6962 audit path of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
  public synchronized List<byte[]> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " outside a tree of size " + treeSize);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  /** RFC 6962 consistency proof between the trees of {@code size1} and {@code size2} leaves. */
  public synchronized List<byte[]> consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("consistency: sizes " + size1 + " -> " + size2);
    }
    List<byte[]> proof = new ArrayList<>();
    if (size1 > 0 && size1 < size2) {
      subproof(size1, 0, size2, true, proof);
    }
    return proof;
  }

  private void path(long m, long start, long n, List<byte[]> out) {
    if (n <= 1) {
      return;
    }
    long k = Rfc6962.splitPoint(n);
    if (m < k) {
      path(m, start, k, out);
      out.add(hash(start + k, n - k));
    } else {
      path(m - k, start + k, n - k, out);
      out.add(hash(start, k));
    }
  }

  private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
    if (m == n) {
      if (!complete) {
        out.add(hash(start, n));
      }
      return;
    }
    long k = Rfc6962.splitPoint(n);
    if (m <= k) {
      subproof(m, start, k, complete, out);
      out.add(hash(start + k, n - k));
    } else {
      subproof(m - k, start + k, n - k, false, out);
      out.add(hash(start, k));
    }
  }

  /** MTH of the {@code n} leaves from {@code start}; {@code start} is aligned as in RFC 6962. */
  private byte[] hash(long start, long n) {
    if (Long.bitCount(n) == 1) {
      int h = Long.numberOfTrailingZeros(n);
      if ((start & (n - 1)) == 0) {
        return levels.get(h).get(start >> h);
      }
    }
    long k = Rfc6962.splitPoint(n);
    return Rfc6962.nodeHash(hash(start, k), hash(start + k, n - k));
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " outside the log's " + size + " leaves");
    }
  }

  /** Hashes stored in 1 MiB chunks, so growth never copies the whole level. */
  private static final class HashArray {
    private static final int PER_CHUNK = 32768;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    void add(byte[] hash) {
      int offset = (int) (size % PER_CHUNK);
      if (offset == 0) {
        chunks.add(new byte[PER_CHUNK * Rfc6962.HASH_BYTES]);
      }
      System.arraycopy(
          hash, 0, chunks.get(chunks.size() - 1), offset * Rfc6962.HASH_BYTES, Rfc6962.HASH_BYTES);
      size++;
    }

    byte[] get(long index) {
      byte[] chunk = chunks.get((int) (index / PER_CHUNK));
      int offset = (int) (index % PER_CHUNK) * Rfc6962.HASH_BYTES;
      byte[] out = new byte[Rfc6962.HASH_BYTES];
      System.arraycopy(chunk, offset, out, 0, Rfc6962.HASH_BYTES);
      return out;
    }

    long size() {
      return size;
    }
  }
}
