package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.H2TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.HttpConnectProxiedSocketAddress;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gRPC client (grpc-java, Netty transport) through the explicit proxy (HTTP CONNECT, TLS to
 * the proxy's minted leaf) to the h2 fake upstream: unary and server-streaming calls get their
 * messages and {@code grpc-status} trailers; a non-zero status arrives with its message; a call
 * carrying a credential is blocked (the client sees PERMISSION_DENIED with the reason) and never
 * reaches the upstream. No protoc: the methods carry raw bytes.
 */
class GrpcClientThroughProxyTest {
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(type)
        .setFullMethodName("echo.Echo/" + name)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  @Test
  void grpcJava_unaryStreamingAndErrorStatus_throughProxyToH2Upstream(@TempDir Path dir)
      throws Exception {
    DeviceCa upstreamCa = DeviceCa.generate("grpc-upstream-ca");
    try (H2TestUpstream upstream = new H2TestUpstream(upstreamCa, "localhost", true);
        ProxyFixture proxy =
            new ProxyFixture(
                dir.resolve("p"),
                TestPolicies.document(List.of()),
                ModeHandlers.none(),
                upstream.writeCaPem(upstreamCa, dir),
                null)) {
      Path deviceCa = dir.resolve("device-ca.pem");
      Files.write(deviceCa, proxy.deviceCa.certificatePem());
      ManagedChannel channel =
          Grpc.newChannelBuilder(
                  "localhost:" + upstream.port(),
                  TlsChannelCredentials.newBuilder().trustManager(deviceCa.toFile()).build())
              .proxyDetector(
                  target ->
                      HttpConnectProxiedSocketAddress.newBuilder()
                          .setTargetAddress(
                              InetSocketAddress.createUnresolved(
                                  "localhost", ((InetSocketAddress) target).getPort()))
                          .setProxyAddress(proxy.address)
                          .build())
              .build();
      try {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
        byte[] message = "explain this loop".getBytes(StandardCharsets.UTF_8);

        byte[] echoed =
            ClientCalls.blockingUnaryCall(
                channel, method("Unary", MethodDescriptor.MethodType.UNARY), options, message);
        assertThat(echoed).isEqualTo(message);

        Iterator<byte[]> stream =
            ClientCalls.blockingServerStreamingCall(
                channel,
                method("Stream", MethodDescriptor.MethodType.SERVER_STREAMING),
                options,
                message);
        List<byte[]> received = new ArrayList<>();
        stream.forEachRemaining(received::add);
        assertThat(received).hasSize(3).allSatisfy(m -> assertThat(m).isEqualTo(message));

        assertThatThrownBy(
                () ->
                    ClientCalls.blockingUnaryCall(
                        channel,
                        method("Fail", MethodDescriptor.MethodType.UNARY),
                        options,
                        message))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                  assertThat(e.getStatus().getDescription()).isEqualTo("permission denied by fake");
                });
        String key = "AKIA" + "Q3EGRJ5XWZT7NB2H";
        assertThatThrownBy(
                () ->
                    ClientCalls.blockingUnaryCall(
                        channel,
                        method("Unary", MethodDescriptor.MethodType.UNARY),
                        options,
                        ("deploy with " + key).getBytes(StandardCharsets.UTF_8)))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                  assertThat(e.getStatus().getDescription()).contains("credential_detected");
                });
        assertThat(upstream.bodies).noneMatch(b -> b.contains(key));
        assertThat(upstream.streams.get()).as("the blocked call opened no stream").isEqualTo(3);
        assertThat(upstream.connections.get()).as("upstream connections").isEqualTo(1);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
