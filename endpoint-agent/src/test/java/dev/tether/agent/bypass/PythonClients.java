package dev.tether.agent.bypass;

import java.nio.file.Files;
import java.nio.file.Path;

/** Small Python 3 clients (standard library only) for what curl cannot express. */
final class PythonClients {
  private PythonClients() {}

  /**
   * One HTTPS POST to {@code ip}:443 with the given SNI ({@code null}: none sent, chain still
   * verified) and Host header. Prints {@code STATUS <code>} or {@code ERROR <type> <message>}.
   */
  static String https(String ip, String sni, String host, Path cafile, String body) {
    return String.join(
        "\n",
        "import socket, ssl",
        "ctx = ssl.create_default_context(cafile=" + q(cafile.toString()) + ")",
        sni == null ? "ctx.check_hostname = False" : "",
        "try:",
        "    s = socket.create_connection((" + q(ip) + ", 443), timeout=10)",
        "    t = ctx.wrap_socket(s, server_hostname=" + (sni == null ? "None" : q(sni)) + ")",
        "    b = " + q(body) + ".encode()",
        "    t.sendall(b'POST /v1/chat/completions HTTP/1.1\\r\\nHost: "
            + host
            + "\\r\\nContent-Type: application/json\\r\\nConnection: close\\r\\nContent-Length: '"
            + " + str(len(b)).encode() + b'\\r\\n\\r\\n' + b)",
        "    data = b''",
        "    while len(data) < 1 << 20:",
        "        chunk = t.recv(65536)",
        "        if not chunk:",
        "            break",
        "        data += chunk",
        "    print('STATUS', data.split(b' ')[1].decode() if data else 'none')",
        "    print(data[:2000].decode('utf-8', 'replace'))",
        "except Exception as e:",
        "    print('ERROR', type(e).__name__, e)",
        "");
  }

  /** Sends one UDP datagram (a stand-in for a QUIC Initial) and reports how it was refused. */
  static String udp(String ip, int port) {
    return String.join(
        "\n",
        "import socket",
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
        "s.settimeout(1.0)",
        "try:",
        "    s.connect((" + q(ip) + ", " + port + "))",
        "    s.send(b'\\xc0quic-initial')",
        "    s.recv(100)",
        "    print('UDP answered')",
        "except PermissionError as e:",
        "    print('UDP refused', e)",
        "except ConnectionRefusedError as e:",
        "    print('UDP unreachable', e)",
        "except socket.timeout:",
        "    print('UDP no answer')",
        "");
  }

  static void awaitFile(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!(Files.exists(file) && Files.readString(file).contains(text))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            file
                + " never contained "
                + text
                + ": "
                + (Files.exists(file) ? Files.readString(file) : "(missing)"));
      }
      Thread.sleep(50);
    }
  }

  /** A Python string literal. */
  private static String q(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
