package dev.tether.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected with a byte limit. Over the limit it either fails ({@code reject}: "cut
 * off and rejected") or completes with the first {@code limit} bytes (error snippets); in both
 * cases the subscription is cancelled, so the connection stops reading. {@link #abort} cancels it
 * from outside (the download deadline).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final boolean reject;
  private final String path;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;

  BoundedBody(int limit, boolean reject, String path) {
    this.limit = limit;
    this.reject = reject;
    this.path = path;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (result.isDone()) {
      subscription.cancel();
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : items) {
      int room = limit - out.size();
      if (buffer.remaining() > room) {
        if (reject) {
          abort(
              new IOException(
                  path + ": response exceeds the limit of " + limit + " bytes (cut off)"));
          return;
        }
        byte[] head = new byte[room];
        buffer.get(head);
        out.writeBytes(head);
        subscription.cancel();
        result.complete(out.toByteArray());
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  /** Stops reading: cancels the subscription and fails the body with {@code cause}. */
  void abort(Exception cause) {
    result.completeExceptionally(cause);
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
