package dev.tether.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Linearity checks for scanners that stay stable on a loaded CI machine: the cost of a scan is the
 * CPU time of the scanning thread (time the thread waits for a core while other builds run is not
 * counted), the best of several repetitions (a GC pause or a JIT compilation in one run does not
 * count), and the assertion compares two input sizes 16x apart rather than a wall-clock target.
 *
 * <p>Linear work grows about 16x for 16x the input; quadratic work (a backtracking pattern) grows
 * 256x. The bound, {@value #MAX_GROWTH}x, is four times the linear growth and a quarter of the
 * quadratic one. Input that is still too cheap to time at the small size ({@value
 * #NOISE_FLOOR_NANOS} ns of CPU) is compared with that floor instead, so timer granularity cannot
 * fail the check; a quadratic scanner of 64 KB is far above it.
 */
public final class ScanCost {
  /** Size ratio between the two inputs compared. */
  public static final int SIZE_RATIO = 16;

  /** The largest allowed growth of the cost for {@link #SIZE_RATIO} times the input. */
  public static final int MAX_GROWTH = 64;

  /** Below this much CPU the small input's cost is treated as this much. */
  public static final long NOISE_FLOOR_NANOS = 2_000_000;

  /** A runaway bound for one scan of the large input (CPU seconds): catastrophic backtracking. */
  public static final long RUNAWAY_NANOS = 30_000_000_000L;

  private static final int REPETITIONS = 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ScanCost() {}

  /**
   * Asserts that {@code scan} over {@code input.apply(largeSize)} costs at most {@value
   * #MAX_GROWTH} times its cost over {@code input.apply(largeSize / SIZE_RATIO)}, and that one
   * large scan stays under {@link #RUNAWAY_NANOS}.
   *
   * @param note what the input is, for the failure message
   * @param input builds an input of (about) the given length in chars
   */
  public static void assertLinear(
      String note, int largeSize, IntFunction<String> input, Consumer<String> scan) {
    String small = input.apply(largeSize / SIZE_RATIO);
    String large = input.apply(largeSize);
    scan.accept(small); // warm-up: the small run is not measured in the interpreter
    long smallCost = bestOf(small, scan);
    long largeCost = bestOf(large, scan);
    assertThat(largeCost)
        .as("%s: CPU ns for %d chars (runaway bound)", note, large.length())
        .isLessThan(RUNAWAY_NANOS);
    assertThat(largeCost)
        .as(
            "%s: CPU ns for %d chars vs %d ns for %d chars (%dx the input)",
            note, large.length(), smallCost, small.length(), SIZE_RATIO)
        .isLessThan(Math.max(smallCost, NOISE_FLOOR_NANOS) * MAX_GROWTH);
  }

  /** The least CPU time of {@value #REPETITIONS} runs of {@code scan} over {@code text}. */
  public static long bestOf(String text, Consumer<String> scan) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < REPETITIONS; i++) {
      long start = cpuNanos();
      scan.accept(text);
      best = Math.min(best, cpuNanos() - start);
    }
    return best;
  }

  /** CPU time of the current thread, or wall-clock time where the JVM cannot measure it. */
  public static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }
}
