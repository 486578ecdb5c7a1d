package dev.tether.nativehooks.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.nativehooks.RedirectSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
  private final RedirectSpec spec = new RedirectSpec(3129, List.of(8443, 443, 443), 0x7e7e, true);

  @Test
  void installScript_createsDeletesThenDefines_inOneBuffer() {
    String script = NftRuleset.installScript("tether", spec);
    assertThat(script)
        .startsWith("table inet tether\ndelete table inet tether\ntable inet tether {");
    assertThat(script.indexOf("delete table")).isLessThan(script.indexOf("chain redirect_out"));
  }

  @Test
  void definition_natOutputMinus100_redirectsSortedDistinctPorts_exemptsMarkOnly() {
    String text = NftRuleset.definition("tether", spec);
    assertThat(text)
        .contains("type nat hook output priority -100; policy accept;")
        .contains("meta mark 0x00007e7e return")
        .contains("meta l4proto tcp th dport { 443, 8443 } redirect to :3129")
        .contains("meta l4proto udp th dport 443 reject")
        .doesNotContain("dstnat")
        .doesNotContain("skuid")
        .doesNotContain("accept\n    meta");
  }

  @Test
  void definition_quicNotBlocked_noFilterChain() {
    String text =
        NftRuleset.definition("tether", new RedirectSpec(3129, List.of(443), 0x7e7e, false));
    assertThat(text).doesNotContain("quic_out").doesNotContain("udp");
  }

  @Test
  void comment_differsPerSpec() {
    assertThat(NftRuleset.comment("tether", spec))
        .isNotEqualTo(
            NftRuleset.comment("tether", new RedirectSpec(3130, List.of(443), 0x7e7e, true)))
        .isEqualTo(
            NftRuleset.comment("tether", new RedirectSpec(3129, List.of(443, 8443), 0x7e7e, true)));
  }

  @Test
  void tableName_injection_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NftRuleset.installScript("t; flush ruleset", spec));
    assertThat(e.getMessage()).startsWith("redirect.table:");
  }

  @Test
  void removeScript_idempotentForm() {
    assertThat(NftRuleset.removeScript("tether"))
        .isEqualTo("table inet tether\ndelete table inet tether\n");
  }
}
