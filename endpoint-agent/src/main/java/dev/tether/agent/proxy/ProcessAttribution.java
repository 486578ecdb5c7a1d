package dev.tether.agent.proxy;

import dev.tether.nativehooks.ProcessInfo;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the owning process that transparent mode attributes to an accepted connection (the channel
 * attribute {@code tether.process}, set by {@code dev.tether.agent.intercept.TransparentMode}) for
 * the audit record's application. Never waits: attribution still running, failed or absent
 * (explicit proxy mode) means the application is unknown. Only the executable path is used, never
 * the command line (arguments may hold secrets).
 */
final class ProcessAttribution {
  /** Same name as {@code TransparentMode.PROCESS}; Netty returns the one key for a name. */
  private static final AttributeKey<CompletableFuture<Optional<ProcessInfo>>> PROCESS =
      AttributeKey.valueOf("tether.process");

  private ProcessAttribution() {}

  /** The executable path of the process that owns {@code channel}, or {@code null}. */
  static String executableOf(Channel channel) {
    CompletableFuture<Optional<ProcessInfo>> process = channel.attr(PROCESS).get();
    if (process == null && channel.parent() != null) {
      process = channel.parent().attr(PROCESS).get();
    }
    if (process == null || !process.isDone() || process.isCompletedExceptionally()) {
      return null;
    }
    return process.getNow(Optional.empty()).map(ProcessInfo::executable).orElse(null);
  }
}
