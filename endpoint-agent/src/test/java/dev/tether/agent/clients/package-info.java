/**
 * The real-client suite: the npm {@code openai} and {@code @anthropic-ai/sdk} packages, Python
 * {@code requests}, curl and Java's HttpClient talk through the real agent proxy (explicit CONNECT,
 * device CA trusted) to a local fake upstream that speaks the OpenAI and Anthropic APIs including
 * SSE streaming.
 */
package dev.tether.agent.clients;
