package dev.tether.server.policy.identity;

/**
 * Measures the cost of one production Argon2id hash (m=19 MiB, t=2, p=1): run as a program, not a
 * test. Prints the median and minimum of 20 hashes after 5 warm-up hashes, and the thread CPU time.
 */
public final class PasswordHasherCost {
  private PasswordHasherCost() {}

  public static void main(String[] args) {
    PasswordHasher hasher = PasswordHasher.standard();
    char[] password = "a-typical-password-42".toCharArray();
    for (int i = 0; i < 5; i++) {
      hasher.hash(password);
    }
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] wall = new long[20];
    long[] cpu = new long[20];
    for (int i = 0; i < wall.length; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      hasher.hash(password);
      wall[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    java.util.Arrays.sort(wall);
    java.util.Arrays.sort(cpu);
    System.out.printf(
        "argon2id m=%d KiB t=%d p=%d: wall median %.1f ms (min %.1f), cpu median %.1f ms (min %.1f)%n",
        hasher.memoryKib(),
        hasher.iterations(),
        hasher.parallelism(),
        wall[10] / 1e6,
        wall[0] / 1e6,
        cpu[10] / 1e6,
        cpu[0] / 1e6);
  }
}
