package dev.tether.nativehooks.linux;

import com.sun.jna.Pointer;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import dev.tether.nativehooks.TrafficRedirect;
import java.util.List;

/**
 * {@link TrafficRedirect} on Linux: one nftables table applied through libnftables in a single
 * transaction (see {@link NftRuleset}). Errors carry libnftables' error buffer verbatim.
 *
 * <p>Nothing here removes the table except {@link #remove()}; the agent never calls it on stop.
 */
public final class NftablesRedirect implements TrafficRedirect {
  private final String table;
  private final LibNftables nft;

  private NftablesRedirect(String table, LibNftables nft) {
    NftRuleset.requireName(table);
    this.table = table;
    this.nft = nft;
  }

  /**
   * Loads libnftables. Set {@code jna.tmpdir} (see {@link dev.tether.nativehooks.NativeHooks})
   * before the first call so JNA's stub is not extracted to the user's cache.
   *
   * @throws RedirectException when libnftables is not installed
   */
  public static NftablesRedirect create(String table) throws RedirectException {
    try {
      return new NftablesRedirect(table, LibNftables.load());
    } catch (UnsatisfiedLinkError e) {
      throw new RedirectException(
          "libnftables not found (install Debian package libnftables1): " + e.getMessage(), e);
    }
  }

  public String table() {
    return table;
  }

  @Override
  public void install(RedirectSpec spec) throws RedirectException {
    run(NftRuleset.installScript(table, spec), "install table inet " + table);
  }

  @Override
  public void remove() throws RedirectException {
    run(NftRuleset.removeScript(table), "delete table inet " + table);
  }

  @Override
  public boolean isInstalled(RedirectSpec spec) throws RedirectException {
    String listing = listing();
    if (listing == null) {
      return false;
    }
    List<String> expected = NftRuleset.expectedListing(table, spec);
    return expected.stream().allMatch(listing::contains);
  }

  @Override
  public boolean isPresent() throws RedirectException {
    String listing = listing();
    return listing != null && listing.contains("comment \"tether-agent redirect ");
  }

  /** {@code list table inet NAME}, or null when the table does not exist. */
  public String listing() throws RedirectException {
    requireNetAdmin("list table inet " + table);
    Pointer ctx = context();
    try {
      int rc = nft.nft_run_cmd_from_buffer(ctx, "list table inet " + table + "\n");
      if (rc != 0) {
        String error = nft.nft_ctx_get_error_buffer(ctx);
        if (error != null && error.contains("No such file or directory")) {
          return null;
        }
        throw new RedirectException("nft list table inet " + table + " failed: " + verbatim(error));
      }
      return nft.nft_ctx_get_output_buffer(ctx);
    } finally {
      nft.nft_ctx_free(ctx);
    }
  }

  private void run(String script, String what) throws RedirectException {
    requireNetAdmin(what);
    Pointer ctx = context();
    try {
      int rc = nft.nft_run_cmd_from_buffer(ctx, script);
      if (rc != 0) {
        throw new RedirectException(
            "nft "
                + what
                + " failed (rc "
                + rc
                + "): "
                + verbatim(nft.nft_ctx_get_error_buffer(ctx)));
      }
    } finally {
      nft.nft_ctx_free(ctx);
    }
  }

  private Pointer context() throws RedirectException {
    Pointer ctx = nft.nft_ctx_new(LibNftables.NFT_CTX_DEFAULT);
    if (ctx == null) {
      throw new RedirectException("nft_ctx_new failed");
    }
    nft.nft_ctx_buffer_output(ctx);
    nft.nft_ctx_buffer_error(ctx);
    return ctx;
  }

  /**
   * libnftables writes some errors (missing privilege) to stderr instead of its error buffer, so
   * the privilege is checked first and reported by name.
   */
  private static void requireNetAdmin(String what) throws RedirectException {
    if (!Capabilities.ofThisProcess().has(Capabilities.CAP_NET_ADMIN)) {
      throw new RedirectException(
          "nft "
              + what
              + ": operation not permitted: CAP_NET_ADMIN is not in this process's"
              + " effective capabilities (run the privileged install as root)");
    }
  }

  private static String verbatim(String error) {
    return error == null || error.isBlank()
        ? "(libnftables error buffer empty; see stderr)"
        : error.strip();
  }
}
