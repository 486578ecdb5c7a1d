package dev.tether.server.audit.report;

/** What a breakdown groups by: fixed JPQL expressions, never built from input. */
enum Dimension {
  APP("r.app"),
  DESTINATION("r.destinationHost"),
  PROVIDER_MODEL("r.provider, r.model"),
  GROUP("r.groupId"),
  USER("r.osUser"),
  DETECTORS("r.detectorIds"),
  JUDGE_LABEL("r.classification");

  private final String select;

  Dimension(String select) {
    this.select = select;
  }

  String select() {
    return select;
  }

  /** Columns the key spans (the row's count follows them). */
  int width() {
    return this == PROVIDER_MODEL ? 2 : 1;
  }
}
