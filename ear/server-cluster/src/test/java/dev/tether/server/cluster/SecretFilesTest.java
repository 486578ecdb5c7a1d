package dev.tether.server.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path dir;

  @Test
  void createIfAbsent_existing_isLeftUntouched() throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, "old");
    assertFalse(SecretFiles.createIfAbsent(file, "new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("old", Files.readString(file));
  }

  @Test
  void createIfAbsent_racingCreators_oneWinsAndEveryoneReadsItsCompleteSecret() throws Exception {
    Path file = dir.resolve("audit-log.ed25519");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<byte[]>> reads = new ArrayList<>();
      List<Future<Boolean>> created = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] mine = new byte[32];
        java.util.Arrays.fill(mine, (byte) i);
        created.add(
            pool.submit(
                () -> {
                  start.await();
                  return SecretFiles.createIfAbsent(file, mine);
                }));
        reads.add(
            pool.submit(
                () -> {
                  start.await();
                  while (!Files.exists(file)) {
                    Thread.onSpinWait();
                  }
                  return Files.readAllBytes(file);
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> f : created) {
        winners += f.get() ? 1 : 0;
      }
      assertEquals(1, winners);
      byte[] stored = Files.readAllBytes(file);
      assertEquals(32, stored.length);
      for (Future<byte[]> r : reads) {
        assertArrayEquals(stored, r.get(), "a reader never sees a partial secret");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "no temporary files left behind");
    }
  }
}
