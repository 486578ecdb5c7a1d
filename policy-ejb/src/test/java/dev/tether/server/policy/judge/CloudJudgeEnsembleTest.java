package dev.tether.server.policy.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ensemble file's validation and the shipped ensemble's consistency with its heads. */
class CloudJudgeEnsembleTest {
  @Test
  void weights_mustBeKnownEncoders_inRange_andSumToOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CloudJudgeEnsemble("m", "1", Map.of("bge-small-en-v1.5", 0.7)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CloudJudgeEnsemble("m", "1", Map.of("gpt-judge", 1.0)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CloudJudgeEnsemble(
                "m", "1", Map.of("bge-small-en-v1.5", 1.5, "all-minilm-l6-v2", -0.5)));
    assertThrows(IllegalArgumentException.class, () -> new CloudJudgeEnsemble("m", "1", Map.of()));
    CloudJudgeEnsemble ok =
        new CloudJudgeEnsemble(
            "m", "1", Map.of("bge-small-en-v1.5", 0.25, "all-minilm-l6-v2", 0.75));
    assertThat(ok.weight(CloudEncoder.BGE_SMALL)).isEqualTo(0.25);
    assertThat(ok.weight(CloudEncoder.MINILM)).isEqualTo(0.75);
  }

  @Test
  void shipped_ensembleLoads_andEveryWeightedHeadIsForItsEncoder() throws IOException {
    CloudJudgeEnsemble shipped = CloudJudgeEnsemble.load();
    assertThat(shipped.modelId()).isEqualTo(CloudJudgeEnsemble.MODEL_ID);
    for (CloudEncoder e : CloudEncoder.values()) {
      if (shipped.weight(e) > 0) {
        assertThat(e.loadHead().encoder()).isEqualTo(e.id);
        assertThat(e.loadHead().training()).containsKey("pooling");
      }
    }
  }
}
