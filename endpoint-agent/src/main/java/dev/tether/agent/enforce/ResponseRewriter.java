package dev.tether.agent.enforce;

/**
 * Rewrites an upstream response body as it streams to the client, chunk by chunk, without buffering
 * the whole response. A rewriter may hold back a few bytes at a chunk boundary (for example, a
 * placeholder split across two SSE events) and must release them in {@link #finish}.
 *
 * <p>Lifecycle, in order: {@link #rewrite} once per body chunk as it arrives from upstream, then
 * {@link #finish} once when the upstream body ends. One instance serves one response and is called
 * from one thread at a time. If it throws, the proxy closes the client connection (the response is
 * cut, never passed on unrewritten).
 */
public interface ResponseRewriter {

  /** Passes every byte through unchanged. */
  ResponseRewriter IDENTITY =
      new ResponseRewriter() {
        @Override
        public byte[] rewrite(byte[] chunk) {
          return chunk;
        }

        @Override
        public byte[] finish() {
          return new byte[0];
        }
      };

  /** Returns the bytes to send to the client for this upstream chunk (possibly empty). */
  byte[] rewrite(byte[] chunk);

  /** Returns any bytes held back, at the end of the upstream body. */
  byte[] finish();
}
