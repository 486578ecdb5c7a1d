package dev.tether.server.audit.evidence;

import java.util.List;
import java.util.Set;

/**
 * Which file of an evidence package evidences which SOC 2 (2017 Trust Services Criteria) and
 * ISO/IEC 27001:2013 Annex A control, and how. Listed files that a package does not contain (the
 * admin action log on a server without one) are shown as absent, with the reason.
 */
final class ControlMapping {
  static final String POLICY_JSON = "policy/history.json";
  static final String POLICY_CSV = "policy/history.csv";
  static final String ADMIN_ACTIONS = "admin/actions.json";
  static final String KEY_HISTORY = "keys/root-history.json";
  static final String KEYS_CURRENT = "keys/current.json";
  static final String DEVICES_JSON = "fleet/devices.json";
  static final String DEVICES_CSV = "fleet/devices.csv";
  static final String SUMMARY = "decisions/summary.json";
  static final String REPORT_HTML = "decisions/report.html";
  static final String REPORT_PDF = "decisions/report.pdf";
  static final String RECORDS = "decisions/records.csv";
  static final String CHECKPOINT = "audit-log/checkpoint.txt";
  static final String VERIFIER_KEY = "audit-log/verifier-key.txt";
  static final String MAPPING_MD = "control-mapping.md";
  static final String MAPPING_JSON = "control-mapping.json";

  /** One control and its evidence. */
  record Control(String framework, String id, String title, List<String> files, String how) {
    Control {
      files = List.copyOf(files);
    }
  }

  static final List<Control> CONTROLS =
      List.of(
          new Control(
              "SOC 2",
              "CC6.1",
              "Logical access security over protected information assets",
              List.of(DEVICES_JSON, DEVICES_CSV, KEYS_CURRENT, KEY_HISTORY, POLICY_JSON),
              "Only enrolled devices (one credential each, stored as a hash) receive policy and"
                  + " write audit events; policy reaches them only as bundles signed by a"
                  + " delegated key under a threshold-signed root of trust, and an unverified"
                  + " policy blocks AI egress. The fleet list shows every device and its"
                  + " enforcement state; the key files show the keys that gate policy."),
          new Control(
              "SOC 2",
              "CC6.3",
              "Role-based access; authorising, modifying and removing access",
              List.of(ADMIN_ACTIONS, POLICY_JSON, POLICY_CSV),
              "Every policy version names who published it (and who approved it where approval"
                  + " is required); the admin action log, where the server keeps one, lists"
                  + " each administrative change with the acting administrator."),
          new Control(
              "SOC 2",
              "CC6.7",
              "Restricting the transmission of information to authorised parties",
              List.of(REPORT_HTML, REPORT_PDF, SUMMARY, RECORDS),
              "The decision report shows, per destination, provider, application and user, how"
                  + " many requests to AI services were allowed, redacted, held for approval or"
                  + " blocked, and which detectors and judge labels caused it; every decision"
                  + " is listed with its decision and trace ids in records.csv."),
          new Control(
              "SOC 2",
              "CC7.1",
              "Detecting configuration changes and monitoring for new risks",
              List.of(POLICY_JSON, KEY_HISTORY, DEVICES_JSON, DEVICES_CSV),
              "Policy and key changes are versioned with time, author, note and digest; the"
                  + " fleet list shows each device's last check-in, the policy version it"
                  + " enforces and whether it runs on a current policy, in grace, or in"
                  + " fallback, so drift and silent devices are visible."),
          new Control(
              "SOC 2",
              "CC7.2",
              "Monitoring system components for anomalies and security events",
              List.of(REPORT_HTML, SUMMARY, RECORDS, CHECKPOINT, VERIFIER_KEY),
              "Rule (detector) and judge records are kept as separate records of each decision,"
                  + " so the report shows which control fired. All audit records are leaves of"
                  + " an append-only RFC 6962 Merkle log; the signed checkpoint fixes the log"
                  + " state the figures are bounded by, and any event can be proven included"
                  + " against it."),
          new Control(
              "SOC 2",
              "CC8.1",
              "Authorising, documenting and implementing changes",
              List.of(POLICY_JSON, POLICY_CSV, KEY_HISTORY, ADMIN_ACTIONS),
              "Each published policy version records its kind (PUBLISH, ROLLBACK, RESIGN), the"
                  + " version it was rolled back to, the change note, the publisher, the"
                  + " envelope and content digests and the signing key; versions only increase"
                  + " and are never rewritten."),
          new Control(
              "ISO 27001",
              "A.9",
              "Access control",
              List.of(DEVICES_JSON, ADMIN_ACTIONS, POLICY_JSON, KEYS_CURRENT),
              "Device access is by enrollment and per-device credential, scoped to a tenant"
                  + " and group; administrative access and its use are shown by the publisher"
                  + " of each policy version and the admin action log."),
          new Control(
              "ISO 27001",
              "A.10",
              "Cryptography (policy on cryptographic controls, key management)",
              List.of(KEY_HISTORY, KEYS_CURRENT, POLICY_JSON, CHECKPOINT, VERIFIER_KEY),
              "Ed25519 throughout: root keys with a signature threshold, delegated signing keys"
                  + " with validity periods, rotations and revocations as new root versions"
                  + " (root-history.json); every policy version names its signing key; the"
                  + " audit log and this package are signed with the audit-log key."),
          new Control(
              "ISO 27001",
              "A.12",
              "Operations security (change management, logging and monitoring)",
              List.of(REPORT_HTML, RECORDS, CHECKPOINT, POLICY_JSON, DEVICES_JSON),
              "Event logging (A.12.4.1) and protection of log information (A.12.4.2): every"
                  + " decision is recorded on the device, uploaded and stored append-only in a"
                  + " tamper-evident log; change management (A.12.1.2) by the policy history."),
          new Control(
              "ISO 27001",
              "A.13",
              "Communications security (information transfer)",
              List.of(REPORT_HTML, REPORT_PDF, SUMMARY, RECORDS),
              "Transfers of information to external AI services are inspected on the device"
                  + " before they leave and allowed, redacted or blocked by policy; the report"
                  + " shows the outcome per destination and provider."),
          new Control(
              "ISO 27001",
              "A.15",
              "Supplier relationships",
              List.of(REPORT_HTML, SUMMARY, RECORDS),
              "AI providers are suppliers: the report lists which providers and models"
                  + " received requests, from which applications, and under which policy"
                  + " version, so supplier use can be monitored and reviewed."));

