package dev.tether.agent.statuspage;

import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.RecentDecisions;
import java.util.List;
import java.util.Optional;

/** The status page's HTML. Every value is escaped; nothing here ever shows payload content. */
final class Html {
  private Html() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}"
        + "td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #ddd}"
        + "textarea{width:100%}</style></head><body><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }

  static String index(
      List<RecentDecisions.Entry> recent, List<ApprovalLedger.Filed> approvals, String problem) {
    StringBuilder b = new StringBuilder();
    if (problem != null) {
      b.append("<p role=\"alert\"><strong>Coach/approval memory: ")
          .append(escape(problem))
          .append("</strong> Earlier acknowledgements or approvals may be forgotten; nothing")
          .append(" is allowed that was not acknowledged or approved.</p>");
    }
    b.append("<h2>Recent decisions</h2><table><tr><th>time</th><th>destination</th>")
        .append("<th>mode</th><th>reason</th><th>status</th></tr>");
    for (RecentDecisions.Entry e : recent) {
      b.append("<tr><td>")
          .append(escape(e.at().toString()))
          .append("</td><td>")
          .append(escape(e.host()))
          .append("</td><td>")
          .append(escape(e.mode().name()))
          .append("</td><td>")
          .append(escape(e.reason()))
          .append("</td><td><a href=\"/decisions/")
          .append(escape(e.decisionId()))
          .append("\">")
          .append(escape(e.note()))
          .append("</a></td></tr>");
    }
    b.append("</table><h2>Approval requests</h2><table><tr><th>request</th><th>destination</th>")
        .append("<th>state</th><th>valid until</th><th>approver's note</th></tr>");
    for (ApprovalLedger.Filed f : approvals) {
      b.append("<tr><td><a href=\"/decisions/")
          .append(escape(f.decisionId()))
          .append("\">")
          .append(escape(f.decisionId()))
          .append("</a></td><td>")
          .append(escape(f.key().host()))
          .append("</td><td>")
          .append(escape(f.state().name()))
          .append("</td><td>")
          .append(escape(f.validUntil() == null ? "" : f.validUntil().toString()))
          .append("</td><td>")
          .append(escape(f.decisionNote()))
          .append("</td></tr>");
    }
    b.append("</table>");
    return page("Tether on this machine", b.toString());
  }

  static String decision(
      String decisionId,
      Optional<RecentDecisions.Entry> entry,
      Optional<CoachLedger.Held> held,
      Optional<CoachLedger.Acknowledgement> ack,
      Optional<ApprovalLedger.Filed> approval,
      String csrfToken,
      String message) {
    StringBuilder b = new StringBuilder();
    b.append("<p><a href=\"/\">All decisions</a></p>");
    if (message != null) {
      b.append("<p><strong>").append(escape(message)).append("</strong></p>");
    }
    b.append("<p>Decision <code>").append(escape(decisionId)).append("</code></p>");
    entry.ifPresent(
        e ->
            b.append("<p>")
                .append(escape(e.mode().name()))
                .append(" for ")
                .append(escape(e.host()))
                .append(": ")
                .append(escape(e.reason()))
                .append("</p>"));
    if (held.isPresent() && ack.isEmpty()) {
      b.append("<h2>Acknowledge</h2><p>This request was held: ")
          .append(escape(held.get().reason()))
          .append(". If sending it is intended, give a short justification. The same request")
          .append(" is then allowed when you retry it within the policy's window, and your")
          .append(" justification is recorded in the audit trail.</p>")
          .append("<form method=\"post\" action=\"/decisions/")
          .append(escape(decisionId))
          .append("/acknowledge\"><input type=\"hidden\" name=\"csrf\" value=\"")
          .append(escape(csrfToken))
          .append("\"><textarea name=\"justification\" rows=\"3\" maxlength=\"300\" required>")
          .append("</textarea><p><button type=\"submit\">Acknowledge</button></p></form>");
    }
    ack.ifPresent(
        a ->
            b.append("<p>Acknowledged; retry allowed until ")
                .append(escape(a.until().toString()))
                .append(". Justification: ")
                .append(escape(a.justification()))
                .append("</p>"));
    approval.ifPresent(
        f ->
            b.append("<h2>Approval</h2><p>State: <strong>")
                .append(escape(f.state().name()))
                .append("</strong>")
                .append(
                    f.validUntil() == null
                        ? ""
                        : ", valid until " + escape(f.validUntil().toString()))
                .append(f.decisionNote() == null ? "" : ". Approver: " + escape(f.decisionNote()))
                .append("</p>"));
    return page("Tether decision", b.toString());
  }
}
