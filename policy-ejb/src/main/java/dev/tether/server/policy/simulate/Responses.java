package dev.tether.server.policy.simulate;

import dev.tether.core.decision.BlockResponses;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.decision.ModeMapping;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision as an author sees it, and what the developer's tool receives: the same
 * provider-shaped bodies and Block, Coach and Request messages as the agent ({@link
 * BlockResponses}); links to the device's local status page are shown as a placeholder.
 */
final class Responses {
  /** Stands for the device's loopback status page link in Coach and Request messages. */
  static final String STATUS_PAGE = "http://127.0.0.1:<status-port>/decisions/<decision-id>";

  private Responses() {}

  static List<Simulation.ControlView> controls(ModeMapping.Mapping mapping, PolicyDocument doc) {
    List<Simulation.ControlView> views = new ArrayList<>();
    for (ModeMapping.Mapped m : mapping.controls()) {
      Control c = m.control();
      views.add(
          new Simulation.ControlView(
              c.layer(),
              c.mode(),
              m.mode(),
              c.code(),
              c.reason(),
              c.detectorIds(),
              c.findingCount(),
              m.overrideIndex() < 0
                  ? null
                  : new Simulation.OverrideRef(
                      m.overrideIndex(), doc.responses().overrides().get(m.overrideIndex()))));
    }
    return views;
  }

  static Simulation.DecisionView decision(Decision d) {
    Decision then =
        d instanceof Decision.Coach c
            ? c.thenForward()
            : d instanceof Decision.Request r ? r.thenForward() : null;
    Decision forwarded = then != null ? then : d;
    List<String> redact =
        forwarded instanceof Decision.Redact r
            ? r.detectorIds().stream().sorted().toList()
            : List.of();
    boolean watermark =
        forwarded instanceof Decision.Watermark
            || (forwarded instanceof Decision.Redact r && r.watermark());
    return new Simulation.DecisionView(
        d.mode(),
        d.code(),
        d.reason(),
        d.forwards(),
        then == null ? null : then.mode(),
        redact,
        watermark);
  }

  static Simulation.ResponseView response(
      Decision d, String providerName, PolicyDocument doc, long version) {
    Provider provider = Provider.valueOf(providerName);
    String name = doc.name();
    if (d instanceof Decision.Block b) {
      int status = BlockResponses.statusFor(b.code());
      return held(
          provider, status, b.code(), BlockResponses.message(name, version, b.reason()), null);
    }
    if (d instanceof Decision.Coach c) {
      return held(
          provider,
          403,
          "coach_acknowledgement_required",
          BlockResponses.coachMessage(
              name, version, c.reason(), STATUS_PAGE, doc.responses().coach()),
          "after acknowledging on the status page, the same request is "
              + describe(c.thenForward()));
    }
    if (d instanceof Decision.Request r) {
      return held(
          provider,
          403,
          "approval_required",
          BlockResponses.requestMessage(
              name, version, r.reason(), false, "<decision-id>", STATUS_PAGE),
          "an approval request is filed with the console; once approved the same request is "
              + describe(r.thenForward()));
    }
    return new Simulation.ResponseView(true, null, null, null, describe(d));
  }

  private static Simulation.ResponseView held(
      Provider provider, int status, String code, String message, String note) {
    return new Simulation.ResponseView(
        false,
        status,
        provider.name(),
        new String(BlockResponses.body(provider, status, code, message), StandardCharsets.UTF_8),
        note == null ? "the request never reaches the AI service" : note);
  }

  /** What happens to a forwarded request, in words. */
  static String describe(Decision d) {
    if (d instanceof Decision.Redact r) {
      return "forwarded with the findings of "
          + String.join(", ", r.detectorIds().stream().sorted().toList())
          + " replaced by typed placeholders (restored in the response)"
          + (r.watermark() ? ", and watermarked" : "");
    }
    if (d.mode() == ResponseMode.WATERMARK) {
      return "forwarded with an invisible watermark encoding the decision id";
    }
    if (d.mode() == ResponseMode.WARN) {
      return "forwarded; the developer gets a desktop notification and the status page shows it";
    }
    return "forwarded unchanged";
  }
}
