package dev.tether.agent.server;

import java.io.IOException;

/** The server answered with an unexpected status. */
public final class ServerException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ServerException(String path, int status, String detail) {
    super(path + ": server answered " + status + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.status = status;
  }

  public int status() {
    return status;
  }
}
