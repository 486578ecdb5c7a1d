package dev.tether.agent.pipeline;

import dev.tether.core.policy.ResponseMode;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import java.util.Objects;

/**
 * A local judgement below the policy's escalation threshold, left by the judge stage for the
 * escalation stage, which must resolve it (fire exactly one JUDGE control). The pipeline blocks a
 * request whose pending judgement is still unresolved after the stages (fail closed).
 *
 * @param input the redacted input the local judge saw
 * @param local the local verdict
 * @param localMode the mode the policy assigns the local label
 */
public record PendingJudgement(JudgeInput input, Judgement local, ResponseMode localMode) {
  public PendingJudgement {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(localMode, "localMode");
  }
}
