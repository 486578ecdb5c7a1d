package dev.tether.core.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Label;
import dev.tether.core.rules.eval.Sample;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Deterministic benchmark inputs of an exact length. */
final class Payloads {
  private static final String[] PROSE = {
    "The ingestion service reads events from the queue, validates them against the schema registry"
        + " and writes them to the warehouse in batches of five hundred. ",
    "Failed batches are retried three times with exponential backoff before they are parked in the"
        + " dead-letter topic for manual inspection by the on-call engineer. ",
    "Can you help me refactor this function so that it streams the response instead of loading the"
        + " whole file into memory? It currently runs out of heap on large exports. ",
    "We rolled back the release at half past two and added the missing index in the next patch;"
        + " latency returned to normal within ten minutes. ",
    "Please summarise the design document below and list the open questions, ordered by how much"
        + " they block the migration. ",
  };

  private static final String[] CODE = {
    "public List<Order> findOpenOrders(CustomerId customer) {\n"
        + "  return repository.findByCustomer(customer).stream()\n"
        + "      .filter(order -> order.status() == Status.OPEN)\n"
        + "      .sorted(Comparator.comparing(Order::createdAt))\n"
        + "      .toList();\n}\n",
    "def paginate(session, url, page_size=100):\n"
        + "    page = 1\n    while True:\n"
        + "        resp = session.get(url, params={\"page\": page, \"size\": page_size})\n"
        + "        resp.raise_for_status()\n        items = resp.json()[\"items\"]\n"
        + "        if not items:\n            return\n        yield from items\n        page += 1\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n"
        + "  template:\n    spec:\n      containers:\n        - name: web\n"
        + "          image: nginx:1.27.2\n          ports:\n            - containerPort: 8080\n",
    "const server = http.createServer(async (req, res) => {\n"
        + "  const body = await readBody(req);\n  res.setHeader('Content-Type', 'application/json');\n"
        + "  res.end(JSON.stringify({ received: body.length }));\n});\n",
  };

  private Payloads() {}

  /** Prose and code without any secret or personal data, exactly {@code length} chars. */
  static String clean(int length, long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder(length + 1024);
    while (out.length() < length) {
      if (random.nextInt(3) == 0) {
        out.append(CODE[random.nextInt(CODE.length)]);
      } else {
        out.append(PROSE[random.nextInt(PROSE.length)]);
      }
      if (random.nextInt(4) == 0) {
        out.append(
            String.format(
                Locale.ROOT,
                "%n2026-03-14T09:%02d:%02dZ INFO orders latency_ms=%d status=200%n",
                random.nextInt(60),
                random.nextInt(60),
                random.nextInt(900)));
      }
    }
    out.setLength(length);
    return out.toString();
  }

  /**
   * Clean text of exactly {@code length} chars with {@code count} labelled corpus positives (of
   * different types, when the generator helpers exist) spliced in at even intervals.
   */
  static String withSecrets(int length, int count, long seed) {
    List<String> secrets = new ArrayList<>();
    for (Sample s : CorpusBuilder.standard().build()) {
      if (!s.labels().isEmpty() && s.text().length() < 1024 && secrets.size() < count * 7) {
        Label l = s.labels().get(0);
        secrets.add(s.text().substring(Math.max(0, l.start() - 40), l.end()));
      }
    }
    if (secrets.isEmpty()) {
      // Fabricated values, no live credentials: the format of an AWS key id and a JWT.
      secrets.add("AWS_ACCESS_KEY_ID=AKIAQ3EGT5ZRWJ7LUN4F");
      secrets.add(
          "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl");
    }
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder(clean(length, seed));
    for (int i = 0; i < count; i++) {
      String secret = "\n" + secrets.get((i * 7 + random.nextInt(7)) % secrets.size()) + "\n";
      int at = (int) ((long) length * (i + 1) / (count + 1));
      out.replace(at, Math.min(length, at + secret.length()), secret);
    }
    out.setLength(length);
    return out.toString();
  }

  /**
   * An OpenAI-style chat-request body of about {@code length} chars: {@code
   * {"model":..,"messages":[{"role":"system",..},{"role":"user","content":"<prose and code>"}]}}
   * with the content JSON-escaped ({@code \\n}, {@code \\"}, {@code \\\\}), as an agent
   * intercepts it. {@code secrets} corpus positives are spliced into the content first.
   */
  static String jsonChatBody(int length, int secrets, long seed) {
    String head =
        "{\"model\":\"gpt-4o\",\"temperature\":0.2,\"stream\":true,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"You are a helpful coding assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"";
    String tail = "\"}]}";
    int budget = Math.max(0, length - head.length() - tail.length());
    // Escaping grows prose and code by a few percent; shrink the source until the body fits.
    int source = budget;
    String escaped;
    do {
      String content = secrets > 0 ? withSecrets(source, secrets, seed) : clean(source, seed);
      escaped = new String(JsonStringEncoder.getInstance().quoteAsString(content));
      source -= Math.max(1, (escaped.length() - budget) + 8);
    } while (escaped.length() > budget && source > 0);
    return head + escaped + tail;
  }

  /** Inputs built to make backtracking or quadratic scanning visible; {@code length} chars. */
  static String adversarial(String kind, int length) {
    Random random = new Random(42);
    String unit =
        switch (kind) {
          case "a-run" -> "a";
          case "digits" -> null;
          case "base64" -> null;
          case "begin-pem" -> "-----BEGIN ";
          case "pem-unterminated" -> null;
          case "password-assign" -> "password=";
          case "json-escapes" -> "{\\\"k\\\":\\\"\\\\\\\"\\\\u0022\\\\\\\\";
          case "email-ish" -> "a.a@a";
          default -> throw new IllegalArgumentException("adversarial: unknown kind " + kind);
        };
    StringBuilder out = new StringBuilder(length + 64);
    if (kind.equals("pem-unterminated")) {
      out.append("-----BEGIN RSA PRIVATE KEY-----\n");
    }
    if (unit == null) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      if (kind.equals("digits")) {
        for (byte b : bytes) {
          out.append((char) ('0' + Math.floorMod(b, 10)));
        }
      } else {
        out.append(Base64.getEncoder().encodeToString(bytes).replace("=", ""));
      }
    } else {
      while (out.length() < length) {
        out.append(unit);
      }
    }
    out.setLength(length);
    return out.toString();
  }
}
