package dev.tether.server.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks one device's uploaded spool hash chain on ingest, in the storing transaction (the device's
 * stream row is locked). For each new event that carries a {@link ChainLink}, in sequence order:
 * the link must hash the event's content ({@link ChainLink#binds}), and continue the newest link
 * received from the device (sequence + 1, previous hash = last hash). Anything else is a {@link
 * AuditChainBreak} (recorded, logged at ERROR, counted on the device's head); the event is stored
 * anyway and the head moves on, so one break is reported once. Duplicates never get here (filtered
 * by event id before). Events without a link (older agents) are not checked.
 */
final class AuditChainCheck {
  private static final System.Logger LOG = System.getLogger(AuditChainCheck.class.getName());

  private AuditChainCheck() {}

  static void check(
      AuditRepository repository, AuditStream stream, AuditSubmission submission, Instant now) {
    if (submission.links().isEmpty() || submission.events().isEmpty()) {
      return;
    }
    Map<String, AuditEvent> byId =
        submission.events().stream()
            .collect(Collectors.toMap(AuditEvent::eventId, Function.identity()));
    List<ChainLink> links =
        submission.links().values().stream()
            .filter(l -> byId.containsKey(l.eventId()))
            .sorted(Comparator.comparingLong(ChainLink::seq))
            .toList();
    String device = submission.source().deviceId();
    AuditChainHead head = repository.chainHead(device);
    for (ChainLink link : links) {
      AuditChainBreak.Kind kind = null;
      long expected = head == null ? 1 : head.lastSeq + 1;
      if (!link.binds(byId.get(link.eventId()))) {
        kind = AuditChainBreak.Kind.CONTENT_MISMATCH;
      } else if (head == null) {
        // The first link from this device: it must start the chain unless the device uploaded
        // (unlinked) events before, e.g. from an agent version that did not send links.
        if (stream.eventsStored == 0
            && (link.seq() != 1 || !link.previous().equals(ChainLink.GENESIS))) {
          kind = AuditChainBreak.Kind.GAP;
        }
      } else if (link.seq() == expected) {
        if (!link.previous().equals(head.lastHash)) {
          kind = AuditChainBreak.Kind.BROKEN_LINK;
        }
      } else if (link.seq() < expected) {
        kind = AuditChainBreak.Kind.REWIND;
      } else {
        kind = AuditChainBreak.Kind.GAP;
      }
      if (head == null) {
        head = repository.createChainHead(device, link.seq(), link.hash());
      } else {
        head.advance(link.seq(), link.hash());
      }
      if (kind != null) {
        head.countBreak();
        repository.insertChainBreak(
            new AuditChainBreak(
                submission.source().tenant(),
                device,
                link.eventId(),
                kind,
                expected,
                link.seq(),
                now.toEpochMilli()));
        LOG.log(
            System.Logger.Level.ERROR,
            "audit chain of device {0} broken ({1}) at event {2}: expected sequence {3}, got {4}",
            device,
            kind,
            link.eventId(),
            expected,
            link.seq());
      }
    }
  }
}
