package dev.tether.nativehooks.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** libnftables (Debian {@code libnftables1}): the same library the {@code nft} command uses. */
interface LibNftables extends Library {
  int NFT_CTX_DEFAULT = 0;

  Pointer nft_ctx_new(int flags);

  void nft_ctx_free(Pointer ctx);

  int nft_ctx_buffer_output(Pointer ctx);

  int nft_ctx_buffer_error(Pointer ctx);

  String nft_ctx_get_output_buffer(Pointer ctx);

  String nft_ctx_get_error_buffer(Pointer ctx);

  int nft_run_cmd_from_buffer(Pointer ctx, String buffer);

  /** Loads the library; Debian ships only the versioned name without the -dev package. */
  static LibNftables load() {
    try {
      return Native.load("nftables", LibNftables.class);
    } catch (UnsatisfiedLinkError unversioned) {
      try {
        return Native.load("libnftables.so.1", LibNftables.class);
      } catch (UnsatisfiedLinkError e) {
        e.addSuppressed(unversioned);
        throw e;
      }
    }
  }
}
