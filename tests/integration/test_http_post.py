"""HttpClient.post (webhook deliveries) against real servers on 127.0.0.1: statuses, no redirects, timeouts,
refused connections and the private-network guard."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.support.webhook_receiver import WebhookReceiver, free_port
from worker.sources.http import (
    BlockedAddressError,
    FetchConnectionError,
    FetchTimeoutError,
    HttpClient,
    HttpSettings,
    HTTPStatusError,
    InvalidURLError,
)
from worker.webhook_signing import generate_secret, signed_headers

pytestmark = pytest.mark.integration


class Answers(BaseHTTPRequestHandler):
    """POST /status/CODE answers CODE (with Retry-After: 7 and a Location); POST /slow answers after 3 s."""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/slow":
            time.sleep(3)
        code = int(self.path.rsplit("/", 1)[-1]) if self.path.startswith("/status/") else 200
        self.send_response(code)
        self.send_header("Retry-After", "7")
        self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"no")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


@pytest.fixture(scope="module")
def answers() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(HttpSettings(allow_private_networks=True, connect_timeout=2, read_timeout=5)) as made:
        yield made


def test_post_sends_the_body_and_headers_and_returns_the_status(client: HttpClient) -> None:
    secret = generate_secret()
    receiver = WebhookReceiver(secrets={"/hook": secret}).start()
    try:
        body = b'{"id":"1","kind":"article.stored"}'
        result = client.post(receiver.url("/hook"), body, signed_headers(secret, "1", int(time.time()), body))
        assert result.status == 200 and result.body == b"ok"
        [delivery] = receiver.received("/hook")
        assert delivery.valid and delivery.body == body and delivery.webhook_id == "1"
        assert delivery.headers["content-type"] == "application/json"
        assert delivery.headers["user-agent"].startswith("newsworker/")
    finally:
        receiver.stop()


@pytest.mark.parametrize("code", [400, 404, 410, 500, 503])
def test_statuses_outside_2xx_are_errors_with_retry_after(client: HttpClient, answers: str, code: int) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        client.post(f"{answers}/status/{code}", b"{}", {})
    assert caught.value.status == code
    assert caught.value.retry_after == 7
    assert caught.value.transient == (code >= 500)


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_redirects_are_not_followed(client: HttpClient, answers: str, code: int) -> None:
    with pytest.raises(HTTPStatusError, match="not followed") as caught:
        client.post(f"{answers}/status/{code}", b"{}", {})
    assert caught.value.status == code


def test_2xx_other_than_200_is_success(client: HttpClient, answers: str) -> None:
    assert client.post(f"{answers}/status/204", b"{}", {}).status == 204


def test_a_slow_receiver_times_out(client: HttpClient, answers: str) -> None:
    with pytest.raises(FetchTimeoutError):
        client.post(f"{answers}/slow", b"{}", {}, timeout=0.5)


def test_nothing_listening_is_a_connection_error(client: HttpClient) -> None:
    with pytest.raises(FetchConnectionError, match="could not be reached"):
        client.post(f"http://127.0.0.1:{free_port()}/hook", b"{}", {})


def test_private_addresses_are_refused_by_the_guard(answers: str) -> None:
    with HttpClient(HttpSettings(allow_private_networks=False)) as guarded:
        with pytest.raises(BlockedAddressError, match="NEWSWORKER_ALLOW_PRIVATE_NETWORKS"):
            guarded.post(f"{answers}/status/200", b"{}", {})


def test_urls_with_credentials_are_refused(client: HttpClient, answers: str) -> None:
    with pytest.raises(InvalidURLError, match="user name or password"):
        client.post(answers.replace("http://", "http://user:pw@") + "/status/200", b"{}", {})
