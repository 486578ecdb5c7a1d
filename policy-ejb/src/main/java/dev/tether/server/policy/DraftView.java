package dev.tether.server.policy;

import dev.tether.core.policy.PolicyDocument;

/**
 * A group's stored policy draft and its entity tag ({@link EntityTags}), for export and for
 * conditional updates.
 */
public record DraftView(PolicyDocument document, String etag) {
  public DraftView {
    if (document == null || etag == null) {
      throw new IllegalArgumentException("draft: document and etag required");
    }
  }
}
