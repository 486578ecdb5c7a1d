package dev.tether.nativehooks;

/** The OS refused or failed to apply the redirect; the message carries the OS's error verbatim. */
public final class RedirectException extends Exception {
  private static final long serialVersionUID = 1L;

  public RedirectException(String message) {
    super(message);
  }

  public RedirectException(String message, Throwable cause) {
    super(message, cause);
  }
}
