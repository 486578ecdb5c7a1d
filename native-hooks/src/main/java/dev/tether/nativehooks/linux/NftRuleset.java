package dev.tether.nativehooks.linux;

import dev.tether.nativehooks.RedirectSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The nftables text for one {@link RedirectSpec}: a single {@code inet} table (IPv4 and IPv6) whose
 * nat output chain (priority -100) redirects outbound TCP to the spec's ports to the agent's
 * loopback listener, and whose filter output chain rejects outbound UDP 443 (QUIC) so clients fall
 * back to TCP. Sockets carrying the agent's mark are exempt from both; nothing else is.
 *
 * <p>{@link #installScript} is atomic and idempotent in one transaction: {@code table} (creates it
 * if absent), {@code delete table} (so the old definition goes whole), then the definition. nft
 * 1.0.6 has no {@code destroy}, hence the first line.
 */
public final class NftRuleset {
  /** Table name; also what {@code uninstall} deletes. */
  public static final String DEFAULT_TABLE = "tether";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private NftRuleset() {}

  /** The table definition (no add/delete prefix). */
  public static String definition(String table, RedirectSpec spec) {
    requireName(table);
    String mark = "0x" + String.format("%08x", spec.agentSocketMark());
    String ports =
        spec.ports().stream()
            .distinct()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(", "));
    StringBuilder out = new StringBuilder();
    out.append("table inet ").append(table).append(" {\n");
    out.append("  comment \"").append(comment(table, spec)).append("\"\n");
    out.append("  chain redirect_out {\n");
    out.append("    type nat hook output priority -100; policy accept;\n");
    out.append("    meta mark ").append(mark).append(" return\n");
    out.append("    meta l4proto tcp th dport { ")
        .append(ports)
        .append(" } redirect to :")
        .append(spec.listenPort())
        .append('\n');
    out.append("  }\n");
    if (spec.blockQuic()) {
      out.append("  chain quic_out {\n");
      out.append("    type filter hook output priority 0; policy accept;\n");
      out.append("    meta mark ").append(mark).append(" return\n");
      out.append("    meta l4proto udp th dport 443 reject\n");
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /** One transaction: create-if-absent, delete, define. */
  public static String installScript(String table, RedirectSpec spec) {
    requireName(table);
    return "table inet " + table + "\ndelete table inet " + table + "\n" + definition(table, spec);
  }

  /** Deletes the table whether or not it exists (one transaction). */
  public static String removeScript(String table) {
    requireName(table);
    return "table inet " + table + "\ndelete table inet " + table + "\n";
  }

  /**
   * The table comment: names the owner and a digest of the spec, so {@code isInstalled} can tell
   * this spec's table from an older one.
   */
  public static String comment(String table, RedirectSpec spec) {
    return "tether-agent redirect " + digest(table, spec);
  }

  /** Lines a listing of an installed table must contain (nft's own normalised output). */
  public static List<String> expectedListing(String table, RedirectSpec spec) {
    return List.of(
        "comment \"" + comment(table, spec) + "\"",
        "type nat hook output priority -100; policy accept;",
        "redirect to :" + spec.listenPort());
  }

  static String digest(String table, RedirectSpec spec) {
    String canonical =
        table
            + "|"
            + spec.listenPort()
            + "|"
            + spec.ports().stream().distinct().sorted().toList()
            + "|"
            + spec.agentSocketMark()
            + "|"
            + spec.blockQuic();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "spec=" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static void requireName(String table) {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "redirect.table: expected [a-z][a-z0-9_]{0,31}, got \"" + table + "\"");
    }
  }
}
