package dev.tether.server.audit.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.evidence.EvidencePackageWriter;
import dev.tether.core.json.JsonCodec;
import dev.tether.server.audit.report.CsvRecordWriter;
import dev.tether.server.audit.report.DecisionReports;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.RecordSource;
import dev.tether.server.audit.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one evidence package as a stream (ZIP): the decision report and its records stream page by
 * page, every other file is small, and each file is hashed as it is written; the signed {@code
 * MANIFEST} comes last. Memory is bounded by one record page and the policy/fleet inputs.
 */
public final class EvidencePackage {
  private EvidencePackage() {}

  /**
   * Writes the package for {@code summary}'s tenant and period.
   *
   * @param out where the ZIP goes (flushed, not closed)
   * @param inputs policy history, key history, fleet and admin actions
   * @param summary the decision report's aggregates (its checkpoint is the package's)
   * @param records the period's records, streamed into {@code decisions/records.csv}
   * @param verifierKey the encoded audit-log verifier key
   * @param signer signs the manifest text with the audit-log key (a C2SP signed note)
   * @return the signed manifest
   */
  public static EvidenceManifest write(
      OutputStream out,
      EvidenceInputs inputs,
      DecisionSummary summary,
      RecordSource records,
      String verifierKey,
      Function<EvidenceManifest, String> signer,
      Instant generatedAt)
      throws IOException {
    if (summary.checkpoint() == null) {
      throw new IllegalStateException("evidence package: the audit log has no signed checkpoint");
    }
    EvidencePackageWriter zip = new EvidencePackageWriter(out);
    Set<String> present = new HashSet<>();
    json(zip, present, ControlMapping.POLICY_JSON, inputs.policyHistory());
    csv(zip, present, ControlMapping.POLICY_CSV, policyRows(inputs.policyHistory()));
    AdminActionsWritten actions = null;
    if (inputs.adminActions() != null) {
      actions = adminActions(zip, inputs.adminActions());
      present.add(ControlMapping.ADMIN_ACTIONS);
    }
    json(zip, present, ControlMapping.KEY_HISTORY, inputs.keyHistory());
    json(zip, present, ControlMapping.KEYS_CURRENT, inputs.currentKeys());
    json(zip, present, ControlMapping.DEVICES_JSON, inputs.devices());
    csv(zip, present, ControlMapping.DEVICES_CSV, deviceRows(inputs.devices()));
    json(zip, present, ControlMapping.SUMMARY, summary);
    report(zip, present, ControlMapping.REPORT_HTML, ReportFormat.HTML, summary, records);
    report(zip, present, ControlMapping.REPORT_PDF, ReportFormat.PDF, summary, records);
    report(zip, present, ControlMapping.RECORDS, ReportFormat.CSV, summary, records);
    text(zip, present, ControlMapping.CHECKPOINT, summary.checkpoint());
    text(zip, present, ControlMapping.VERIFIER_KEY, verifierKey + "\n");
    String period = summary.from() + " to " + summary.to() + " (end exclusive)";
    present.add(ControlMapping.MAPPING_MD);
    present.add(ControlMapping.MAPPING_JSON);
    text(
        zip,
        present,
        ControlMapping.MAPPING_MD,
        ControlMapping.markdown(summary.tenant(), period, present, inputs, actions, verifierKey));
    json(zip, present, ControlMapping.MAPPING_JSON, mappingJson(present));
    return zip.finish(
        summary.tenant(), summary.from(), summary.to(), generatedAt, summary.logSize(), signer);
  }

  /** How many admin actions were written, and whether the list was cut. */
  record AdminActionsWritten(long count, boolean truncated) {}

  private static AdminActionsWritten adminActions(
      EvidencePackageWriter zip, EvidenceInputs.AdminActionSource source) throws IOException {
    long[] count = {0};
    boolean truncated;
    try (OutputStream file = zip.begin(ControlMapping.ADMIN_ACTIONS)) {
      file.write('[');
      truncated =
          source.forEach(
              EvidenceInputs.MAX_ADMIN_ACTIONS,
              action -> {
                try {
                  file.write(count[0]++ == 0 ? "\n".getBytes(UTF_8) : ",\n".getBytes(UTF_8));
                  file.write(JsonCodec.write(action));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      file.write("\n]\n".getBytes(UTF_8));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new AdminActionsWritten(count[0], truncated);
  }

  private static List<Map<String, Object>> mappingJson(Set<String> present) {
    List<Map<String, Object>> controls = new ArrayList<>();
    for (ControlMapping.Control c : ControlMapping.CONTROLS) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("framework", c.framework());
      entry.put("control", c.id());
      entry.put("title", c.title());
      entry.put("files", c.files().stream().filter(present::contains).toList());
      entry.put("absentFiles", c.files().stream().filter(f -> !present.contains(f)).toList());
      entry.put("how", c.how());
      controls.add(entry);
    }
    return controls;
  }

  private static List<List<String>> policyRows(List<EvidenceInputs.PolicyChange> history) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "group",
            "version",
            "kind",
            "source_version",
            "published_at",
            "published_by",
            "approved_by",
            "note",
            "digest",
            "content_digest",
            "signing_key_id",
            "expires_at"));
    for (EvidenceInputs.PolicyChange p : history) {
      rows.add(
          List.of(
              p.group(),
              Long.toString(p.version()),
              p.kind(),
              p.sourceVersion() == null ? "" : p.sourceVersion().toString(),
              string(p.publishedAt()),
              string(p.publishedBy()),
              string(p.approvedBy()),
              string(p.note()),
              string(p.digest()),
              string(p.contentDigest()),
              string(p.signingKeyId()),
              string(p.expiresAt())));
    }
    return rows;
  }

  private static List<List<String>> deviceRows(List<EvidenceInputs.FleetDevice> devices) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "device_id",
            "group",
            "hostname",
            "os_user",
            "enrolled_at",
            "last_seen_at",
            "state",
            "policy_version"));
    for (EvidenceInputs.FleetDevice d : devices) {
      rows.add(
          List.of(
              d.deviceId(),
              string(d.group()),
              string(d.hostname()),
              string(d.osUser()),
              string(d.enrolledAt()),
              string(d.lastSeenAt()),
              string(d.state()),
              Long.toString(d.policyVersion())));
    }
    return rows;
  }

  private static String string(Object value) {
    return value == null ? "" : value.toString();
  }

  private static void json(EvidencePackageWriter zip, Set<String> present, String path, Object v)
      throws IOException {
    zip.add(path, JsonCodec.write(v));
    present.add(path);
  }

  private static void text(EvidencePackageWriter zip, Set<String> present, String path, String v)
      throws IOException {
    zip.add(path, v);
    present.add(path);
  }

  private static void csv(
      EvidencePackageWriter zip, Set<String> present, String path, List<List<String>> rows)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        text.append(i == 0 ? "" : ",").append(CsvRecordWriter.cell(row.get(i)));
      }
      text.append("\r\n");
    }
    text(zip, present, path, text.toString());
  }

  private static void report(
      EvidencePackageWriter zip,
      Set<String> present,
      String path,
      ReportFormat format,
      DecisionSummary summary,
      RecordSource records)
      throws IOException {
    try (OutputStream file = zip.begin(path)) {
      DecisionReports.write(format, summary, records, file);
    }
    present.add(path);
  }
}
