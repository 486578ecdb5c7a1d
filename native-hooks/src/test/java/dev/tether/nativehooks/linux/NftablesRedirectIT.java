package dev.tether.nativehooks.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.nativehooks.ChannelFds;
import dev.tether.nativehooks.ProcessInfo;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import dev.tether.nativehooks.testsupport.Netns;
import dev.tether.nativehooks.testsupport.Privileged;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real table in a namespace this test creates: libnftables install (atomic, idempotent),
 * redirect of TCP 443 to the listener with {@code SO_ORIGINAL_DST}, mark exemption, loop guard,
 * QUIC reject, attribution of the client socket to this process, uninstall.
 */
@Tag("privileged")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NftablesRedirectIT {
  private static final int LISTEN = 3129;
  private static final int MARK = 0x7e7e;
  private static final InetSocketAddress TARGET = new InetSocketAddress("192.0.2.10", 443);
  private final RedirectSpec spec = new RedirectSpec(LISTEN, List.of(443, 8443), MARK, true);
  private Netns ns;
  private NftablesRedirect nft;

  @BeforeAll
  void setUp() throws Exception {
    Privileged.require();
    ns = Netns.create("tether-nh-it");
    ns.ip("addr", "add", "192.0.2.10/32", "dev", "lo");
    nft = ns.call(() -> NftablesRedirect.create("tether_it"));
    ns.call(
        () -> {
          nft.install(spec);
          nft.install(spec); // idempotent: the table is replaced whole
          return null;
        });
  }

  @AfterAll
  void tearDown() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void install_twice_oneTableWithSpecComment() throws Exception {
    String listing = ns.call(() -> nft.listing());
    assertThat(listing).contains("type nat hook output priority -100", "redirect to :3129");
    assertThat(listing.split("chain redirect_out", -1)).hasSize(2);
    assertThat(ns.call(() -> nft.isInstalled(spec))).isTrue();
    RedirectSpec other = new RedirectSpec(3130, List.of(443), MARK, true);
    assertThat(ns.call(() -> nft.isInstalled(other))).isFalse();
    assertThat(ns.call(() -> nft.isPresent())).isTrue();
    assertThat(ns.execIn("nft", "list", "tables").output()).contains("table inet tether_it");
  }

  @Test
  void install_badSpecText_reportsLibnftablesErrorVerbatim() throws Exception {
    LibNftables lib = LibNftables.load();
    String error =
        ns.call(
            () -> {
              var ctx = lib.nft_ctx_new(0);
              lib.nft_ctx_buffer_error(ctx);
              lib.nft_run_cmd_from_buffer(
                  ctx, "add table inet x { chain c { type nat hook output priority dstnat; } }\n");
              String e = lib.nft_ctx_get_error_buffer(ctx);
              lib.nft_ctx_free(ctx);
              return e;
            });
    assertThat(error).contains("Error:");
  }

  @Test
  void redirectedConnection_originalDestinationAndProcess() throws Exception {
    ns.call(
        () -> {
          try (ServerSocketChannel listener = ServerSocketChannel.open();
              SocketChannel client = SocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", LISTEN));
            client.connect(TARGET);
            try (SocketChannel accepted = listener.accept()) {
              InetSocketAddress original =
                  new LinuxOriginalDestinations()
                      .lookup(
                          ChannelFds.fd(accepted),
                          (InetSocketAddress) accepted.getLocalAddress(),
                          (InetSocketAddress) accepted.getRemoteAddress());
              assertEquals(TARGET, original);

              Optional<ProcessInfo> owner =
                  new LinuxProcessAttribution()
                      .lookup((InetSocketAddress) accepted.getRemoteAddress(), original);
              assertThat(owner).isPresent();
              assertEquals(ProcessHandle.current().pid(), owner.get().pid());
              assertEquals(0, owner.get().uid());
              assertThat(owner.get().executable()).endsWith("java");
            }
          }
          return null;
        });
  }

  @Test
  void directConnectionToListener_refusedByLoopGuard() throws Exception {
    ns.call(
        () -> {
          try (ServerSocketChannel listener = ServerSocketChannel.open();
              SocketChannel client = SocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", LISTEN));
            client.connect(new InetSocketAddress("127.0.0.1", LISTEN));
            try (SocketChannel accepted = listener.accept()) {
              RedirectException e =
                  assertThrows(
                      RedirectException.class,
                      () ->
                          new LinuxOriginalDestinations()
                              .lookup(
                                  ChannelFds.fd(accepted),
                                  (InetSocketAddress) accepted.getLocalAddress(),
                                  (InetSocketAddress) accepted.getRemoteAddress()));
              assertThat(e.getMessage()).contains("loop guard");
            }
          }
          return null;
        });
  }

  @Test
  void markedSocket_notRedirected_reachesRealServer() throws Exception {
    ns.call(
        () -> {
          try (ServerSocketChannel listener = ServerSocketChannel.open();
              ServerSocketChannel real = ServerSocketChannel.open();
              SocketChannel client = SocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", LISTEN));
            real.bind(TARGET);
            new LinuxSocketMarks().mark(ChannelFds.fd(client), MARK);
            client.connect(TARGET);
            try (SocketChannel accepted = real.accept()) {
              assertEquals(TARGET, accepted.getLocalAddress());
            }
          }
          return null;
        });
  }

  @Test
  void quic_udp443_rejected() throws Exception {
    ns.call(
        () -> {
          try (DatagramChannel server = DatagramChannel.open();
              DatagramChannel client = DatagramChannel.open()) {
            server.bind(TARGET);
            server.configureBlocking(false);
            client.connect(TARGET);
            client.configureBlocking(false);
            // A locally generated packet rejected in output fails the send itself (EPERM);
            // otherwise the ICMP error surfaces on the next read.
            String outcome;
            try {
              client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
              Thread.sleep(200);
              outcome = "read " + client.read(ByteBuffer.allocate(16));
            } catch (PortUnreachableException e) {
              outcome = "port unreachable";
            } catch (java.io.IOException e) {
              outcome = "send refused: " + e.getMessage();
            }
            assertThat(outcome).matches("port unreachable|send refused: Operation not permitted");
            assertEquals(null, server.receive(ByteBuffer.allocate(16)), "nothing reached :443");
          }
          return null;
        });
  }

  @Test
  void remove_deletesOnlyOurTable_andIsIdempotent() throws Exception {
    try (Netns other = Netns.create("tether-nh-rm")) {
      NftablesRedirect table = other.call(() -> NftablesRedirect.create("tether_rm"));
      other.execIn("nft", "add", "table", "inet", "someone_else").check();
      other.call(
          () -> {
            table.install(spec);
            table.remove();
            table.remove();
            return null;
          });
      assertThat(other.call(table::listing)).isNull();
      assertThat(other.call(table::isPresent)).isFalse();
      assertThat(other.execIn("nft", "list", "tables").output()).contains("someone_else");
    }
  }
}
