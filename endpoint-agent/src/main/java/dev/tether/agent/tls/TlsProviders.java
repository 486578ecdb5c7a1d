package dev.tether.agent.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Chooses the TLS implementation for both sides of the proxy: BoringSSL through netty-tcnative
 * ({@link SslProvider#OPENSSL}) when its native library loads and supports ALPN, the JDK's {@code
 * SSLEngine} otherwise. Which one is used never changes what is verified: trust anchors, host name
 * verification (endpoint identification {@code HTTPS}), protocol versions and ALPN are configured
 * identically by the callers for either provider.
 *
 * <p>The system property {@value #PROPERTY} ({@code jdk} or {@code openssl}) overrides the choice;
 * {@code openssl} where the native library does not load fails at start-up instead of silently
 * running on the JDK.
 */
public final class TlsProviders {
  /** Overrides the automatic choice: {@code jdk} or {@code openssl}. */
  public static final String PROPERTY = "tether.tls.provider";

  private static final System.Logger LOG = System.getLogger(TlsProviders.class.getName());
  private static volatile SslProvider chosen;

  private TlsProviders() {}

  /**
   * The provider to build every proxy TLS context with.
   *
   * @throws IllegalStateException if {@value #PROPERTY}{@code =openssl} and BoringSSL is unusable,
   *     or the property has another value
   */
  public static SslProvider provider() {
    SslProvider provider = chosen;
    if (provider == null) {
      provider = choose(System.getProperty(PROPERTY, "auto"));
      chosen = provider;
    }
    return provider;
  }

  static SslProvider choose(String setting) {
    boolean usable = openSslUsable();
    switch (setting.toLowerCase(Locale.ROOT)) {
      case "jdk":
        return SslProvider.JDK;
      case "openssl":
        if (!usable) {
          throw new IllegalStateException(
              PROPERTY + "=openssl, but BoringSSL is unavailable: " + unavailability());
        }
        return SslProvider.OPENSSL;
      case "auto":
        if (usable) {
          return SslProvider.OPENSSL;
        }
        LOG.log(
            System.Logger.Level.INFO,
            "TLS: BoringSSL unavailable ({0}); using the JDK SSLEngine",
            unavailability());
        return SslProvider.JDK;
      default:
        throw new IllegalStateException(
            PROPERTY + ": expected jdk, openssl or auto, got " + setting);
    }
  }

  /** True if the native BoringSSL library loaded and can negotiate ALPN. */
  public static boolean openSslUsable() {
    try {
      return OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL);
    } catch (LinkageError e) {
      return false; // tcnative classes missing from the class path
    }
  }

  private static String unavailability() {
    try {
      Throwable cause = OpenSsl.unavailabilityCause();
      return cause == null ? "no ALPN support" : cause.toString();
    } catch (LinkageError e) {
      return e.toString();
    }
  }
}
