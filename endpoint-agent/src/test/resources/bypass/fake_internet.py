"""Fake internet hosts for Tether's bypass suite (runs inside the test's "internet" namespace).

Usage: fake_internet.py LOG_DIR SPEC...   SPEC = kind|ip|port[|certfile|keyfile]
kinds: https (TLS HTTP server), udp (records datagrams), proxy (plain HTTP CONNECT proxy).
Every request body that reaches a server is appended to LOG_DIR/received.log as one JSON line,
so tests can assert what left the developer machine. Bounded: bodies up to 1 MiB, bulk up to 1 GiB.
"""
import json
import os
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn, TCPServer

LOG_DIR = sys.argv[1]
LOCK = threading.Lock()


def record(entry):
    with LOCK, open(os.path.join(LOG_DIR, "received.log"), "a") as f:
        f.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(n, 1 << 20)).decode("utf-8", "replace")

    def do_POST(self):
        body = self._body()
        me = "%s:%d" % self.server.server_address[:2]
        record({"server": me, "host": self.headers.get("Host"), "path": self.path, "body": body})
        if '"stream": true' in body or '"stream":true' in body:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(3):
                chunk = ('data: {"choices":[{"delta":{"content":"part%d"}}]}\n\n' % i).encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            return
        reply = json.dumps({"served_by": me, "choices": [{"message": {"content": "ok"}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def do_GET(self):
        me = "%s:%d" % self.server.server_address[:2]
        if self.path.startswith("/bulk/"):
            n = min(int(self.path.split("/")[2]), 1 << 30)
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            block = b"x" * 65536
            while n > 0:
                k = min(n, len(block))
                self.wfile.write(block[:k])
                n -= k
            return
        record({"server": me, "host": self.headers.get("Host"), "path": self.path, "body": ""})
        reply = ("hello from %s\n" % me).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, ip, port, family):
        self.address_family = family
        super().__init__((ip, port), Handler)


class ConnectProxy(ThreadingMixIn, TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def connect_proxy(ip, port, family):
    import socketserver

    class H(socketserver.BaseRequestHandler):
        def handle(self):
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 8192:
                data = self.request.recv(1024)
                if not data:
                    return
                head += data
            line = head.split(b"\r\n")[0].decode()
            method, target, _ = line.split(" ", 2)
            if method != "CONNECT":
                self.request.sendall(b"HTTP/1.1 405 CONNECT only\r\n\r\n")
                return
            host, p = target.rsplit(":", 1)
            record({"server": "proxy %s:%d" % (ip, port), "host": target, "path": "CONNECT", "body": ""})
            try:
                up = socket.create_connection((host, int(p)), timeout=10)
            except OSError as e:
                self.request.sendall(b"HTTP/1.1 502 " + str(e).encode()[:100] + b"\r\n\r\n")
                return
            self.request.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            t = threading.Thread(target=pipe, args=(up, self.request), daemon=True)
            t.start()
            pipe(self.request, up)
            t.join()

    class S(ConnectProxy):
        address_family = family

    return S((ip, port), H)


def udp(ip, port, family):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((ip, port))
    while True:
        data, peer = s.recvfrom(2048)
        record({"server": "udp %s:%d" % (ip, port), "host": None, "path": "udp", "body": data.hex()})


def main():
    threads = []
    for spec in sys.argv[2:]:
        parts = spec.split("|")
        kind, ip, port = parts[0], parts[1], int(parts[2])
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        if kind == "https":
            server = Server(ip, port, family)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(parts[3], parts[4])
            server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
            threads.append(threading.Thread(target=server.serve_forever, daemon=True))
        elif kind == "proxy":
            threads.append(threading.Thread(target=connect_proxy(ip, port, family).serve_forever, daemon=True))
        elif kind == "udp":
            threads.append(threading.Thread(target=udp, args=(ip, port, family), daemon=True))
    for t in threads:
        t.start()
    print("ready", flush=True)
    threading.Event().wait()


main()
