package dev.tether.agent.fleet;

import java.util.List;

/**
 * What a run measured.
 *
 * @param tenant the tenant the run created
 * @param options the run's options
 * @param phases one per step, in order
 * @param total every call of the run (ramps included)
 * @param enrolled agents enrolled by the end
 * @param storedEvents events the server reports stored for the tenant at the end (-1 unknown)
 * @param chainBreaks hash-chain breaks the server recorded for the tenant (-1 unknown)
 * @param backlogEnd events still waiting for upload when the run stopped
 * @param dropped events dropped because an agent's queue was full
 * @param policyVersions enrolled agents by the policy version they enforce at the end
 */
public record FleetResult(
    String tenant,
    FleetOptions options,
    List<Phase> phases,
    FleetStats total,
    int enrolled,
    long storedEvents,
    int chainBreaks,
    long backlogEnd,
    long dropped,
    java.util.SortedMap<Long, Integer> policyVersions) {
  public FleetResult {
    phases = List.copyOf(phases);
    policyVersions =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(policyVersions));
  }

  /**
   * One step: its ramp (enrollment of the new agents, then one settling heartbeat interval) and its
   * measured window.
   *
   * @param agents agents enrolled and running in the window
   * @param windowSeconds length of the measured window
   * @param ramp calls made while the step's agents enrolled and settled
   * @param measured calls started in the window
   * @param backlogEnd events waiting for upload at the end of the window
   * @param storedInWindow events the server's count grew by during the window (-1 unknown)
   * @param simulatorCpuSeconds CPU time the simulator's own process used in the window
   * @param loadStart the machine's 1-minute load average at the start of the window
   * @param loadEnd the same at its end
   * @param serverCpuSeconds CPU time of the {@code --cpu-pids} processes in the window (0: none)
   */
  public record Phase(
      int agents,
      double windowSeconds,
      FleetStats ramp,
      FleetStats measured,
      long backlogEnd,
      long storedInWindow,
      double simulatorCpuSeconds,
      double loadStart,
      double loadEnd,
      double serverCpuSeconds) {}
}
