package dev.tether.agent.pipeline;

import dev.tether.core.api.JudgeRequest;
import dev.tether.core.api.JudgeResponse;
import java.time.Duration;

/**
 * The company's cloud judge, asked only by the escalation stage, only with a redacted {@link
 * JudgeRequest}, never in air-gap mode.
 *
 * <p>{@link #ask} must return within {@code timeout} or throw; any exception makes the escalation
 * stage apply the policy's fail-safe mode. Production uses the agent's authenticated {@code
 * ServerClient} ({@code POST /api/v1/agent/judge}).
 */
@FunctionalInterface
public interface CloudJudge {
  JudgeResponse ask(JudgeRequest request, Duration timeout) throws Exception;

  /** No cloud judge reachable from here (not enrolled, CLI): every escalation fails safe. */
  CloudJudge NONE =
      (request, timeout) -> {
        throw new IllegalStateException("no cloud judge configured on this agent");
      };
}
