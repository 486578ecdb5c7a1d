package dev.tether.agent.clients;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Runs one request with one real client and reports what the developer would see. Node and Python
 * run as processes with the device CA trusted through their usual environment variables ({@code
 * NODE_EXTRA_CA_CERTS}, {@code REQUESTS_CA_BUNDLE}); curl gets {@code --cacert}; Java's HttpClient
 * an SSLContext trusting the device CA.
 */
final class Clients {
  /** What a client reported: a completed text, or an error with status, class and message. */
  record Result(boolean ok, String text, Integer status, String errorClass, String message) {
    static Result of(JsonNode json) {
      return new Result(
          json.path("ok").asBoolean(),
          json.path("text").asText(null),
          json.path("status").isNumber() ? json.path("status").asInt() : null,
          json.path("errorClass").asText(null),
          json.path("message").asText(null));
    }
  }

  /** Which API a request goes to. */
  enum Api {
    OPENAI,
    ANTHROPIC
  }

  private final Path work;
  private final String proxyUrl;
  private final Path deviceCaPem;
  private final SSLContext trustDeviceCa;
  private final String python;

  Clients(Path work, String proxyUrl, Path deviceCaPem, SSLContext trustDeviceCa, String python) {
    this.work = work;
    this.proxyUrl = proxyUrl;
    this.deviceCaPem = deviceCaPem;
    this.trustDeviceCa = trustDeviceCa;
    this.python = python;
  }

  Result node(Api api, String baseUrl, boolean stream, String prompt) throws Exception {
    return process(
        List.of(
            "node",
            "sdk-client.mjs",
            api == Api.OPENAI ? "openai" : "anthropic",
            stream ? "stream" : "plain",
            prompt),
        Map.of("NODE_EXTRA_CA_CERTS", deviceCaPem.toString()),
        baseUrl);
  }

  Result python(Api api, String baseUrl, boolean stream, String prompt) throws Exception {
    return process(
        List.of(
            python,
            "http-client.py",
            api == Api.OPENAI ? "openai" : "anthropic",
            stream ? "stream" : "plain",
            prompt),
        Map.of("REQUESTS_CA_BUNDLE", deviceCaPem.toString()),
        baseUrl);
  }

  Result curl(Api api, String baseUrl, boolean stream, String prompt) throws Exception {
    String body = requestBody(api, stream, prompt);
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "-N",
                "--max-time",
                "20",
                "--proxy",
                proxyUrl,
                "--cacert",
                deviceCaPem.toString(),
                "-H",
                "content-type: application/json",
                "-w",
                "\n%{http_code}",
                "--data-binary",
                body));
    if (api == Api.ANTHROPIC) {
      command.addAll(List.of("-H", "anthropic-version: 2023-06-01", "-H", "x-api-key: k"));
    } else {
      command.addAll(List.of("-H", "authorization: Bearer k"));
    }
    command.add(baseUrl + path(api));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("curl failed: " + out);
    }
    int cut = out.lastIndexOf('\n');
    return parse(
        api, Integer.parseInt(out.substring(cut + 1).trim()), out.substring(0, cut), stream);
  }

  Result java(Api api, String baseUrl, boolean stream, String prompt) throws Exception {
    URI proxy = URI.create(proxyUrl);
    HttpClient client =
        HttpClient.newBuilder()
            .proxy(
                ProxySelector.of(new java.net.InetSocketAddress(proxy.getHost(), proxy.getPort())))
            .sslContext(trustDeviceCa)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path(api)))
            .timeout(Duration.ofSeconds(20))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(api, stream, prompt)));
    if (api == Api.ANTHROPIC) {
      request.header("anthropic-version", "2023-06-01");
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return parse(api, response.statusCode(), response.body(), stream);
  }

  private static String path(Api api) {
    return api == Api.OPENAI ? "/v1/chat/completions" : "/v1/messages";
  }

  static String requestBody(Api api, boolean stream, String prompt) throws IOException {
    var body = FakeProvider.JSON.createObjectNode();
    body.put("model", api == Api.OPENAI ? "gpt-4o-mini" : "claude-3-5-haiku-latest");
    if (api == Api.ANTHROPIC) {
      body.put("max_tokens", 64);
    }
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    if (stream) {
      body.put("stream", true);
    }
    return FakeProvider.JSON.writeValueAsString(body);
  }

  /** What a plain HTTP client shows: the error JSON's message, or the (streamed) text. */
  static Result parse(Api api, int status, String body, boolean stream) throws IOException {
    if (status != 200) {
      JsonNode error = FakeProvider.JSON.readTree(body).path("error");
      return new Result(
          false, null, status, error.path("type").asText(null), error.path("message").asText(null));
    }
    StringBuilder text = new StringBuilder();
    if (!stream) {
      JsonNode reply = FakeProvider.JSON.readTree(body);
      if (api == Api.OPENAI) {
        text.append(reply.path("choices").path(0).path("message").path("content").asText());
      } else {
        reply.path("content").forEach(b -> text.append(b.path("text").asText()));
      }
      return new Result(true, text.toString(), 200, null, null);
    }
    for (String line : body.split("\n")) {
      if (!line.startsWith("data:") || line.contains("[DONE]")) {
        continue;
      }
      JsonNode event = FakeProvider.JSON.readTree(line.substring(5).trim());
      if (api == Api.OPENAI) {
        text.append(event.path("choices").path(0).path("delta").path("content").asText(""));
      } else if (event.path("type").asText().equals("content_block_delta")) {
        text.append(event.path("delta").path("text").asText(""));
      }
    }
    return new Result(true, text.toString(), 200, null, null);
  }

  private Result process(List<String> command, Map<String, String> env, String baseUrl)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().putAll(env);
    builder.environment().put("TETHER_PROXY", proxyUrl);
    builder.environment().put("TETHER_BASE_URL", baseUrl);
    builder.environment().remove("HTTPS_PROXY");
    builder.environment().remove("https_proxy");
    builder.redirectError(
        ProcessBuilder.Redirect.appendTo(work.resolve("clients-stderr.log").toFile()));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command + " timed out");
    }
    if (out.isEmpty()) {
      throw new IOException(
          command
              + " printed nothing (exit "
              + p.exitValue()
              + "); see "
              + work.resolve("clients-stderr.log"));
    }
    String last = out.substring(out.lastIndexOf('\n') + 1);
    return Result.of(FakeProvider.JSON.readTree(last));
  }
}
