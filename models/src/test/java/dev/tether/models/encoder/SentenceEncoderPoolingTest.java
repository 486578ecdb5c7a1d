package dev.tether.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Pooling of the encoder's token vectors: masked mean (MiniLM) and {@code [CLS]} (BGE). */
class SentenceEncoderPoolingTest {
  static final int D = SentenceEncoder.DIMENSIONS;

  /** Three token rows: [CLS] = e0 * 3, token = e1 * 4, padding = e2 * 100 (masked out). */
  static FloatBuffer hidden() {
    float[] h = new float[3 * D];
    h[0] = 3;
    h[D + 1] = 4;
    h[2 * D + 2] = 100;
    return FloatBuffer.wrap(h);
  }

  static final long[] MASK = {1, 1, 0};

  @Test
  void cls_takesTheFirstTokenOnly_normalised() {
    float[] v = SentenceEncoder.pool(hidden(), MASK, 1, 3, SentenceEncoder.Pooling.CLS)[0];
    assertThat(v[0]).isCloseTo(1f, offset(1e-6f));
    assertThat(v[1]).isZero();
    assertThat(v[2]).isZero();
  }

  @Test
  void mean_averagesUnmaskedTokens_normalised() {
    float[] v = SentenceEncoder.pool(hidden(), MASK, 1, 3, SentenceEncoder.Pooling.MEAN)[0];
    // mean = (1.5, 2, 0), norm 2.5
    assertThat(v[0]).isCloseTo(0.6f, offset(1e-6f));
    assertThat(v[1]).isCloseTo(0.8f, offset(1e-6f));
    assertThat(v[2]).isZero();
  }
}
