package dev.tether.core.api;

import java.util.List;

/**
 * The device's approval requests ({@code GET /api/v1/agent/approvals}), newest first, at most
 * {@link AgentApi#MAX_APPROVALS}.
 */
public record ApprovalList(List<ApprovalStatus> approvals) {
  public ApprovalList {
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }
}
