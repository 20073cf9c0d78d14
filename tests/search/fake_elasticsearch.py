"""A stand-in Elasticsearch HTTP server that records requests and answers with canned JSON,
so the backend's calls and response handling are tested without a real cluster."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeElasticsearch:
    def __init__(self):
        self.requests = []
        self.responses = {}  # (method, path prefix) -> (status, body)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = raw.decode() if raw else ""
                server.requests.append((self.command, self.path, body))
                status, payload = server.answer(self.command, self.path)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, method, path):
        for (known_method, prefix), response in self.responses.items():
            if method == known_method and path.startswith(prefix):
                return response
        if path.endswith("/_bulk") or path.startswith("/_bulk"):
            return 200, {"errors": False, "items": [], "took": 1}
        return 200, {"acknowledged": True}

    def paths(self, method=None):
        return [path for m, path, _ in self.requests if method in (None, m)]

    def bodies(self, method, prefix):
        return [body for m, path, body in self.requests if m == method and path.startswith(prefix)]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
