"""A real webhook receiver for the tests: an HTTP server on 127.0.0.1 that checks every delivery's signature
with its own verifier (written from the Standard Webhooks spec, sharing no code with worker/webhook_signing.py)
and records what arrived, in order. It can be stopped and started again on the same port."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def signature_is_valid(secret: str, headers: dict[str, str], body: bytes, tolerance: float = 300.0) -> bool:
    """The receiver's side of the spec: HMAC-SHA256 with the base64 key after `whsec_`, over id.timestamp.body,
    compared in constant time with each `v1,` entry; the timestamp within `tolerance` seconds of now."""
    message_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not message_id or not stamp or not signatures or not stamp.isdigit():
        return False
    if abs(time.time() - int(stamp)) > tolerance:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    content = message_id.encode() + b"." + stamp.encode() + b"." + body
    expected = b"v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest())
    return any(hmac.compare_digest(entry.encode(), expected) for entry in signatures.split())


@dataclass
class Delivery:
    path: str
    webhook_id: str | None
    valid: bool
    event: dict[str, Any] | None
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class WebhookReceiver:
    """Accepts POSTs on any path; `secrets` says which secret signs each path's deliveries. `status` (default 200)
    is what it answers, per path."""

    port: int = field(default_factory=free_port)
    secrets: dict[str, str] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                headers = {key.lower(): value for key, value in self.headers.items()}
                secret = receiver.secrets.get(self.path)
                valid = secret is not None and signature_is_valid(secret, headers, body)
                try:
                    event = json.loads(body)
                except ValueError:
                    event = None
                status = receiver.status.get(self.path, 200)
                with receiver._lock:
                    receiver.deliveries.append(
                        Delivery(self.path, headers.get("webhook-id"), valid, event, headers, body, status)
                    )
                answer = b"ok" if status < 300 else b"not now"
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
                return

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: connections are refused until start() again (same port)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def received(self, path: str) -> list[Delivery]:
        """Deliveries to this path, in arrival order (repeats included)."""
        with self._lock:
            return [delivery for delivery in self.deliveries if delivery.path == path]
