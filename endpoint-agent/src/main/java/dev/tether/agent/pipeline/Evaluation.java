package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.decision.Control;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one decision as it moves through the stages. Confined to one thread; created per
 * request and never shared.
 */
public final class Evaluation {
  private final ActivePolicy policy;
  private final List<Control> controls = new ArrayList<>();
  private final List<String> stagesRun = new ArrayList<>();
  private boolean halted;
  private PendingJudgement pendingJudgement;

  Evaluation(ActivePolicy policy) {
    this.policy = policy;
  }

  /** The verified, unexpired policy, or empty: the policy-presence stage halts when empty. */
  public Optional<ActivePolicy> policy() {
    return Optional.ofNullable(policy);
  }

  /** The policy; only for stages after policy presence, which guarantees it. */
  public ActivePolicy requirePolicy() {
    if (policy == null) {
      throw new IllegalStateException("no verified policy");
    }
    return policy;
  }

  /** Records a control that fired. */
  public void fire(Control control) {
    controls.add(control);
  }

  /** Stops the pipeline after this stage: later stages are skipped, policy mapping still runs. */
  public void halt() {
    halted = true;
  }

  public boolean halted() {
    return halted;
  }

  public List<Control> controls() {
    return List.copyOf(controls);
  }

  int controlCount() {
    return controls.size();
  }

  /** The controls fired after the first {@code from}, in order. */
  List<Control> controlsSince(int from) {
    return List.copyOf(controls.subList(Math.min(from, controls.size()), controls.size()));
  }

  /** Leaves an unsure local judgement for the escalation stage (see {@link PendingJudgement}). */
  public void pendJudgement(PendingJudgement pending) {
    if (pendingJudgement != null) {
      throw new IllegalStateException("a judgement is already pending");
    }
    this.pendingJudgement = java.util.Objects.requireNonNull(pending, "pending");
  }

  /** The unsure judgement awaiting escalation, if any. */
  public Optional<PendingJudgement> pendingJudgement() {
    return Optional.ofNullable(pendingJudgement);
  }

  /** Marks the pending judgement resolved: call right after firing its JUDGE control. */
  public PendingJudgement resolveJudgement() {
    PendingJudgement pending = pendingJudgement;
    if (pending == null) {
      throw new IllegalStateException("no judgement pending");
    }
    pendingJudgement = null;
    return pending;
  }

  /** Names of the stages that ran, in order. */
  public List<String> stagesRun() {
    return List.copyOf(stagesRun);
  }

  void ran(String stage) {
    stagesRun.add(stage);
  }
}
