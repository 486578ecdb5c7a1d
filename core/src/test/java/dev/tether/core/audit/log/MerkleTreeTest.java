package dev.tether.core.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  /** RFC 6962 section 2.1 MTH, written from the definition, as the reference. */
  static byte[] referenceRoot(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return Rfc6962.nodeHash(
        referenceRoot(leaves.subList(0, k)), referenceRoot(leaves.subList(k, leaves.size())));
  }

  static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Rfc6962.leafHash(("leaf-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static MerkleTree tree(List<byte[]> leaves) {
    MerkleTree tree = new MerkleTree();
    leaves.forEach(tree::append);
    return tree;
  }

  @Test
  void hashes_matchRfc6962Vectors() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(Rfc6962.emptyRoot()));
    assertEquals(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        HexFormat.of().formatHex(Rfc6962.leafHash(new byte[0])));
  }

  @Test
  void root_everySize_matchesReference() {
    List<byte[]> leaves = leaves(70);
    MerkleTree tree = tree(leaves);
    for (int n = 0; n <= 70; n++) {
      assertArrayEquals(referenceRoot(leaves.subList(0, n)), tree.root(n), "size " + n);
    }
  }

  @Test
  void inclusionProofs_everyLeafEverySize_verify() throws Exception {
    List<byte[]> leaves = leaves(40);
    MerkleTree tree = tree(leaves);
    for (int n = 1; n <= 40; n++) {
      byte[] root = tree.root(n);
      for (int i = 0; i < n; i++) {
        MerkleProofs.verifyInclusion(i, n, leaves.get(i), tree.inclusionProof(i, n), root);
      }
    }
  }

  @Test
  void inclusionProof_wrongLeafOrIndexOrRoot_throws() {
    List<byte[]> leaves = leaves(13);
    MerkleTree tree = tree(leaves);
    List<byte[]> proof = tree.inclusionProof(5, 13);
    byte[] root = tree.root(13);
    assertThrows(
        LogVerificationException.class,
        () -> MerkleProofs.verifyInclusion(5, 13, leaves.get(6), proof, root));
    assertThrows(
        LogVerificationException.class,
        () -> MerkleProofs.verifyInclusion(6, 13, leaves.get(5), proof, root));
    assertThrows(
        LogVerificationException.class,
        () -> MerkleProofs.verifyInclusion(5, 13, leaves.get(5), proof, tree.root(12)));
    assertThrows(
        LogVerificationException.class,
        () ->
            MerkleProofs.verifyInclusion(
                5, 13, leaves.get(5), proof.subList(0, proof.size() - 1), root));
    assertThrows(
        LogVerificationException.class,
        () -> MerkleProofs.verifyInclusion(13, 13, leaves.get(5), proof, root));
  }

  @Test
  void consistencyProofs_everyPair_verify() throws Exception {
    MerkleTree tree = tree(leaves(40));
    for (int n = 1; n <= 40; n++) {
      for (int m = 0; m <= n; m++) {
        MerkleProofs.verifyConsistency(
            m, n, tree.root(m), tree.root(n), tree.consistencyProof(m, n));
      }
    }
  }

  @Test
  void consistencyProof_rewrittenHistory_throws() {
    List<byte[]> leaves = leaves(20);
    MerkleTree honest = tree(leaves);
    List<byte[]> rewritten = new ArrayList<>(leaves);
    rewritten.set(3, Rfc6962.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
    MerkleTree forged = tree(rewritten);
    // The forger's log of 20 cannot be shown consistent with the honest checkpoint at 10.
    assertThrows(
        LogVerificationException.class,
        () ->
            MerkleProofs.verifyConsistency(
                10, 20, honest.root(10), forged.root(20), forged.consistencyProof(10, 20)));
  }

  @Test
  void append_wrongLength_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new MerkleTree().append(new byte[31]));
  }

  @Test
  void largeTree_crossesChunks_proofsVerify() throws Exception {
    List<byte[]> leaves = leaves(70_001);
    MerkleTree tree = tree(leaves);
    byte[] root = tree.root(70_001);
    for (long i : new long[] {0, 32767, 32768, 65536, 70_000}) {
      MerkleProofs.verifyInclusion(
          i, 70_001, leaves.get((int) i), tree.inclusionProof(i, 70_001), root);
    }
    MerkleProofs.verifyConsistency(
        40_000, 70_001, tree.root(40_000), root, tree.consistencyProof(40_000, 70_001));
    assertArrayEquals(leaves.get(65_536), tree.leafHash(65_536));
    assertEquals(false, Arrays.equals(root, tree.root(70_000)));
  }
}
