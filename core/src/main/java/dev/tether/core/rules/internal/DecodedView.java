package dev.tether.core.rules.internal;

/**
 * One text the detectors scan: the original, or a decoding of a part of its parent view, with the
 * map from its offsets back to the parent's.
 *
 * <p>Two kinds of map: exact ({@code starts[i]} is where decoded character {@code i} begins in the
 * parent, {@code starts[length]} where the decoded region ends), used for JSON escapes and
 * percent-encoding; and whole-run, used for base64, where any span maps to the entire encoded run.
 */
public final class DecodedView {
  /** How a view was produced from its parent. */
  public enum Encoding {
    NONE,
    JSON_ESCAPES,
    PERCENT,
    BASE64
  }

  private final CharSequence text;
  private final DecodedView parent;
  private final Encoding encoding;
  private final int depth;
  private final int[] starts; // exact map, or null
  private final int runStart; // whole-run map
  private final int runEnd;

  private DecodedView(
      CharSequence text,
      DecodedView parent,
      Encoding encoding,
      int[] starts,
      int runStart,
      int runEnd) {
    this.text = text;
    this.parent = parent;
    this.encoding = encoding;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.starts = starts;
    this.runStart = runStart;
    this.runEnd = runEnd;
  }

  static DecodedView root(CharSequence text) {
    return new DecodedView(text, null, Encoding.NONE, null, 0, text.length());
  }

  static DecodedView exact(DecodedView parent, Encoding encoding, CharSequence text, int[] starts) {
    if (starts.length != text.length() + 1) {
      throw new IllegalArgumentException(
          "offset map of " + starts.length + " for " + text.length());
    }
    return new DecodedView(text, parent, encoding, starts, 0, 0);
  }

  static DecodedView run(
      DecodedView parent, Encoding encoding, CharSequence text, int runStart, int runEnd) {
    return new DecodedView(text, parent, encoding, null, runStart, runEnd);
  }

  /** The text to scan. */
  public CharSequence text() {
    return text;
  }

  /** 0 for the original text, 1 for a decoding of it, and so on. */
  public int depth() {
    return depth;
  }

  public Encoding encoding() {
    return encoding;
  }

  public boolean isRoot() {
    return parent == null;
  }

  /** The view this one was decoded from, or {@code null} for the original. */
  public DecodedView parent() {
    return parent;
  }

  /**
   * The span in the original text that {@code [start, end)} of this view came from: exact through
   * escape and percent decodings, the whole encoded run through base64.
   *
   * @return {@code {start, end}} in the original text
   * @throws IndexOutOfBoundsException if the span is not within this view
   */
  public int[] toOriginal(int start, int end) {
    if (start < 0 || end < start || end > text.length()) {
      throw new IndexOutOfBoundsException(
          "span [" + start + ", " + end + ") outside a text of " + text.length() + " chars");
    }
    int s = start;
    int e = end;
    for (DecodedView view = this; view.parent != null; view = view.parent) {
      if (view.starts != null) {
        int mappedStart = view.starts[s];
        e = view.starts[e];
        s = mappedStart;
      } else {
        s = view.runStart;
        e = view.runEnd;
      }
    }
    return new int[] {s, e};
  }
}
