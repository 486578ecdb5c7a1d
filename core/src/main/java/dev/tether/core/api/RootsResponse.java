package dev.tether.core.api;

import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import java.util.List;

/**
 * Root metadata newer than the version the device asked from, oldest first, at most {@link
 * RootVerifier#MAX_CHAIN_LENGTH}; empty when the device is current. Verified by {@link
 * RootVerifier#update}.
 *
 * @param roots signed root envelopes
 * @param latestVersion the current root version (more remain when the last root is older)
 */
public record RootsResponse(List<SignedBundle> roots, long latestVersion) {
  public RootsResponse {
    roots = roots == null ? List.of() : List.copyOf(roots);
    if (roots.size() > RootVerifier.MAX_CHAIN_LENGTH) {
      throw new IllegalArgumentException(
          "roots: at most " + RootVerifier.MAX_CHAIN_LENGTH + ", got " + roots.size());
    }
  }
}
