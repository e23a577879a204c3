"""Serves the demo sites on three loopback hosts with threaded HTTP/1.1 servers: 新竹市示範局 (main, 127.0.0.1),
the "external" host both agencies link to (127.0.0.2) and 新竹市示範所 (second, 127.0.0.3).
serve_demo() is the context manager tests and benchmarks use; `python -m demosite.server` runs it by hand."""

from __future__ import annotations

import argparse
import socket
import signal
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

from demosite.site import REVISIONS, SLOW_SECONDS, DemoSite, Route, build_site, route_key, truth_json

_QUIET_ERRORS = (ConnectionError, TimeoutError, OSError)


class DemoServer(ThreadingHTTPServer):
    daemon_threads = True  # a sleeping "slow" handler must not hold up shutdown
    allow_reuse_address = True
    request_queue_size = 256  # benchmarks open many connections at once

    def __init__(self, address: tuple[str, int], host_role: str, handler: type | None = None):
        super().__init__(address, handler or _Handler)
        self.host_role = host_role
        self.site: DemoSite | None = None
        self._retried: set[str] = set()
        self._lock = threading.Lock()

    def get_request(self):
        conn, addr = super().get_request()
        # Without this every keep-alive response waits ~40 ms on Nagle + delayed ACK and the server,
        # not the crawler, becomes what a benchmark measures.
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn, addr

    def first_hit(self, key: str) -> bool:
        with self._lock:
            if key in self._retried:
                return False
            self._retried.add(key)
            return True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], _QUIET_ERRORS):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "HCCG-CMS/3.2"
    sys_version = ""
    timeout = 30  # idle keep-alive connections are dropped eventually
    server: DemoServer

    def log_message(self, format, *args) -> None:  # noqa: A002 - signature fixed by the base class
        pass

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def __getattr__(self, name: str):
        # BaseHTTPRequestHandler answers unknown methods with 501; the demo promises 405 for all of them.
        if name.startswith("do_"):
            return self._method_not_allowed
        raise AttributeError(name)

    def _method_not_allowed(self) -> None:
        # The request body, if any, is never read, so the connection cannot be reused safely.
        self.close_connection = True
        self._send(405, {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD",
                         "Connection": "close"}, b"405 Method Not Allowed\n", head=False)

    def _serve(self, head: bool) -> None:
        site = self.server.site
        target = self.path
        if "://" in target.split("?", 1)[0]:
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        route: Route = site.lookup(self.server.host_role, target)
        behaviour = route.behaviour
        try:
            if behaviour == "slow":
                time.sleep(SLOW_SECONDS)
            elif behaviour == "head-refused" and head:
                self._send(405, {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET"},
                           b"HEAD not supported\n", head)
                return
            elif behaviour == "retry-after-once" and self.server.first_hit(route_key(target)):
                self._send(503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "1"},
                           "系統忙碌中，請稍後再試\n".encode(), head)
                return
            self._send(route.status, route.headers, route.body, head)
        except _QUIET_ERRORS:
            self.close_connection = True

    def _send(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)


class _IISHandler(_Handler):
    """The second agency's CCMS platform runs on IIS."""

    server_version = "Microsoft-IIS/10.0"


@contextmanager
def running(servers: dict[str, "DemoServer"], prefix: str) -> Iterator[None]:
    """Serve each already-bound server in a daemon thread; shut all down and close them afterwards."""
    started: list[DemoServer] = []
    try:
        for name, server in servers.items():
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                             name=f"{prefix}-{name}", daemon=True).start()
            started.append(server)
        yield
    finally:
        for server in started:
            server.shutdown()


def _bind(main_host: str, external_host: str, second_host: str, port: int):
    """The three servers plus a refused port; with port > 0 all on that port (the refused one on port + 1),
    so the demo's URLs, and with them its finding ids, are the same from run to run."""
    made: list = []
    try:
        made.append(DemoServer((main_host, port), "main"))
        made.append(DemoServer((external_host, port), "external"))
        made.append(DemoServer((second_host, port), "main", _IISHandler))  # "main" of its own DemoSite
        # Bound but never listening: connections get RST (refused), and no one else can take the port meanwhile.
        refused = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        made.append(refused)
        refused.bind((main_host, port + 1 if port else 0))
    except OSError:
        for server in made:
            server.close() if isinstance(server, socket.socket) else server.server_close()
        raise
    return made


@contextmanager
def serve_demo(n_filler: int = 0, main_host: str = "127.0.0.1", external_host: str = "127.0.0.2",
               second_host: str = "127.0.0.3", port: int = 0, revision: int = 1) -> Iterator[DemoSite]:
    """Starts the three servers, builds both sites for those addresses, yields the main agency's DemoSite
    (the second agency is its .second: start_url, truth), stops them. port 0 picks free ports; a fixed port
    that is taken falls back to free ones with a warning (the run then compares badly with earlier ones)."""
    try:
        main, external, second, refused = _bind(main_host, external_host, second_host, port)
    except OSError as exc:
        if not port:
            raise
        print(f"demo: port {port} is in use ({exc.strerror}); serving on free ports instead, so findings will "
              "not match earlier demo runs", file=sys.stderr, flush=True)
        main, external, second, refused = _bind(main_host, external_host, second_host, 0)
    servers = (main, external, second)
    try:
        site = build_site(f"http://{main_host}:{main.server_address[1]}",
                          f"http://{external_host}:{external.server_address[1]}",
                          f"http://{main_host}:{refused.getsockname()[1]}", n_filler=n_filler,
                          second_base=f"http://{second_host}:{second.server_address[1]}", revision=revision)
        main.site = external.site = site
        second.site = site.second
        with running({"main": main, "external": external, "second": second}, "demosite"):
            yield site
    finally:
        for server in servers:
            server.server_close()
        refused.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demosite.server",
                                     description="Serve the 新竹市示範局 and 新竹市示範所 demo sites on loopback until "
                                                 "Ctrl-C; prints the two start URLs, one a line.")
    parser.add_argument("--filler", type=int, default=0, metavar="N", help="extra plain news pages (示範局)")
    parser.add_argument("--write-truth", metavar="FILE", help="write 示範局's ground truth JSON here")
    parser.add_argument("--write-second-truth", metavar="FILE", help="write 示範所's ground truth JSON here")
    parser.add_argument("--main-host", default="127.0.0.1")
    parser.add_argument("--external-host", default="127.0.0.2")
    parser.add_argument("--second-host", default="127.0.0.3")
    parser.add_argument("--port", type=int, default=0, help="one port for all three hosts (0: free ports)")
    parser.add_argument("--revision", type=int, choices=REVISIONS, default=1,
                        help="2: 示範所 the next night (a link fixed, a page deleted, a category added)")
    args = parser.parse_args(argv)
    with serve_demo(args.filler, args.main_host, args.external_host, args.second_host, args.port,
                    args.revision) as site:
        for path, truth in ((args.write_truth, site.truth), (args.write_second_truth, site.second.truth)):
            if path:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(truth_json(truth))
        print(site.start_url, flush=True)
        print(site.second.start_url, flush=True)
        print(f"{len(site.truth['pages'])} + {len(site.second.truth['pages'])} pages; Ctrl-C to stop",
              file=sys.stderr, flush=True)
        # SIGTERM as well as Ctrl-C: a server started in the background of a non-interactive shell
        # (CI, nohup) inherits an ignored SIGINT.
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
