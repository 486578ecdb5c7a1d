package dev.tether.agent.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the extractors find, within bounds: at most {@value #MAX_ITEMS} items per list and
 * {@value #MAX_CHARS} characters in all. What does not fit is dropped and counted in {@link
 * #truncated}; the detectors still scan the whole body, so a dropped item is never uninspected.
 */
final class Extraction {
  static final int MAX_ITEMS = 10_000;
  static final int MAX_CHARS = 16 * 1024 * 1024;

  final List<String> prompts = new ArrayList<>();
  final List<Attachment> attachments = new ArrayList<>();
  final List<String> tools = new ArrayList<>();
  String model;
  boolean streaming;
  int truncated;
  private long chars;

  void prompt(String text) {
    add(prompts, text);
  }

  void tool(String json) {
    add(tools, json);
  }

  void attachment(Attachment attachment) {
    int size = attachment.text() == null ? 0 : attachment.text().length();
    if (attachments.size() >= MAX_ITEMS || chars + size > MAX_CHARS) {
      truncated++;
      return;
    }
    chars += size;
    attachments.add(attachment);
  }

  void model(String value) {
    if (model == null && value != null && !value.isBlank() && value.length() <= 256) {
      model = value;
    }
  }

  private void add(List<String> list, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (list.size() >= MAX_ITEMS || chars + text.length() > MAX_CHARS) {
      truncated++;
      return;
    }
    chars += text.length();
    list.add(text);
  }

  ApiCall build(ApiFamily family, String operation, boolean aiShaped) {
    return new ApiCall(family, operation, model, prompts, attachments, tools, aiShaped, streaming);
  }
}
