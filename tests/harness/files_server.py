"""A local HTTP server for download tests: files by path, Range requests, and a cut.

It stands in for a model publisher (the network is closed here): what a download does
with a resumed, cut or altered response is the same against it.
"""

from __future__ import annotations

import http.server
import re
import threading


class FilesServer:
    """Serves `files` (URL path -> bytes) with Range support; `cut_after` cuts the next
    response short after that many bytes. `requests` holds each request's Range header
    (None without one), `paths` its path."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.cut_after: int | None = None
        self.requests: list[str | None] = []
        self.paths: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._serve(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"

    def _serve(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        rng = handler.headers.get("Range")
        self.requests.append(rng)
        self.paths.append(handler.path)
        payload = self.files.get(handler.path)
        if payload is None:
            handler.send_error(404)
            return
        start = int(re.match(r"bytes=(\d+)-", rng)[1]) if rng else 0
        body = payload[start:]
        handler.send_response(206 if rng else 200)
        handler.send_header("Content-Length", str(len(body)))
        if rng:
            total = len(payload)
            handler.send_header("Content-Range", f"bytes {start}-{total - 1}/{total}")
        handler.end_headers()
        if self.cut_after is not None:
            body, self.cut_after = body[: self.cut_after], None
        handler.wfile.write(body)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Server(FilesServer):
    """One file, at `url`."""

    def __init__(self, payload: bytes, name: str = "vosk-model-test-0.1.zip") -> None:
        super().__init__({f"/{name}": payload})
        self.payload = payload
        self.url = f"{self.base}/{name}"
