// Runs one request with the official SDK through the agent proxy and prints one JSON line:
//   {"ok":true,"text":"..."}                          (completed, streamed or not)
//   {"ok":false,"errorClass":"PermissionDeniedError","status":403,"message":"..."}
// Usage: node sdk-client.mjs openai|anthropic stream|plain <prompt>
// Environment: TETHER_PROXY (http://127.0.0.1:port), TETHER_BASE_URL (https://host:port),
// NODE_EXTRA_CA_CERTS (the device CA, so the agent's leaf certificates verify).
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { HttpsProxyAgent } from "https-proxy-agent";
import { ProxyAgent } from "undici";

const [sdk, mode, prompt] = process.argv.slice(2);
const proxy = process.env.TETHER_PROXY;
const baseURL = process.env.TETHER_BASE_URL;
const stream = mode === "stream";

async function run() {
  if (sdk === "openai") {
    const client = new OpenAI({
      apiKey: "sk-test-not-a-real-key",
      baseURL: baseURL + "/v1",
      httpAgent: new HttpsProxyAgent(proxy),
      maxRetries: 0,
      timeout: 20000,
    });
    const params = { model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] };
    if (!stream) {
      const reply = await client.chat.completions.create(params);
      return reply.choices[0].message.content;
    }
    let text = "";
    const events = await client.chat.completions.create({ ...params, stream: true });
    for await (const chunk of events) {
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    return text;
  }
  const client = new Anthropic({
    apiKey: "sk-ant-test-not-a-real-key",
    baseURL,
    fetchOptions: { dispatcher: new ProxyAgent(proxy) },
    maxRetries: 0,
    timeout: 20000,
  });
  const params = {
    model: "claude-3-5-haiku-latest",
    max_tokens: 64,
    messages: [{ role: "user", content: prompt }],
  };
  if (!stream) {
    const reply = await client.messages.create(params);
    return reply.content.map((b) => b.text).join("");
  }
  let text = "";
  const events = await client.messages.create({ ...params, stream: true });
  for await (const event of events) {
    if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
      text += event.delta.text;
    }
  }
  return text;
}

try {
  const text = await run();
  console.log(JSON.stringify({ ok: true, text }));
} catch (e) {
  console.log(
    JSON.stringify({
      ok: false,
      errorClass: e?.constructor?.name ?? String(e),
      status: e?.status ?? null,
      message: String(e?.message ?? e),
    }),
  );
}
