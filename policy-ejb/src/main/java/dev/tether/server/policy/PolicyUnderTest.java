package dev.tether.server.policy;

import dev.tether.core.policy.PolicyDocument;
import java.util.Objects;

/**
 * A policy a simulation runs against, and where it came from.
 *
 * @param document the validated policy
 * @param source {@code request} (a draft the author sent with the simulation), {@code draft} (the
 *     group's saved draft) or {@code published} (the group's newest published version)
 * @param version the published version for {@code published}, else 0
 */
public record PolicyUnderTest(PolicyDocument document, String source, long version) {
  public PolicyUnderTest {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(source, "source");
  }
}
