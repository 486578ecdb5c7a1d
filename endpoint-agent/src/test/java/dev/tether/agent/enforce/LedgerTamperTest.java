package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edits of a ledger journal by someone without the device's ledger key: every one is detected, the
 * file is quarantined, the ledger starts empty and nothing is granted.
 */
class LedgerTamperTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;
  final LedgerKey key = LedgerKey.random();

  /** One edit of the journal's lines (header first). */
  record Edit(String note, UnaryOperator<List<String>> apply) {
    @Override
    public String toString() {
      return note;
    }
  }

  static Stream<Arguments> coachEdits() {
    return Stream.of(
        Arguments.of(
            new Edit(
                "window raised",
                l -> replaceLast(l, "\"windowSeconds\":600", "\"windowSeconds\":86400"))),
        Arguments.of(
            new Edit(
                "digest changed to another request",
                l -> replaceLast(l, "sha256:00", "sha256:ff"))),
        Arguments.of(
            new Edit(
                "user changed", l -> replaceLast(l, "\"user\":\"alice\"", "\"user\":\"mallory\""))),
        Arguments.of(
            new Edit(
                "acknowledgement time moved",
                l ->
                    replaceLast(
                        l,
                        "\"acknowledgedAt\":\"2026-03-01T10:00:00Z\"",
                        "\"acknowledgedAt\":\"2026-03-01T19:00:00Z\""))),
        Arguments.of(new Edit("one MAC byte flipped", LedgerTamperTest::flipMacByte)),
        Arguments.of(
            new Edit(
                "middle line deleted",
                l -> {
                  l.remove(1);
                  return l;
                })),
        Arguments.of(
            new Edit(
                "two lines swapped",
                l -> {
                  String a = l.get(1);
                  l.set(1, l.get(2));
                  l.set(2, a);
                  return l;
                })),
        Arguments.of(
            new Edit(
                "header kind changed",
                l -> replaceFirst(l, "\"kind\":\"coach\"", "\"kind\":\"approvals\""))),
        Arguments.of(
            new Edit(
                "garbage line appended",
                l -> {
                  l.add("AAAA\t{}");
                  return l;
                })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coachEdits")
  void coachJournal_editedWithoutKey_isQuarantinedAndGrantsNothing(Edit edit) throws Exception {
    Path file = dir.resolve("coach.journal");
    CoachLedger ledger = CoachLedger.open(file, key, CLOCK);
    ledger.hold(new CoachLedger.Held(ID1, KEY1, "source code", Duration.ofMinutes(10)), T0);
    ledger.acknowledge(ID1, "reviewed by legal", Duration.ofMinutes(10), T0);
    assertTrue(
        CoachLedger.open(file, key, CLOCK).acknowledged(KEY1, T0, HOUR).isPresent(), "control");

    rewrite(file, edit);
    CoachLedger reopened = CoachLedger.open(file, key, CLOCK);
    assertEquals(0, reopened.size(), edit.note());
    assertTrue(reopened.acknowledged(KEY1, T0, HOUR).isEmpty(), edit.note());
    assertTrue(
        reopened
            .acknowledged(
                new RequestKey("sha256:ff" + "00".repeat(31), "alice", "api.openai.com"), T0, HOUR)
            .isEmpty());
    assertNotNull(reopened.problem(), edit.note());
    assertTrue(reopened.problem().contains("quarantined"), reopened.problem());
    assertEquals(1, quarantined(file), "the edited file is kept aside for investigation");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("approvalEdits")
  void approvalJournal_editedWithoutKey_isQuarantinedAndGrantsNothing(Edit edit) throws Exception {
    Path file = dir.resolve("approvals.journal");
    ApprovalLedger ledger = ApprovalLedger.open(file, key, CLOCK);
    ledger.add(ID1, KEY1, "customer data", 7);
    ledger.update(ID1, ApprovalLedger.State.PENDING, null, null, null);
    rewrite(file, edit);
    ApprovalLedger reopened = ApprovalLedger.open(file, key, CLOCK);
    assertTrue(reopened.newestFirst().isEmpty(), edit.note());
    assertTrue(reopened.open(KEY1, T0.plusSeconds(1), HOUR).isEmpty(), edit.note());
    assertTrue(reopened.problem().contains("quarantined"), reopened.problem());
  }

  static Stream<Arguments> approvalEdits() {
    return Stream.of(
        Arguments.of(
            new Edit(
                "pending turned into approved",
                l ->
                    replaceLast(
                        l,
                        "\"state\":\"PENDING\"",
                        "\"state\":\"APPROVED\",\"validUntil\":\"2026-03-02T10:00:00Z\",\"decidedAt\":\"2026-03-01T10:00:00Z\""))),
        Arguments.of(new Edit("line from the coach ledger spliced in", l -> l)),
        Arguments.of(
            new Edit(
                "a later entry under an earlier MAC",
                l -> {
                  l.set(1, l.get(1).substring(0, 44) + l.get(2).substring(44));
                  l.remove(2);
                  return l;
                })));
  }

  @org.junit.jupiter.api.Test
  void journal_openedWithAnotherDevicesKey_isQuarantined() throws Exception {
    Path file = dir.resolve("coach.journal");
    CoachLedger ledger = CoachLedger.open(file, key, CLOCK);
    ledger.hold(new CoachLedger.Held(ID1, KEY1, "source code", HOUR), T0);
    ledger.acknowledge(ID1, "reviewed by legal", HOUR, T0);
    CoachLedger other = CoachLedger.open(file, LedgerKey.random(), CLOCK);
    assertTrue(other.acknowledged(KEY1, T0, HOUR).isEmpty());
    assertTrue(other.problem().contains("MAC mismatch"), other.problem());
  }

  static final String ID1 = "00000000-0000-4000-8000-000000000001";
  static final RequestKey KEY1 =
      new RequestKey("sha256:00" + "ab".repeat(31), "alice", "api.openai.com");

  void rewrite(Path file, Edit edit) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    if (edit.note().startsWith("line from the coach ledger")) {
      Path coach = dir.resolve("coach.journal");
      CoachLedger c = CoachLedger.open(coach, key, CLOCK);
      c.hold(new CoachLedger.Held(ID1, KEY1, "x", HOUR), T0);
      lines.add(Files.readAllLines(coach).get(1));
    }
    List<String> edited = edit.apply().apply(lines);
    Files.writeString(file, String.join("\n", edited) + "\n", StandardCharsets.UTF_8);
  }

  long quarantined(Path file) throws Exception {
    try (var s = Files.list(file.getParent())) {
      return s.filter(
              p -> p.getFileName().toString().startsWith(file.getFileName() + ".quarantined-"))
          .count();
    }
  }

  static List<String> replaceLast(List<String> lines, String from, String to) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(from)) {
        lines.set(i, lines.get(i).replace(from, to));
        return lines;
      }
    }
    throw new AssertionError("no line contains " + from + ": " + lines);
  }

  static List<String> replaceFirst(List<String> lines, String from, String to) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(from)) {
        lines.set(i, lines.get(i).replace(from, to));
        return lines;
      }
    }
    throw new AssertionError("no line contains " + from + ": " + lines);
  }

  static List<String> flipMacByte(List<String> lines) {
    String line = lines.get(lines.size() - 1);
    int tab = line.indexOf('\t');
    byte[] mac = Base64.getDecoder().decode(line.substring(0, tab));
    mac[3] ^= 1;
    lines.set(lines.size() - 1, Base64.getEncoder().encodeToString(mac) + line.substring(tab));
    return lines;
  }
}
