package dev.tether.core.rules.credentials;

import dev.tether.core.rules.Detector;
import java.util.ArrayList;
import java.util.List;

/** Every built-in credential detector: cloud, source control, AI providers, keys, ... */
public final class CredentialDetectors {
  private CredentialDetectors() {}

  /** All credential detectors, in a stable order. */
  public static List<Detector> all() {
    List<Detector> detectors = new ArrayList<>(CloudCredentialDetectors.all());
    detectors.add(new PrivateKeyDetector());
    return List.copyOf(detectors);
  }
}
