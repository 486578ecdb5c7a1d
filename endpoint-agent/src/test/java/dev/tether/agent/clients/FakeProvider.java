package dev.tether.agent.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS server that answers like the OpenAI ({@code POST /v1/chat/completions}) and
 * Anthropic ({@code POST /v1/messages}) APIs, with and without {@code "stream": true}. The model
 * "echoes" the last user message ({@code "echo: <text>"}); streams send it in 4-character SSE
 * deltas, so placeholders are split across events. Every request body is recorded.
 */
final class FakeProvider implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final List<String> bodies = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  FakeProvider(DeviceCa ca, String host) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X509Certificate leaf = new LeafMinter(ca, 1).mint(host, keys);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "leaf", keys.getPrivate(), "pw".toCharArray(), new Certificate[] {leaf, ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "pw".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/chat/completions", this::openAi);
    server.createContext("/v1/messages", this::anthropic);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private JsonNode read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(body);
    return JSON.readTree(body);
  }

  private static String lastUserText(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode content = messages.path(messages.size() - 1).path("content");
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      content.forEach(part -> text.append(part.path("text").asText()));
      return text.toString();
    }
    return content.asText();
  }

  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 4) {
      pieces.add(text.substring(i, Math.min(text.length(), i + 4)));
    }
    return pieces;
  }

  private void openAi(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = read(exchange);
      String answer = "echo: " + lastUserText(request);
      String model = request.path("model").asText("gpt-4o-mini");
      if (!request.path("stream").asBoolean(false)) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1);
        reply.put("model", model);
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        reply
            .putObject("usage")
            .put("prompt_tokens", 1)
            .put("completion_tokens", 1)
            .put("total_tokens", 2);
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(reply));
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      List<String> deltas = new ArrayList<>();
      deltas.add(null);
      deltas.addAll(pieces(answer));
      for (String piece : deltas) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0).putNull("finish_reason");
        ObjectNode delta = choice.putObject("delta");
        if (piece == null) {
          delta.put("role", "assistant").put("content", "");
        } else {
          delta.put("content", piece);
        }
        event(out, null, chunk);
      }
      ObjectNode last = JSON.createObjectNode();
      last.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1);
      last.put("model", model);
      last.putArray("choices")
          .addObject()
          .put("index", 0)
          .put("finish_reason", "stop")
          .putObject("delta");
      event(out, null, last);
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void anthropic(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = read(exchange);
      String answer = "echo: " + lastUserText(request);
      String model = request.path("model").asText("claude-3-5-haiku-latest");
      if (!request.path("stream").asBoolean(false)) {
        ObjectNode reply = JSON.createObjectNode();
        reply
            .put("id", "msg_fake")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
        reply.putArray("content").addObject().put("type", "text").put("text", answer);
        reply.put("stop_reason", "end_turn").putNull("stop_sequence");
        reply.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(reply));
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      ObjectNode start = JSON.createObjectNode().put("type", "message_start");
      ObjectNode message = start.putObject("message");
      message
          .put("id", "msg_fake")
          .put("type", "message")
          .put("role", "assistant")
          .put("model", model);
      message.putArray("content");
      message.putNull("stop_reason").putNull("stop_sequence");
      message.putObject("usage").put("input_tokens", 1).put("output_tokens", 0);
      event(out, "message_start", start);
      ObjectNode blockStart =
          JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
      blockStart.putObject("content_block").put("type", "text").put("text", "");
      event(out, "content_block_start", blockStart);
      for (String piece : pieces(answer)) {
        ObjectNode delta =
            JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", piece);
        event(out, "content_block_delta", delta);
      }
      event(
          out,
          "content_block_stop",
          JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
      ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
      messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
      messageDelta.putObject("usage").put("output_tokens", 1);
      event(out, "message_delta", messageDelta);
      event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
      out.flush();
    }
  }

  private static void event(OutputStream out, String name, JsonNode data) throws IOException {
    String text =
        (name == null ? "" : "event: " + name + "\n")
            + "data: "
            + JSON.writeValueAsString(data)
            + "\n\n";
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
