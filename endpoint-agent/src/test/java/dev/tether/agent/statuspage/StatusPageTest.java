package dev.tether.agent.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.RecentDecisions;
import dev.tether.agent.enforce.RequestKey;
import dev.tether.core.policy.ResponseMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  final CoachLedger coach = new CoachLedger();
  final RecentDecisions recent = new RecentDecisions();
  final RequestKey key = new RequestKey("sha256:ab", "alice", "api.openai.com");
  final HttpClient http = HttpClient.newHttpClient();
  StatusPage page;

  @BeforeEach
  void start() throws Exception {
    coach.hold(new CoachLedger.Held(ID, key, "source code detected", Duration.ofHours(1)));
    recent.add(
        new RecentDecisions.Entry(
            ID,
            Clock.systemUTC().instant(),
            "api.openai.com",
            ResponseMode.COACH,
            "source code <detected>",
            "waiting"));
    page = StatusPage.start(0, recent, coach, new ApprovalLedger(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    page.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(page.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String form, String origin) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(page.baseUrl() + "/decisions/" + ID + "/acknowledge"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String token() throws Exception {
    Matcher m =
        Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get("/decisions/" + ID).body());
    assertTrue(m.find());
    return m.group(1);
  }

  @Test
  void index_listsDecisionEscapedWithStrictHeaders() throws Exception {
    HttpResponse<String> r = get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("source code &lt;detected&gt;"), r.body());
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("'none'"));
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
  }

  @Test
  void acknowledge_withTokenAndJustification_allowsRetry() throws Exception {
    HttpResponse<String> r =
        post("csrf=" + token() + "&justification=public+sample+code", page.baseUrl());
    assertEquals(303, r.statusCode());
    assertTrue(coach.acknowledged(key, Clock.systemUTC().instant()).isPresent());
    assertTrue(get("/decisions/" + ID).body().contains("public sample code"));
  }

  @Test
  void acknowledge_withoutToken_isRefused() throws Exception {
    assertEquals(403, post("justification=trust+me+please", null).statusCode());
    assertFalse(coach.acknowledged(key, Clock.systemUTC().instant()).isPresent());
  }

  @Test
  void acknowledge_crossOrigin_isRefusedEvenWithToken() throws Exception {
    HttpResponse<String> r =
        post("csrf=" + token() + "&justification=public+sample+code", "http://evil.example");
    assertEquals(403, r.statusCode());
    assertFalse(coach.acknowledged(key, Clock.systemUTC().instant()).isPresent());
  }

  @Test
  void acknowledge_blankJustification_isRejected() throws Exception {
    assertEquals(400, post("csrf=" + token() + "&justification=+", page.baseUrl()).statusCode());
    assertFalse(coach.acknowledged(key, Clock.systemUTC().instant()).isPresent());
  }

  @Test
  void rebindingHostHeader_isRefused() throws Exception {
    // java.net.http does not allow setting Host; use a raw socket.
    URI uri = URI.create(page.baseUrl());
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String head =
          new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 421", head);
    }
  }
}
