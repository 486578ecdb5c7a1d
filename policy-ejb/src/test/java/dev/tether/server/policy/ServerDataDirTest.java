package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDataDirTest {
  @TempDir Path temp;

  @Test
  void resolve_prefersConfiguredThenInstanceRootThenHome() {
    assertEquals(Path.of("/srv/t"), ServerDataDir.resolve("/srv/t", "/domain", "/home/u"));
    assertEquals(Path.of("/domain/tether"), ServerDataDir.resolve(null, "/domain", "/home/u"));
    assertEquals(Path.of("/home/u/.tether-server"), ServerDataDir.resolve(" ", null, "/home/u"));
  }

  @Test
  void writeSecretIfAbsent_ownerOnlyAndNeverOverwrites() throws Exception {
    Path file = temp.resolve("data/keys/acme.ed25519");
    assertTrue(ServerDataDir.writeSecretIfAbsent(file, new byte[] {1, 2, 3}));
    assertFalse(ServerDataDir.writeSecretIfAbsent(file, new byte[] {9}));
    assertArrayEquals(new byte[] {1, 2, 3}, ServerDataDir.readSecret(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }
}
