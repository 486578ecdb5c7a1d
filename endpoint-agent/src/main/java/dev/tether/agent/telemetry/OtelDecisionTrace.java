package dev.tether.agent.telemetry;

import dev.tether.agent.pipeline.DecisionTrace;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.ResponseMode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The spans of one decision: root {@value #ROOT} and one child {@code tether.stage.<name>} per
 * stage. Attributes are built only from ids, codes, modes, counts and judge verdicts; the request's
 * body, prompts and any redacted text are never read here. Every method catches its own failures.
 */
final class OtelDecisionTrace implements DecisionTrace {
  static final String ROOT = "tether.decision";
  static final String STAGE_PREFIX = "tether.stage.";
  private static final System.Logger LOG = System.getLogger(OtelDecisionTrace.class.getName());
  private static final int MAX_VALUES = 64;
  private static final int MAX_MODEL = 255;

  private final Tracer tracer;
  private final Span root;
  private final Context rootContext;
  private final String traceId;
  private final String decisionId;
  private Span stage;
  private boolean escalated;

  private OtelDecisionTrace(Tracer tracer, Span root, String decisionId) {
    this.tracer = tracer;
    this.root = root;
    this.rootContext = Context.root().with(root);
    this.traceId = root.getSpanContext().isValid() ? root.getSpanContext().getTraceId() : null;
    this.decisionId = decisionId;
  }

  static OtelDecisionTrace start(Tracer tracer, InspectedRequest request) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put("tether.decision.id", request.decisionId())
            .put("server.address", request.host())
            .put("http.request.method", request.method())
            .put("tether.provider", request.provider().name());
    putIfPresent(attributes, GenAi.PROVIDER, GenAi.providerName(request.provider(), request.api()));
    putIfPresent(attributes, GenAi.OPERATION, GenAi.operationName(request.api()));
    String model = request.api().model();
    if (model != null && !model.isBlank()) {
      attributes.put(GenAi.REQUEST_MODEL, model.substring(0, Math.min(MAX_MODEL, model.length())));
    }
    Span root =
        tracer
            .spanBuilder(ROOT)
            .setNoParent()
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(attributes.build())
            .startSpan();
    return new OtelDecisionTrace(tracer, root, request.decisionId());
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public void stageStarted(String name) {
    try {
      stage =
          tracer
              .spanBuilder(STAGE_PREFIX + name)
              .setParent(rootContext)
              .setAttribute("tether.stage", name)
              .startSpan();
    } catch (RuntimeException e) {
      stage = null;
      failed(e);
    }
  }

  @Override
  public void stageEnded(String name, List<Control> fired, Throwable failure) {
    Span span = stage;
    stage = null;
    if (span == null) {
      return;
    }
    try {
      span.setAllAttributes(controlAttributes(fired));
      if (failure != null) {
        // the class name only: exception messages may quote input
        span.setAttribute("error.type", failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      }
      escalated |= fired.stream().anyMatch(Control::escalated);
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      span.end();
    }
  }

  @Override
  public void end(PipelineResult result) {
    try {
      Decision decision = result.decision();
      AttributesBuilder attributes =
          Attributes.builder()
              .put("tether.mode", decision.mode().name())
              .put("tether.decision.code", decision.code())
              .put("tether.policy.version", result.policyVersion())
              .put("tether.escalated", escalated)
              .put("tether.controls.count", (long) result.controls().size())
              .put(
                  AttributeKey.stringArrayKey("tether.layers"),
                  bounded(result.controls().stream().map(c -> c.layer().name()).toList()));
      if (result.policyName() != null) {
        attributes.put("tether.policy.name", result.policyName());
      }
      root.setAllAttributes(attributes.build());
      if (result.controls().stream().anyMatch(c -> "internal_error".equals(c.code()))) {
        root.setStatus(StatusCode.ERROR, "internal_error");
      }
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      root.end();
    }
  }

  /** What the controls of one stage say, without content. */
  static Attributes controlAttributes(List<Control> fired) {
    AttributesBuilder attributes =
        Attributes.builder().put("tether.controls.count", (long) fired.size());
    if (fired.isEmpty()) {
      return attributes.build();
    }
    ResponseMode mode = ResponseMode.ALLOW;
    Set<String> layers = new TreeSet<>();
    Set<String> codes = new TreeSet<>();
    Set<String> detectors = new TreeSet<>();
    Set<String> types = new TreeSet<>();
    long findings = 0;
    for (Control control : fired) {
      mode = mode.mostRestrictive(control.mode());
      layers.add(control.layer().name());
      codes.add(control.code());
      detectors.addAll(control.detectorIds());
      types.addAll(control.findingTypes().keySet());
      findings += control.findingCount();
      if (control.classification() != null) {
        attributes.put("tether.judge.classification", control.classification());
        attributes.put("tether.judge.confidence", control.confidence());
        attributes.put("tether.judge.escalated", control.escalated());
      }
    }
    attributes
        .put("tether.mode", mode.name())
        .put(AttributeKey.stringArrayKey("tether.layers"), bounded(layers))
        .put(AttributeKey.stringArrayKey("tether.control.codes"), bounded(codes));
    if (!detectors.isEmpty()) {
      attributes
          .put(AttributeKey.stringArrayKey("tether.detector.ids"), bounded(detectors))
          .put(AttributeKey.stringArrayKey("tether.finding.types"), bounded(types))
          .put("tether.finding.count", findings);
    }
    return attributes.build();
  }

  private static List<String> bounded(java.util.Collection<String> values) {
    List<String> out = new ArrayList<>(new TreeSet<>(values));
    return out.size() <= MAX_VALUES ? out : out.subList(0, MAX_VALUES);
  }

  private static void putIfPresent(AttributesBuilder attributes, String key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private void failed(RuntimeException e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "decision={0}: trace attribute failed ({1})",
        decisionId,
        e.getClass().getSimpleName());
  }
}
