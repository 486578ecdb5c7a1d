package dev.tether.server.policy.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.crypto.Digests;
import dev.tether.server.policy.TetherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseArtifactsTest {
  @TempDir Path dir;

  @Test
  void digest_matchesSha256OfTheBytes() throws Exception {
    byte[] bytes = new byte[200_000];
    new java.util.Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("tether-agent_1.2.0_amd64.deb"), bytes);

    ReleaseArtifacts.Digest digest =
        ReleaseArtifacts.digest(ReleaseArtifacts.require(dir, file.getFileName().toString()));

    assertEquals(bytes.length, digest.size());
    assertEquals(Digests.sha256(bytes), digest.sha256());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret", "..", "a/b.deb", ".hidden", "x\\y", ""})
  void require_pathOutsideTheDirectory_refused(String name) {
    assertThrows(IllegalArgumentException.class, () -> ReleaseArtifacts.require(dir, name));
  }

  @Test
  void require_symlink_refused() throws Exception {
    Path target = Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName()), "x");
    Files.createSymbolicLink(dir.resolve("link.deb"), target);

    TetherException e =
        assertThrows(TetherException.class, () -> ReleaseArtifacts.require(dir, "link.deb"));
    assertEquals(TetherException.Kind.NOT_FOUND, e.kind());
    Files.delete(target);
  }

  @Test
  void require_missingOrEmpty_refused() throws Exception {
    assertEquals(
        TetherException.Kind.NOT_FOUND,
        assertThrows(TetherException.class, () -> ReleaseArtifacts.require(dir, "none.deb"))
            .kind());
    Files.write(dir.resolve("empty.deb"), new byte[0]);
    assertEquals(
        TetherException.Kind.INVALID,
        assertThrows(TetherException.class, () -> ReleaseArtifacts.require(dir, "empty.deb"))
            .kind());
  }

  @Test
  void expiresAt_sameForTheWholeDay_laterNextDay() {
    Instant morning = Instant.parse("2026-11-26T00:00:01Z");
    Instant evening = Instant.parse("2026-11-26T23:59:59Z");

    assertEquals(CurrentRelease.expiresAt(morning), CurrentRelease.expiresAt(evening));
    assertThat(CurrentRelease.expiresAt(evening.plusSeconds(2)))
        .isAfter(CurrentRelease.expiresAt(evening));
    assertThat(CurrentRelease.expiresAt(evening))
        .isAfter(evening.plus(CurrentRelease.VALIDITY.minusDays(1)));
  }
}
