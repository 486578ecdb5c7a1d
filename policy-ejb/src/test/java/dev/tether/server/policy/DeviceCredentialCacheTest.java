package dev.tether.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceCredentialCacheTest {
  private static final DeviceIdentity DEVICE = new DeviceIdentity("d1", "acme", "dev");

  @Test
  void get_afterPut_returnsIdentity_unknownHash_empty() {
    DeviceCredentialCache cache = new DeviceCredentialCache();
    cache.put("sha256:a", DEVICE);

    assertEquals(Optional.of(DEVICE), cache.get("sha256:a"));
    assertTrue(cache.get("sha256:b").isEmpty());
  }

  @Test
  void invalidateAll_forgetsEverything() {
    DeviceCredentialCache cache = new DeviceCredentialCache();
    cache.put("sha256:a", DEVICE);
    cache.invalidateAll();

    assertTrue(cache.get("sha256:a").isEmpty());
  }

  @Test
  void put_beyondTheBound_staysBounded() {
    DeviceCredentialCache cache = new DeviceCredentialCache();
    for (int i = 0; i <= DeviceCredentialCache.MAX_ENTRIES; i++) {
      cache.put("sha256:" + i, DEVICE);
    }

    assertTrue(cache.get("sha256:0").isEmpty(), "the full map was emptied before the last put");
    assertEquals(Optional.of(DEVICE), cache.get("sha256:" + DeviceCredentialCache.MAX_ENTRIES));
  }
}
