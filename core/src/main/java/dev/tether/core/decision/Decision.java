package dev.tether.core.decision;

import dev.tether.core.policy.ResponseMode;
import java.util.Objects;

/**
 * The outcome of the decision pipeline for one request. Callers switch over the permitted records;
 * a new response mode is a new record here, so every enforcement site must handle it.
 */
public sealed interface Decision permits Decision.Allow, Decision.Block {

  /** The response mode this outcome enforces. */
  ResponseMode mode();

  /** Why, in words safe to show the developer and to audit (never payload content). */
  String reason();

  /** Forward the request unchanged. */
  record Allow(String reason) implements Decision {
    public Allow {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.ALLOW;
    }
  }

  /**
   * Refuse the request with a provider-shaped error.
   *
   * @param reason why, for the developer and the audit trail
   * @param code a stable machine-readable code, e.g. {@code credential_detected}
   */
  record Block(String reason, String code) implements Decision {
    public Block {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public ResponseMode mode() {
      return ResponseMode.BLOCK;
    }
  }
}