  private ControlMapping() {}

  /** The human-readable mapping (Markdown), given which files the package contains. */
  static String markdown(
      String tenant,
      String period,
      Set<String> present,
      EvidenceInputs inputs,
      EvidencePackage.AdminActionsWritten actions,
      String key) {
    StringBuilder md = new StringBuilder();
    md.append("# Tether evidence package: control mapping\n\n");
    md.append("Tenant `").append(tenant).append("`, period ").append(period).append(".\n\n");
    md.append("## How to verify this package\n\n");
    md.append("`MANIFEST` lists every other file with its size and SHA-256 and is signed")
        .append(" (C2SP signed note, Ed25519) with the server's audit-log key. Verify it")
        .append(" offline with the key you pinned from the server (not the copy in this")
        .append(" package):\n\n");
    md.append("    tether-agent verify-evidence --key '").append(key).append("' PACKAGE.zip\n\n");
    md.append("It fails on any modified, missing or added file and on a bad signature.\n\n");
    md.append("## Controls\n\n");
    md.append("| Framework | Control | Evidence files | How it evidences the control |\n");
    md.append("|---|---|---|---|\n");
    for (Control c : CONTROLS) {
      md.append("| ")
          .append(c.framework())
          .append(" | ")
          .append(c.id())
          .append(" ")
          .append(c.title())
          .append(" | ");
      for (String file : c.files()) {
        md.append('`').append(file).append('`');
        md.append(present.contains(file) ? "" : " (absent, see below)").append("<br>");
      }
      md.append(" | ").append(c.how()).append(" |\n");
    }
    md.append("\n## Files\n\n");
    md.append("- `policy/history.*`: every published policy version of the tenant (")
        .append(inputs.policyHistory().size())
        .append(inputs.policyHistoryTruncated() ? ", list truncated" : "")
        .append(").\n");
    md.append("- `keys/root-history.json`: every root-of-trust version (")
        .append(inputs.keyHistory().size())
        .append("): key rotations and revocations with who and why. `keys/current.json`: the")
        .append(" current key ring, public parts only.\n");
    md.append("- `fleet/devices.*`: ")
        .append(inputs.devices().size())
        .append(" enrolled devices with enrollment time, last check-in, state and policy")
        .append(" version (the server keeps the latest check-in of each device, not each one).\n");
    md.append("- `decisions/`: the decision report (HTML, PDF, summary JSON) and every audit")
        .append(" record of the period (`records.csv`, all layers).\n");
    md.append("- `audit-log/checkpoint.txt`: the signed checkpoint every audit figure is")
        .append(" bounded by; `audit-log/verifier-key.txt`: the key that signs it.\n");
    md.append("- `admin/actions.json`: ");
    if (actions == null) {
      md.append("absent: this server keeps no per-administrator action log.");
    } else {
      md.append(actions.count())
          .append(" administrative actions on this tenant in the period, newest first")
          .append(
              actions.truncated()
                  ? " (truncated at " + EvidenceInputs.MAX_ADMIN_ACTIONS + ")."
                  : ".")
          .append(" Server-wide actions (tenant creation, super-admin user management) are")
          .append(" listed by `GET /api/v1/admin/admin-actions`, not here.");
    }
    md.append("\n\n## Administrator identity\n\n").append(inputs.adminIdentity()).append("\n");
    return md.toString();
  }
}
