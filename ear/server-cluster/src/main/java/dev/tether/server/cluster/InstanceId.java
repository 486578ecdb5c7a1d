package dev.tether.server.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This server instance's id: {@value #PROPERTY} (MicroProfile Config: system property or
 * environment {@code TETHER_INSTANCE_ID}) when set, else {@code <hostname>-<8 random hex>}, new on
 * every start. Resolved once per JVM. It names the lease holder in {@code TETHER_SERVER_LEASE} and
 * appears in the health output, so operators can tell which instance leads which job.
 */
public final class InstanceId {
  /** Config key of the instance id. */
  public static final String PROPERTY = "tether.instance.id";

  /** What an id may look like (it is shown in health output and stored as the lease holder). */
  static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private static volatile String current;

  private InstanceId() {}

  /** This instance's id (resolved on first call, then fixed for the JVM's life). */
  public static String current() {
    String id = current;
    if (id == null) {
      synchronized (InstanceId.class) {
        if (current == null) {
          Optional<String> configured =
              ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class);
          current = of(configured.orElse(null), hostname(), new SecureRandom());
        }
        id = current;
      }
    }
    return id;
  }

  /**
   * The id from a configured value, else from the host name and a random suffix.
   *
   * @throws IllegalArgumentException a configured value that is not {@link #VALID}, naming the key
   */
  static String of(String configured, String host, SecureRandom random) {
    if (configured != null && !configured.isBlank()) {
      String id = configured.trim();
      if (!VALID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            PROPERTY
                + ": expected 1-64 of [A-Za-z0-9._:-] starting alphanumeric, got \""
                + id
                + "\"");
      }
      return id;
    }
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    String h = host == null ? "" : host.replaceAll("[^A-Za-z0-9.-]", "");
    if (h.isEmpty() || !Character.isLetterOrDigit(h.charAt(0))) {
      h = "tether";
    }
    if (h.length() > 50) {
      h = h.substring(0, 50);
    }
    return h + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "tether";
    }
  }
}
