package dev.tether.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntentLabelTest {
  @ParameterizedTest
  @EnumSource(IntentLabel.class)
  void fromLabel_roundTrips(IntentLabel label) {
    assertEquals(label, IntentLabel.fromLabel(label.label()));
  }

  @org.junit.jupiter.api.Test
  void fromLabel_unknown_listsValidLabels() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IntentLabel.fromLabel("chit-chat"));
    assertThat(e.getMessage()).contains("policy-circumvention").contains("chit-chat");
  }
}
