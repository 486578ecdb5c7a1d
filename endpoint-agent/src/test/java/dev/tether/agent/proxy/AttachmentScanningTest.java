package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.rules.RuleEngine;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets inside content the provider recognition decodes (a MIME base64 multipart file part, a
 * base64 {@code data:} URL whose payload is line-wrapped) are found by the detectors and blocked
 * through the real proxy, although a scan of the raw body alone misses them (each test checks that
 * precondition, so it fails if the attachment text is not scanned).
 */
class AttachmentScanningTest {
  static final String KEY_LINE = "aws_access_key_id = " + "AKIAQ3EGT5ZRWJ7LUN4F" + "\n";
  static TestUpstream upstream;
  static ProxyFixture proxy;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    upstream = new TestUpstream(DeviceCa.generate("attachment-upstream-ca"));
    proxy =
        new ProxyFixture(
            dir,
            // The judge is off: these tests are about the detectors alone.
            TestPolicies.document(List.of())
                .withJudge(new JudgeSettings(false, null, null, null, null, null, null)),
            ModeHandlers.none(),
            upstream.writeCaPem(dir),
            null);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    upstream.close();
  }

  /**
   * Base64 of a text whose AWS key straddles the 57-byte boundary of the first 76-character MIME
   * line (it starts at byte 50), wrapped with {@code separator} between lines.
   */
  static String wrappedBase64(String text, String separator) {
    int key = text.indexOf("AKIA");
    String padded = (key < 0 ? "" : "x".repeat(50 - key)) + text;
    String b64 = Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b64.length(); i += 76) {
      out.append(b64, i, Math.min(b64.length(), i + 76));
      if (i + 76 < b64.length()) {
        out.append(separator);
      }
    }
    return out.toString();
  }

  static String multipart(String fileContent) {
    return "--b0undary\r\n"
        + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
        + "--b0undary\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
        + "Content-Type: text/plain\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + wrappedBase64(fileContent, "\r\n")
        + "\r\n--b0undary--\r\n";
  }

  static String chatWithDataUrl(String fileContent) {
    return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"summarise the attached notes\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:text/plain;base64,"
        + wrappedBase64(fileContent, "\\n")
        + "\"}}]}]}";
  }

  static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(proxy.address))
            .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertRawBodyScanMisses(String body) {
    assertThat(RuleEngine.standard().scan(body))
        .as("precondition: the raw body scan alone does not see the split key")
        .noneMatch(f -> f.family().equals("cloud-credentials"));
  }

  @Test
  void multipartUpload_base64FilePartWithKey_blocked() throws Exception {
    String body = multipart(KEY_LINE + "more notes\n");
    assertRawBodyScanMisses(body);
    int before = upstream.bodies.size();

    HttpResponse<String> response =
        post("/v1/files", "multipart/form-data; boundary=b0undary", body);

    assertEquals(403, response.statusCode(), response.body());
    assertThat(response.body()).doesNotContain("AKIAQ3EGT5ZRWJ7LUN4F");
    assertEquals(before, upstream.bodies.size(), "nothing reached upstream");
    assertAttachmentRuleAudited();
  }

  @Test
  void dataUrl_lineWrappedBase64WithKey_blocked() throws Exception {
    String body = chatWithDataUrl(KEY_LINE + "more notes\n");
    assertRawBodyScanMisses(body);
    int before = upstream.bodies.size();

    HttpResponse<String> response = post("/v1/chat/completions", "application/json", body);

    assertEquals(403, response.statusCode(), response.body());
    assertEquals(before, upstream.bodies.size(), "nothing reached upstream");
    assertAttachmentRuleAudited();
  }

  @Test
  void dataUrl_withoutSecret_forwarded() throws Exception {
    String body = chatWithDataUrl("meeting notes\nnothing secret here at all, just prose\n");
    HttpResponse<String> response = post("/v1/chat/completions", "application/json", body);
    assertEquals(201, response.statusCode(), response.body());
  }

  private static void assertAttachmentRuleAudited() throws Exception {
    List<AuditEvent> events = proxy.audit();
    assertThat(events)
        .anyMatch(
            e ->
                e.layer() == AuditLayer.RULE
                    && e.reason().contains("cloud-credentials detected in attachment")
                    && e.detectorIds().contains("aws-access-key-id"));
  }
}
