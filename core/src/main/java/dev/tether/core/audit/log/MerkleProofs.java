package dev.tether.core.audit.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of RFC 6962 inclusion and consistency proofs, following the algorithms of RFC 9162
 * sections 2.1.3.2 and 2.1.4.2. Every method throws on failure and returns nothing on success.
 */
public final class MerkleProofs {
  /** Longest proof accepted: a tree of 2^63 leaves needs at most 126 hashes. */
  public static final int MAX_PROOF_HASHES = 130;

  private MerkleProofs() {}

  /**
   * Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} leaves
   * whose root is {@code root}.
   */
  public static void verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws LogVerificationException {
    if (index < 0 || index >= treeSize) {
      throw new LogVerificationException(
          "inclusion proof: leaf index " + index + " outside a tree of size " + treeSize);
    }
    checkHashes(proof);
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new LogVerificationException(
            "inclusion proof for leaf " + index + ": too many hashes for tree size " + treeSize);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new LogVerificationException(
          "inclusion proof for leaf " + index + ": too few hashes for tree size " + treeSize);
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new LogVerificationException(
          "inclusion proof for leaf "
              + index
              + " does not lead to the root of tree size "
              + treeSize
              + " (want "
              + Hex.of(root)
              + ", got "
              + Hex.of(r)
              + ")");
    }
  }

  /**
   * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1} (nothing in the first was changed or removed).
   */
  public static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws LogVerificationException {
    if (size1 < 0 || size2 < size1) {
      throw new LogVerificationException(
          "consistency proof: sizes " + size1 + " -> " + size2 + " do not grow");
    }
    checkHashes(proof);
    if (size1 == size2) {
      if (!proof.isEmpty() || !MessageDigest.isEqual(root1, root2)) {
        throw new LogVerificationException(
            "consistency proof: equal sizes "
                + size1
                + " but different roots or a non-empty proof");
      }
      return;
    }
    if (size1 == 0) {
      if (!proof.isEmpty()) {
        throw new LogVerificationException("consistency proof from the empty tree must be empty");
      }
      return;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(size1) == 1) {
      path.add(0, root1);
    }
    if (path.isEmpty()) {
      throw new LogVerificationException("consistency proof: empty");
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new LogVerificationException(
            "consistency proof " + size1 + " -> " + size2 + ": too many hashes");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new LogVerificationException(
          "consistency proof " + size1 + " -> " + size2 + ": too few hashes");
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      throw new LogVerificationException(
          "consistency proof "
              + size1
              + " -> "
              + size2
              + ": does not reproduce the old root (want "
              + Hex.of(root1)
              + ", got "
              + Hex.of(fr)
              + ")");
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      throw new LogVerificationException(
          "consistency proof "
              + size1
              + " -> "
              + size2
              + ": does not reproduce the new root (want "
              + Hex.of(root2)
              + ", got "
              + Hex.of(sr)
              + ")");
    }
  }

  private static void checkHashes(List<byte[]> proof) throws LogVerificationException {
    if (proof.size() > MAX_PROOF_HASHES) {
      throw new LogVerificationException(
          "proof: at most " + MAX_PROOF_HASHES + " hashes, got " + proof.size());
    }
    for (byte[] hash : proof) {
      if (hash == null || hash.length != Rfc6962.HASH_BYTES) {
        throw new LogVerificationException(
            "proof: every hash must be "
                + Rfc6962.HASH_BYTES
                + " bytes, got "
                + (hash == null ? "null" : hash.length));
      }
    }
  }
}
