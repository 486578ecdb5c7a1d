package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Health records. Reports three kinds of finding:
 *
 * <ul>
 *   <li>{@code medical-record-number}: a number right after "MRN", "medical record" or "med rec";
 *   <li>{@code icd10-code}: an ICD-10 code (letter, digit, digit or letter, optional dot and one to
 *       four characters) near "ICD", "diagnosis" or "dx";
 *   <li>{@code medical-record}: patient context ("patient", "pt name") within 200 characters of an
 *       MRN or ICD-10 code; the span runs from the patient word to the last component, so redaction
 *       removes the name in between.
 * </ul>
 */
final class HealthRecordDetector implements Detector {
  static final String MRN_ID = "medical-record-number";
  static final String ICD_ID = "icd10-code";
  static final String RECORD_ID = "medical-record";

  private static final List<String> MRN_WORDS =
      List.of("mrn", "medical record", "medicalrecord", "med rec");
  private static final List<String> ICD_WORDS =
      List.of("icd", "icd-10", "icd10", "diagnosis", "diagnoses", "diagnosed", "dx", "diag");
  private static final List<String> PATIENT_WORDS =
      List.of("patient", "patients", "pt name", "patient name", "patient id");
  private static final KeywordWindows MRN_WINDOWS = KeywordWindows.of(MRN_WORDS);
  private static final KeywordWindows ICD_WINDOWS = KeywordWindows.of(ICD_WORDS);
  private static final int PATIENT_BEFORE = 200;
  private static final int PATIENT_AFTER = 80;

  private static final Pattern MRN =
      Pattern.compile(
          "(?i:mrn|medical[ _-]?record|med[ _-]rec)[\\w :#=.,()\\n\"'-]{0,40}?(?<![A-Za-z0-9-])"
              + "([A-Z]{0,3}-?\\d{6,12})(?![\\w-])");
  private static final Pattern ICD10 =
      Pattern.compile(
          "(?<![\\w.-])([A-TV-Z]\\d[0-9A-Z](?:\\.[0-9A-Z]{1,4})?|U07\\.[12])(?![\\w-]|\\.\\w)");
  private static final ContextWords ICD_CLOSE =
      new ContextWords(List.of("icd", "icd-10", "icd10"), 40, 0);

  @Override
  public String family() {
    return DetectorFamilies.HEALTH_RECORDS;
  }

  @Override
  public Set<String> keywords() {
    // substrings of every MRN and ICD context word (med_rec, medicalRecord, diagnosis)
    return Set.of("mrn", "medical", "med rec", "med_rec", "med-rec", "icd", "diag", "dx");
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> components = new ArrayList<>();
    InContext.forEachMatch(
        text,
        MRN_WINDOWS,
        0,
        60,
        MRN,
        m -> {
          if (InContext.digitsOf(m.group(1)).chars().distinct().count() > 1) {
            components.add(
                finding(
                    MRN_ID, "medical-record-number", Severity.HIGH, 0.85, m.start(1), m.end(1)));
          }
        });
    InContext.forEachMatch(
        text,
        ICD_WINDOWS,
        0,
        80,
        ICD10,
        m -> {
          double confidence = m.group(1).indexOf('.') > 0 ? 0.7 : 0.55;
          if (ICD_CLOSE.near(text, m.start(), m.end())) {
            confidence += 0.15;
          }
          components.add(
              finding(ICD_ID, "icd10-code", Severity.MEDIUM, confidence, m.start(1), m.end(1)));
        });
    List<Finding> records = records(text, components);
    List<Finding> findings = new ArrayList<>(records);
    for (Finding component : components) {
      // a component inside a record is redacted with it; report the record only
      if (records.stream()
          .noneMatch(r -> r.start() <= component.start() && component.end() <= r.end())) {
        findings.add(component);
      }
    }
    return findings;
  }

  /** One record finding per group of components that share a nearby patient word. */
  private List<Finding> records(CharSequence text, List<Finding> components) {
    List<Finding> records = new ArrayList<>();
    components.sort(Comparator.comparingInt(Finding::start));
    Finding open = null;
    for (Finding component : components) {
      int patient = patientWord(text, component.start(), component.end());
      if (patient < 0) {
        continue;
      }
      int start = Math.min(patient, component.start());
      int end = Math.max(component.end(), patient);
      if (open != null && start <= open.end() + PATIENT_BEFORE) {
        open =
            finding(
                RECORD_ID,
                "medical-record",
                Severity.CRITICAL,
                0.95,
                Math.min(open.start(), start),
                Math.max(open.end(), end));
        records.set(records.size() - 1, open);
      } else {
        open = finding(RECORD_ID, "medical-record", Severity.CRITICAL, 0.9, start, end);
        records.add(open);
      }
    }
    return records;
  }

  /** Start of the nearest patient word around the component, or -1. */
  private static int patientWord(CharSequence text, int start, int end) {
    int from = Math.max(0, start - PATIENT_BEFORE);
    int to = Math.min(text.length(), end + PATIENT_AFTER);
    int best = -1;
    for (String word : PATIENT_WORDS) {
      int at = ContextWords.find(text, word, from, to);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private Finding finding(
      String id, String type, Severity severity, double confidence, int start, int end) {
    return new Finding(id, type, family(), severity, Math.min(1.0, confidence), start, end);
  }
}
