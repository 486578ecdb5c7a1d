package dev.tether.server.cluster;

/**
 * This instance's copy of a server-wide key is not the one the database pins (see {@link KeyPins}):
 * the instance must not use it. The message names the key and both fingerprints (public digests).
 */
public class KeyMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyMismatchException(String name, String pinned, String local) {
    super(
        "key "
            + name
            + ": this instance has "
            + local
            + " but the database pins "
            + pinned
            + "; every instance must use the same tether.data.dir (shared volume)");
  }
}
