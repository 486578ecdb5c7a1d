package dev.tether.server.policy.judge;

/**
 * The cloud judge cannot answer now (model still loading, at capacity, over the tenant's time
 * budget, or failed). The web layer answers 503; the agent then applies its fail-safe, so nothing
 * is ever guessed. The message never contains request content.
 */
public final class CloudJudgeUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CloudJudgeUnavailable(String message) {
    super(message, null, false, false);
  }
}
