package dev.tether.agent.provider;

import java.util.List;
import java.util.Objects;

/**
 * What a request says, as far as the decision is concerned. Content fields (prompts, attachment
 * text, tool payloads) are never logged or audited; {@link #toString} shows only counts.
 *
 * @param family the API shape recognised
 * @param operation e.g. {@code chat.completions}, {@code messages}, {@code generateContent}, {@code
 *     files.upload}; {@code unknown} when the path is not modelled
 * @param model the model asked for (from the body, the path or the Azure deployment), or {@code
 *     null}
 * @param prompts prompt text in request order: system/developer instructions, messages, prompt
 *     strings, tool results
 * @param attachments files and inline data
 * @param toolPayloads tool and function definitions and tool-call arguments, as JSON text
 * @param aiShaped the body is shaped like an AI request (a model and messages, a prompt, an input
 *     or Gemini contents), whatever the path
 * @param streaming the client asked for a streamed response
 */
public record ApiCall(
    ApiFamily family,
    String operation,
    String model,
    List<String> prompts,
    List<Attachment> attachments,
    List<String> toolPayloads,
    boolean aiShaped,
    boolean streaming) {

  /** Nothing recognised (no body, or not a request to model). */
  public static final ApiCall NONE =
      new ApiCall(
          ApiFamily.UNKNOWN, "unknown", null, List.of(), List.of(), List.of(), false, false);

  public ApiCall {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(operation, "operation");
    prompts = List.copyOf(prompts);
    attachments = List.copyOf(attachments);
    toolPayloads = List.copyOf(toolPayloads);
  }

  /** A request at a known path whose body could not be parsed. */
  public static ApiCall unparsed(ApiFamily family, String operation) {
    return new ApiCall(family, operation, null, List.of(), List.of(), List.of(), false, false);
  }

  /** All prompt text joined by blank lines (for judges and watermarking). */
  public String promptText() {
    return String.join("\n\n", prompts);
  }

  @Override
  public String toString() {
    return "ApiCall["
        + family
        + " "
        + operation
        + ", model="
        + model
        + ", prompts="
        + prompts.size()
        + ", attachments="
        + attachments.size()
        + ", tools="
        + toolPayloads.size()
        + (aiShaped ? ", ai-shaped" : "")
        + "]";
  }
}
