package dev.tether.agent.cli;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JIT choice for a {@code scan} process. HotSpot's optimising compiler (C2) pays for itself after
 * some seconds of steady work; a scan of a few megabytes is over sooner, and on a two-core machine
 * C2's compiler thread takes the CPU the scan needs: scanning the 5.6 M-char benchmark corpus, C2
 * compiles cost as much CPU as the scan itself (3.1 s user with C2, 1.4 s with the quick compiler
 * only, see {@code core/bench/RESULTS.md}). For an input below {@link #QUICK_COMPILE_MAX_BYTES} the
 * scan asks the VM to keep every method at the quick compiler (C1), the equivalent of {@code
 * -XX:TieredStopAtLevel=1} which a jar cannot set, by adding the compiler directive {@code [{match:
 * "*.*", c2: {Exclude: true}}]} as {@code jcmd PID Compiler.directives_add} would. Larger inputs
 * keep the default tiered compilation, where C2's faster code wins in the end. The limit is
 * measured on the 2-core build machine with the scan on both cores: at 37 MB (the 100-copy corpus)
 * C1 only still took 4.6 s of CPU against 7.2 s with C2; the estimated break-even is near 55 MB.
 *
 * <p>Only in a process of its own ({@link Main#main}): the directive applies to the whole VM, so a
 * test or an embedding caller never gets it. Best effort: it changes speed, never results; if the
 * VM does not offer the diagnostic command (another JDK, or the jar's {@code Add-Opens:
 * jdk.management/com.sun.management.internal} missing), the scan runs with the VM's defaults. The
 * public route to the same command (the platform MBean server) costs 200-500 ms to start, more than
 * it saves; this one costs about 5 ms.
 */
final class ScanCompilation {
  /** Inputs at most this large are scanned with the quick compiler only. */
  static final long QUICK_COMPILE_MAX_BYTES = 64L * 1024 * 1024;

  private static final String DIRECTIVE = "[{match: [\"*.*\"], c2: {Exclude: true}}]";

  private ScanCompilation() {}

  /** True if an input of {@code bytes} (negative: unknown, e.g. stdin) is scanned C1-only. */
  static boolean quickCompileFor(long bytes) {
    return bytes >= 0 && bytes <= QUICK_COMPILE_MAX_BYTES;
  }

  /**
   * Adds the C1-only directive to this VM; true if the VM accepted it. Never throws: any failure
   * leaves the VM's default compilation.
   */
  static boolean preferQuickCompiler() {
    Path file = null;
    try {
      // Loads the native half of the diagnostic command bean (libmanagement_ext).
      Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl", true, null);
      Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
      Method bean = impl.getDeclaredMethod("getDiagnosticCommandMBean");
      bean.setAccessible(true);
      Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
      execute.setAccessible(true);
      file = Files.createTempFile("tether-scan-jit", ".json");
      Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
      Object result =
          execute.invoke(bean.invoke(null), "Compiler.directives_add " + file.toAbsolutePath());
      return result instanceof String s && s.contains("1 compiler directives added");
    } catch (ReflectiveOperationException
        | RuntimeException
        | LinkageError
        | java.io.IOException e) {
      return false;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (java.io.IOException | RuntimeException e) {
          // a leftover 40-byte directive file in the temp directory; nothing to do
        }
      }
    }
  }
}
