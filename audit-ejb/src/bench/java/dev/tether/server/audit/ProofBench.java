package dev.tether.server.audit;

import dev.tether.core.audit.log.MerkleProofs;
import dev.tether.core.audit.log.MerkleTree;
import dev.tether.core.audit.log.Rfc6962;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Proof generation at scale: builds the in-memory log of N leaves (default 1,000,000), then times
 * inclusion proofs for random leaves, consistency proofs between random sizes, and their
 * verification. Usage: {@code ProofBench [leaves] [samples]}.
 */
public final class ProofBench {
  private ProofBench() {}

  public static void main(String[] args) throws Exception {
    int leaves = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    MerkleTree tree = new MerkleTree();
    long t0 = System.nanoTime();
    for (int i = 0; i < leaves; i++) {
      tree.append(Rfc6962.leafHash(ByteBuffer.allocate(8).putLong(i).array()));
    }
    long built = System.nanoTime() - t0;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.out.printf(
        "tree of %,d leaves built in %.2f s (%.0f leaves/s), heap used %d MB%n",
        leaves, built / 1e9, leaves / (built / 1e9), (rt.totalMemory() - rt.freeMemory()) >> 20);
    long size = tree.size();
    t0 = System.nanoTime();
    byte[] root = tree.root(size);
    System.out.printf("root of the full tree: %.3f ms%n", (System.nanoTime() - t0) / 1e6);
    Random random = new Random(42);
    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
      long[] gen = new long[samples];
      long[] ver = new long[samples];
      for (int s = 0; s < samples; s++) {
        long index = (long) (random.nextDouble() * size);
        long a = System.nanoTime();
        List<byte[]> proof = tree.inclusionProof(index, size);
        long b = System.nanoTime();
        MerkleProofs.verifyInclusion(index, size, tree.leafHash(index), proof, root);
        long c = System.nanoTime();
        gen[s] = b - a;
        ver[s] = c - b;
      }
      long[] cgen = new long[samples / 10];
      for (int s = 0; s < cgen.length; s++) {
        long first = 1 + (long) (random.nextDouble() * (size - 1));
        long a = System.nanoTime();
        List<byte[]> proof = tree.consistencyProof(first, size);
        cgen[s] = System.nanoTime() - a;
        MerkleProofs.verifyConsistency(first, size, tree.root(first), root, proof);
      }
      if (round == 1) {
        print("inclusion proof generation", gen);
        print("inclusion proof verification", ver);
        print("consistency proof generation", cgen);
      }
    }
  }

  static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-30s n=%d p50=%.1f us p99=%.1f us max=%.1f us%n",
        what,
        sorted.length,
        sorted[sorted.length / 2] / 1e3,
        sorted[(int) (sorted.length * 0.99)] / 1e3,
        sorted[sorted.length - 1] / 1e3);
  }
}
