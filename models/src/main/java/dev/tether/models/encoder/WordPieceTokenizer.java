package dev.tether.models.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * BERT uncased WordPiece tokenisation in pure Java, reading the vocabulary of a Hugging Face {@code
 * tokenizer.json}.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Normalisation as BERT uncased: control characters dropped, whitespace unified, CJK
 *       ideographs split, accents stripped (NFD, non-spacing marks removed), lower-cased one code
 *       point at a time (no context rules such as the Greek final sigma).
 *   <li>Special tokens are never produced from user text: a literal {@code [SEP]} or {@code [CLS]}
 *       is split like any other punctuation and words ({@code [}, {@code sep}, {@code ]}), so text
 *       cannot steer the encoder with fake segment boundaries.
 *   <li>Characters the vocabulary does not know (including unassigned code points) become {@code
 *       [UNK]}; a word of more than {@value #MAX_WORD_CHARS} characters is one {@code [UNK]}.
 *   <li>No truncation happens here; callers bound the text they pass in and the ids they keep.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
  static final int MAX_WORD_CHARS = 100;
  private static final String CONTINUATION = "##";

  private final Map<String, Integer> vocab;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int padId;

  private WordPieceTokenizer(Map<String, Integer> vocab) {
    this.vocab = Map.copyOf(vocab);
    this.unkId = require("[UNK]");
    this.clsId = require("[CLS]");
    this.sepId = require("[SEP]");
    this.padId = require("[PAD]");
  }

  /**
   * Reads the WordPiece vocabulary ({@code model.vocab}) of a {@code tokenizer.json}.
   *
   * @throws IOException if the stream is not a WordPiece tokenizer.json
   */
  public static WordPieceTokenizer fromTokenizerJson(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Objects.requireNonNull(in, "tokenizer.json"));
    JsonNode model = root.path("model");
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IOException(
          "tokenizer.json: expected model.type \"WordPiece\", got \""
              + model.path("type").asText()
              + "\"");
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vocab.put(e.getKey(), e.getValue().asInt());
    }
    if (vocab.isEmpty()) {
      throw new IOException("tokenizer.json: model.vocab is empty");
    }
    return new WordPieceTokenizer(vocab);
  }

  public int clsId() {
    return clsId;
  }

  public int sepId() {
    return sepId;
  }

  public int padId() {
    return padId;
  }

  public int unkId() {
    return unkId;
  }

  /** The vocabulary id of {@code token}, or {@code -1}. */
  public int idOf(String token) {
    return vocab.getOrDefault(token, -1);
  }

  /** WordPiece ids of {@code text}, without {@code [CLS]}/{@code [SEP]}. */
  public List<Integer> tokenize(CharSequence text) {
    List<Integer> ids = new ArrayList<>();
    for (String word : basicTokens(text)) {
      wordPiece(word, ids);
    }
    return ids;
  }

  /** Normalised words and punctuation marks, as the BERT basic tokenizer splits them. */
  static List<String> basicTokens(CharSequence text) {
    String normalised = normalise(text);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalised.length(); ) {
      int cp = normalised.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == ' ') {
        flush(word, words);
      } else if (isPunctuation(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, words);
    return words;
  }

  private static String normalise(CharSequence text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        continue;
      }
      if (isWhitespace(cp)) {
        cleaned.append(' ');
      } else if (isCjk(cp)) {
        cleaned.append(' ').appendCodePoint(cp).append(' ');
      } else {
        cleaned.appendCodePoint(cp);
      }
    }
    String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      // One code point at a time: no context-dependent rules (final sigma).
      out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private void wordPiece(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      out.add(unkId);
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      int found = -1;
      while (start < end) {
        String piece = word.substring(start, end);
        Integer id = vocab.get(start > 0 ? CONTINUATION + piece : piece);
        if (id != null) {
          found = id;
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found < 0) {
        out.subList(mark, out.size()).clear();
        out.add(unkId);
        return;
      }
      out.add(found);
      start = end;
    }
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' '
        || cp == '\t'
        || cp == '\n'
        || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  private int require(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("tokenizer.json: vocabulary lacks " + token);
    }
    return id;
  }
}
