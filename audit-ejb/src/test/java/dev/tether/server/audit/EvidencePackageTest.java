package dev.tether.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.audit.evidence.EvidenceManifest;
import dev.tether.core.audit.evidence.EvidenceVerificationException;
import dev.tether.core.audit.evidence.EvidenceVerifier;
import dev.tether.core.audit.log.NoteSigner;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import dev.tether.server.audit.evidence.EvidenceInputs;
import dev.tether.server.audit.evidence.EvidencePackage;
import dev.tether.server.audit.report.DecisionSummaries;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.RecordSource;
import dev.tether.server.audit.report.ReportRepository;
import dev.tether.server.audit.report.ReportScope;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence package from a real store: verifies offline with the pinned audit-log key, carries
 * what the control mapping promises, and every kind of tampering is detected.
 */
class EvidencePackageTest {
  static final String ORIGIN = "tether.test/audit-log";
  static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
  static final Instant END = Instant.parse("2026-05-05T00:00:00Z");
  static final NoteSigner signer = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
  static final TamperEvidentLog log = new TamperEvidentLog(ORIGIN, signer, Clock.systemUTC());
  static JpaStore store;
  static ReportFixture acme;

  @TempDir Path dir;

  @BeforeAll
  static void ingest() {
    store = JpaStore.h2("evidence");
    acme = ReportFixture.ingest(store, "acme", 400, 3, START, 4, 11);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static EvidenceInputs inputs(List<?> actions) {
    EvidenceInputs.AdminActionSource adminActions =
        actions == null
            ? null
            : (max, sink) -> {
              actions.forEach(sink);
              return false;
            };
    return new EvidenceInputs(
        List.of(
            new EvidenceInputs.PolicyChange(
                "eng",
                1,
                "PUBLISH",
                null,
                START,
                "alice",
                null,
                "first",
                "sha256:aa",
                "sha256:bb",
                "k1",
                END),
            new EvidenceInputs.PolicyChange(
                "eng",
                2,
                "ROLLBACK",
                1L,
                START.plusSeconds(60),
                "bob",
                "carol",
                "=rollback, \"quoted\"",
                "sha256:cc",
                "sha256:bb",
                "k1",
                END)),
        false,
        List.of(
            new EvidenceInputs.KeyChange(
                1,
                START,
                "system",
                "tenant created",
                "sha256:ff",
                2,
                List.of("r1", "r2", "r3"),
                List.of("k1 " + START + ".." + END),
                List.of())),
        Map.of("rootVersion", 1),
        List.of(
            new EvidenceInputs.FleetDevice(
                "acme-dev-0",
                "eng",
                "host-0",
                "alice",
                START,
                START.plusSeconds(30),
                "ENFORCING",
                2)),
        adminActions,
        "test admins");
  }

  Path write(EvidenceInputs inputs) throws Exception {
    String checkpoint = store.tx(r -> log.checkpoint(r));
    long size = store.tx(r -> log.catchUp(r));
    ReportScope scope = new ReportScope("acme", START, END, size, checkpoint);
    DecisionSummary summary =
        store.tx(r -> DecisionSummaries.compute(ReportRepository.of(r.em), scope, Instant.now()));
    RecordSource records =
        (after, max, d) -> store.tx(r -> ReportRepository.of(r.em).page(scope, after, max, d));
    Path zip = dir.resolve("evidence.zip");
    try (OutputStream out = Files.newOutputStream(zip)) {
      EvidencePackage.write(
          out,
          inputs,
          summary,
          records,
          signer.verifierKey().encode(),
          m -> signer.signText(m.encode()),
          Instant.now());
    }
    return zip;
  }

  static Map<String, byte[]> read(Path zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = file.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        try (InputStream in = file.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  @Test
  void package_verifiesOfflineAndCarriesTheMappedEvidence() throws Exception {
    Path zip = write(inputs(List.of(Map.of("action", "policy.publish", "admin", "alice"))));
    EvidenceManifest manifest = EvidenceVerifier.verify(zip, signer.verifierKey());
    assertEquals("acme", manifest.tenant());
    Map<String, byte[]> files = read(zip);
    for (String path :
        List.of(
            "control-mapping.md",
            "control-mapping.json",
            "policy/history.json",
            "policy/history.csv",
            "admin/actions.json",
            "keys/root-history.json",
            "keys/current.json",
            "fleet/devices.json",
            "fleet/devices.csv",
            "decisions/summary.json",
            "decisions/report.html",
            "decisions/report.pdf",
            "decisions/records.csv",
            "audit-log/checkpoint.txt",
            "audit-log/verifier-key.txt",
            "MANIFEST")) {
      assertTrue(files.containsKey(path), path);
    }
    assertEquals(files.size() - 1, manifest.files().size());
    String mapping = new String(files.get("control-mapping.md"), UTF_8);
    for (String control :
        List.of(
            "CC6.1", "CC6.3", "CC6.7", "CC7.1", "CC7.2", "CC8.1", "A.9", "A.10", "A.12", "A.13",
            "A.15")) {
      assertTrue(mapping.contains("| " + control + " "), control);
    }
    assertTrue(mapping.contains(signer.verifierKey().encode()));
    assertTrue(mapping.contains("1 administrative actions on this tenant in the period"));
    String actions = new String(files.get("admin/actions.json"), UTF_8);
    assertEquals(1, JsonCodec.read(actions, Object[].class).length);
    assertTrue(actions.contains("\"action\":\"policy.publish\""), actions);
    DecisionSummary summary =
        JsonCodec.read(files.get("decisions/summary.json"), DecisionSummary.class);
    acme.assertMatches(summary, START, END);
    String records = new String(files.get("decisions/records.csv"), UTF_8);
    assertEquals(acme.within(START, END).size() + 1, records.split("\r\n").length);
    try (PDDocument pdf = Loader.loadPDF(files.get("decisions/report.pdf"))) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains("Decisions " + summary.decisions()), "total in PDF");
    }
    String policy = new String(files.get("policy/history.csv"), UTF_8);
    assertTrue(policy.contains("eng,2,ROLLBACK,1,"), policy);
    assertTrue(policy.contains(",bob,carol,\"'=rollback, \"\"quoted\"\"\","), policy);
    assertEquals(new String(files.get("audit-log/checkpoint.txt"), UTF_8), summary.checkpoint());
  }

  @Test
  void package_withoutAdminLog_saysSoAndStillVerifies() throws Exception {
    Path zip = write(inputs(null));
    EvidenceManifest manifest = EvidenceVerifier.verify(zip, signer.verifierKey());
    assertNull(manifest.file("admin/actions.json"));
    String mapping = new String(read(zip).get("control-mapping.md"), UTF_8);
    assertTrue(mapping.contains("`admin/actions.json` (absent, see below)"));
    assertTrue(mapping.contains("absent: this server keeps no per-administrator action log"));
  }

  @Test
  void package_tampered_everyKindDetected() throws Exception {
    Path good = write(inputs(null));
    Map<String, UnaryOperator<Map<String, byte[]>>> tamperings = new LinkedHashMap<>();
    tamperings.put(
        "decisions/records.csv: modified",
        m -> {
          String csv = new String(m.get("decisions/records.csv"), UTF_8);
          m.put("decisions/records.csv", csv.replaceFirst(",BLOCK,", ",ALLOW,").getBytes(UTF_8));
          return m;
        });
    tamperings.put(
        "policy/history.json: modified",
        m -> {
          m.put(
              "policy/history.json",
              new String(m.get("policy/history.json"), UTF_8)
                  .replace("alice", "mallory")
                  .getBytes(UTF_8));
          return m;
        });
    tamperings.put(
        "decisions/report.pdf: listed but missing",
        m -> {
          m.remove("decisions/report.pdf");
          return m;
        });
    tamperings.put(
        "admin/actions.json: present but not listed",
        m -> {
          m.put("admin/actions.json", "[]".getBytes(UTF_8));
          return m;
        });
    tamperings.put(
        "MANIFEST: signed note: no signature by the pinned key",
        m -> {
          String note = new String(m.get("MANIFEST"), UTF_8);
          NoteSigner forger = new NoteSigner(ORIGIN, Ed25519KeyPair.generate());
          m.put(
              "MANIFEST",
              forger.signText(note.substring(0, note.lastIndexOf("\n\n") + 1)).getBytes(UTF_8));
          return m;
        });
    List<String> failures = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, UnaryOperator<Map<String, byte[]>>> t : tamperings.entrySet()) {
      Path bad = dir.resolve("bad-" + i++ + ".zip");
      Map<String, byte[]> entries = t.getValue().apply(read(good));
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          out.putNextEntry(new ZipEntry(e.getKey()));
          out.write(e.getValue());
          out.closeEntry();
        }
      }
      EvidenceVerificationException e =
          assertThrows(
              EvidenceVerificationException.class,
              () -> EvidenceVerifier.verify(bad, signer.verifierKey()),
              t.getKey());
      if (!e.getMessage().startsWith(t.getKey())) {
        failures.add(t.getKey() + " -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), failures);
  }
}
