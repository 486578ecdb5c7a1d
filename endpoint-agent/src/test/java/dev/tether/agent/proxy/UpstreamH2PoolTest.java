package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** The pool's bookkeeping without sockets: who connects, who waits, what failures reach. */
class UpstreamH2PoolTest {
  static final SslContext TRUST = trust();
  static final UpstreamH2Pool.Key KEY =
      new UpstreamH2Pool.Key("127.0.0.1", 443, "api.example", TRUST);

  static SslContext trust() {
    try {
      return SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records the grants it gets. */
  static final class Recorder implements UpstreamH2Pool.Waiter {
    final List<UpstreamH2Pool.Grant> grants = new ArrayList<>();
    final AtomicBoolean gone = new AtomicBoolean();

    @Override
    public void granted(UpstreamH2Pool.Grant grant) {
      grants.add(grant);
    }

    @Override
    public boolean abandoned() {
      return gone.get();
    }
  }

  @Test
  void firstRequestConnects_concurrentOnesWait_thenFailWithTheSameCause() {
    UpstreamH2Pool pool = new UpstreamH2Pool();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    Recorder third = new Recorder();
    pool.acquire(KEY, first);
    pool.acquire(KEY, second);
    pool.acquire(KEY, third);
    assertThat(first.grants).singleElement().isInstanceOf(UpstreamH2Pool.Grant.Connect.class);
    assertThat(second.grants).as("waits for the connection being set up").isEmpty();
    assertThat(third.grants).isEmpty();

    IllegalStateException certificate = new IllegalStateException("certificate refused");
    pool.connectFailed(KEY, certificate);
    assertThat(second.grants)
        .singleElement()
        .isEqualTo(new UpstreamH2Pool.Grant.Failed(certificate));
    assertThat(third.grants)
        .singleElement()
        .isEqualTo(new UpstreamH2Pool.Grant.Failed(certificate));
  }

  @Test
  void http1Upstream_waitersAndLaterRequestsGoHttp1_withoutConnectingAgain() {
    UpstreamH2Pool pool = new UpstreamH2Pool();
    Recorder first = new Recorder();
    Recorder waiting = new Recorder();
    pool.acquire(KEY, first);
    pool.acquire(KEY, waiting);
    pool.http1Connected(KEY);
    assertThat(waiting.grants).singleElement().isInstanceOf(UpstreamH2Pool.Grant.Http1.class);
    Recorder later = new Recorder();
    pool.acquire(KEY, later);
    assertThat(later.grants).singleElement().isInstanceOf(UpstreamH2Pool.Grant.Http1.class);
  }

  @Test
  void abandonedWaiter_isToldSoItCanLetGo_andTheNextOneConnects() {
    UpstreamH2Pool pool = new UpstreamH2Pool();
    Recorder first = new Recorder();
    Recorder gone = new Recorder();
    Recorder next = new Recorder();
    pool.acquire(KEY, first);
    pool.acquire(KEY, gone);
    pool.acquire(KEY, next);
    gone.gone.set(true);
    pool.connectFailed(KEY, new IllegalStateException("unreachable"));
    assertThat(gone.grants).singleElement().isInstanceOf(UpstreamH2Pool.Grant.Failed.class);
    Recorder retry = new Recorder();
    pool.acquire(KEY, retry);
    assertThat(retry.grants)
        .as("no connection left, none connecting: a new one")
        .singleElement()
        .isInstanceOf(UpstreamH2Pool.Grant.Connect.class);
  }

  @Test
  void waitingQueueBounded_overflowRefused() {
    UpstreamH2Pool pool = new UpstreamH2Pool();
    pool.acquire(KEY, new Recorder()); // connecting
    for (int i = 0; i < UpstreamH2Pool.MAX_WAITING_PER_KEY; i++) {
      pool.acquire(KEY, new Recorder());
    }
    Recorder overflow = new Recorder();
    pool.acquire(KEY, overflow);
    assertThat(overflow.grants)
        .singleElement()
        .isInstanceOfSatisfying(
            UpstreamH2Pool.Grant.Failed.class,
            f -> assertThat(f.cause()).hasMessageContaining("full"));
  }

  @Test
  void keysDifferByTrustContextObject() {
    UpstreamH2Pool.Key other = new UpstreamH2Pool.Key("127.0.0.1", 443, "api.example", trust());
    assertThat(other).isNotEqualTo(KEY);
    assertThat(new UpstreamH2Pool.Key("127.0.0.1", 443, "api.example", TRUST)).isEqualTo(KEY);
  }

  @Test
  void manyIdleKeys_forgotten_mapStaysBounded() {
    UpstreamH2Pool pool = new UpstreamH2Pool();
    for (int i = 0; i < UpstreamH2Pool.MAX_KEYS + 10; i++) {
      var key = new UpstreamH2Pool.Key("127.0.0.1", 443, "host" + i + ".example", TRUST);
      pool.acquire(key, new Recorder());
      pool.http1Connected(key); // idle afterwards: nothing open, connecting or waiting
    }
    assertThat(pool.knownKeys()).isLessThanOrEqualTo(UpstreamH2Pool.MAX_KEYS + 1);
  }
}
