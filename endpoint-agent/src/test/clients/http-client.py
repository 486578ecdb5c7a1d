"""One request with python3-requests through the agent proxy; prints one JSON line.

Usage: python3 http-client.py openai|anthropic stream|plain <prompt>
Environment: TETHER_PROXY, TETHER_BASE_URL, REQUESTS_CA_BUNDLE (the device CA).
"""
import json
import os
import sys

import requests

api, mode, prompt = sys.argv[1:4]
proxy = os.environ["TETHER_PROXY"]
base = os.environ["TETHER_BASE_URL"]
stream = mode == "stream"
if api == "openai":
    url = base + "/v1/chat/completions"
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]}
    headers = {"Authorization": "Bearer sk-test"}
else:
    url = base + "/v1/messages"
    body = {"model": "claude-3-5-haiku-latest", "max_tokens": 64,
            "messages": [{"role": "user", "content": prompt}]}
    headers = {"x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01"}
if stream:
    body["stream"] = True
r = requests.post(url, json=body, headers=headers, stream=stream,
                  proxies={"https": proxy}, timeout=20)
if r.status_code != 200:
    error = r.json().get("error", {})
    print(json.dumps({"ok": False, "status": r.status_code, "message": error.get("message"),
                      "type": error.get("type")}))
    sys.exit(0)
if not stream:
    reply = r.json()
    text = (reply["choices"][0]["message"]["content"] if api == "openai"
            else "".join(b["text"] for b in reply["content"]))
    print(json.dumps({"ok": True, "text": text}))
    sys.exit(0)
text = ""
for line in r.iter_lines(decode_unicode=True):
    if not line or not line.startswith("data:"):
        continue
    data = line[5:].strip()
    if data == "[DONE]":
        break
    event = json.loads(data)
    if api == "openai":
        text += (event["choices"][0]["delta"].get("content") or "") if event["choices"] else ""
    elif event.get("type") == "content_block_delta":
        text += event["delta"].get("text", "")
print(json.dumps({"ok": True, "text": text}))
