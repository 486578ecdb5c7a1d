package dev.tether.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AuditBatch;
import dev.tether.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainLinkTest {
  static AuditEvent full() {
    return AuditEventTest.base()
        .withContext("code", "alice@example.com", "claude", "0af7651916cd43dd8448eb211c80319c")
        .withJudgement("source_code", 0.62, true)
        .withFindingTypes(Map.of("b", 1, "a", 2))
        .withRedactedExcerpts(List.of("key=[REDACTED]"));
  }

  static ChainLink link(AuditEvent event, long seq, byte[] previous) {
    byte[] hash = ChainLink.compute(previous, seq, JsonCodec.write(event));
    return new ChainLink(
        event.eventId(), seq, HexFormat.of().formatHex(previous), HexFormat.of().formatHex(hash));
  }

  @Test
  void binds_survivesTheJsonRoundTripTheUploadTakes() {
    AuditEvent event = full();
    ChainLink link = link(event, 7, new byte[32]);
    AuditEvent received = JsonCodec.read(JsonCodec.write(event), AuditEvent.class);
    assertTrue(link.binds(received), "re-encoding on the server gives the spooled bytes");
    assertFalse(link.binds(received.withJudgement("none", 0.1, false)), "changed content");
    ChainLink otherSeq = new ChainLink(event.eventId(), 8, link.previous(), link.hash());
    assertFalse(otherSeq.binds(event), "the sequence is hashed");
  }

  @Test
  void compute_isSha256OfPreviousSeqPayload() throws Exception {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update(new byte[32]);
    sha.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    sha.update(payload);
    assertArrayEquals(sha.digest(), ChainLink.compute(new byte[32], 1, payload));
  }

  @Test
  void validation_namesTheField() {
    String hex = "a".repeat(64);
    String id = full().eventId();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ChainLink(id, 0, hex, hex))
            .getMessage()
            .startsWith("chainLink.seq"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ChainLink(id, 1, "AB", hex))
            .getMessage()
            .startsWith("chainLink.previous"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ChainLink("x", 1, hex, hex))
            .getMessage()
            .startsWith("chainLink.eventId"));
  }

  @Test
  void auditBatch_withoutLinks_encodesAsBefore_withLinksRoundTrips() {
    AuditEvent event = full();
    AuditBatch plain = new AuditBatch(List.of(event));
    String json = new String(JsonCodec.write(plain), StandardCharsets.UTF_8);
    assertFalse(json.contains("chain"), "older servers read it: " + json);
    assertEquals(plain, JsonCodec.read(JsonCodec.write(plain), AuditBatch.class));
    AuditBatch linked = new AuditBatch(List.of(event), List.of(link(event, 1, new byte[32])));
    assertEquals(linked, JsonCodec.read(JsonCodec.write(linked), AuditBatch.class));
  }

  @Test
  void auditBatch_linkForAnotherEventOrTwice_refused() {
    AuditEvent event = full();
    ChainLink stray =
        link(AuditEventTest.base().withContext(null, null, null, null), 1, new byte[32]);
    ChainLink foreign = new ChainLink(AuditEvent.newId(), 1, stray.previous(), stray.hash());
    assertThrows(
        IllegalArgumentException.class, () -> new AuditBatch(List.of(event), List.of(foreign)));
    ChainLink own = link(event, 1, new byte[32]);
    assertThrows(
        IllegalArgumentException.class, () -> new AuditBatch(List.of(event), List.of(own, own)));
  }
}
