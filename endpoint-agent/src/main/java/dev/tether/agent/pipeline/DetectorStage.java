package dev.tether.agent.pipeline;

import dev.tether.agent.provider.ApiCall;
import dev.tether.agent.provider.Attachment;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.RuleControls;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage 3: runs the deterministic detectors of the active policy ({@link ContentScanner#forPolicy}:
 * built-in plus policy-defined, one engine per policy) over the decoded body (UTF-8 text; the
 * engine also scans what JSON escapes, percent-encoding and base64 hide in it), then over the text
 * of every attachment the provider recognition extracted (multipart file parts, base64 {@code
 * data:} URLs, Gemini inline data, files-API uploads, each decoded in full, so MIME line-wrapped or
 * otherwise split encodings hide nothing) and, for multipart and form bodies, of the decoded text
 * fields. Findings become RULE controls through {@link RuleControls} (the code the console's
 * simulator runs): one per detector family, with the mode the policy assigns that family. A finding
 * in attachment text whose matched value does not also occur in the body's own findings fires a
 * separate control marked not redactable in place, which the mapping blocks where it would redact.
 * Controls carry detector ids and counts, never the matched text. A body that cannot be decoded, or
 * body or attachment text over the scanner's limit, is blocked; an exception blocks the request
 * (pipeline rule).
 */
public final class DetectorStage implements Stage {
  public static final String NAME = "detectors";

  private final ContentScanner scanner;
  private final int maxDecodedBytes;

  public DetectorStage(ContentScanner scanner, int maxDecodedBytes) {
    this.scanner = scanner;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) throws Exception {
    if (request.bodyTooLarge()) {
      blockUninspectable(evaluation, "body_too_large", "request body exceeds the inspection limit");
      return;
    }
    byte[] decoded;
    try {
      decoded = BodyDecoder.decode(request.body(), request.contentEncoding(), maxDecodedBytes);
    } catch (BodyDecoder.UninspectableBodyException e) {
      blockUninspectable(evaluation, e.code(), e.getMessage());
      return;
    }
    if (decoded.length == 0) {
      return;
    }
    CharSequence text = utf8(decoded);
    ContentScanner rules = scanner.forPolicy(evaluation.requirePolicy());
    if (text.length() > rules.maxChars()) {
      blockUninspectable(evaluation, "body_too_large", "request body exceeds the inspection limit");
      return;
    }
    PolicyDocument policy = evaluation.requirePolicy().document();
    List<Finding> findings = rules.scan(text);
    RuleControls.fromFindings(policy, findings).forEach(evaluation::fire);

    Set<String> seen = new HashSet<>();
    for (Finding f : findings) {
      seen.add(text.subSequence(f.start(), f.end()).toString());
    }
    List<Finding> inAttachments = new ArrayList<>();
    long attachmentChars = 0;
    for (String content : extractedTexts(request.api(), text)) {
      attachmentChars += content.length();
      if (attachmentChars > rules.maxChars()) {
        blockUninspectable(
            evaluation, "body_too_large", "attachment text exceeds the inspection limit");
        return;
      }
      for (Finding f : rules.scan(content)) {
        if (!seen.contains(content.substring(f.start(), f.end()))) {
          inAttachments.add(f);
        }
      }
    }
    RuleControls.fromFindings(policy, inAttachments, "attachment").forEach(evaluation::fire);
  }

  /**
   * The texts the provider recognition decoded that the body scan may not have seen as they are:
   * every attachment's text, and for a body that is not JSON (multipart, form) the prompt fields,
   * which may have been transfer-encoded. JSON prompts and tool payloads are not repeated: the
   * engine already decodes JSON escapes in the body.
   */
  private static List<String> extractedTexts(ApiCall api, CharSequence body) {
    List<String> texts = new ArrayList<>();
    for (Attachment attachment : api.attachments()) {
      if (attachment.text() != null && !attachment.text().isEmpty()) {
        texts.add(attachment.text());
      }
    }
    if (!looksLikeJson(body)) {
      api.prompts().stream().filter(p -> !p.isEmpty()).forEach(texts::add);
    }
    return texts;
  }

  private static boolean looksLikeJson(CharSequence body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return true;
  }

  private static void blockUninspectable(Evaluation evaluation, String code, String reason) {
    evaluation.fire(Control.of(AuditLayer.RULE, ResponseMode.BLOCK, code, reason));
    evaluation.halt();
  }

  /** Strict UTF-8; invalid bytes are replaced so binary smuggling cannot skip scanning. */
  private static CharSequence utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
