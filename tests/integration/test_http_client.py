"""HttpClient against real HTTP servers on 127.0.0.1: validators, errors, timeouts, size caps, redirects, SSRF guard."""

from __future__ import annotations

import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from worker.sources import http as http_module
from worker.sources.http import (
    BlockedAddressError,
    ContentEncodingError,
    FetchConnectionError,
    FetchTimeoutError,
    HttpClient,
    HttpSettings,
    HTTPStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedSchemeError,
    is_blocked_address,
    parse_retry_after,
)

pytestmark = pytest.mark.integration

PAGE = b"<html><head><title>Hello</title></head><body><p>Hello, world.</p></body></html>"
ETAG = '"v1"'
LAST_MODIFIED = "Tue, 02 Jan 2024 10:00:00 GMT"
MB = 1024 * 1024
BOMB_DECOMPRESSED = 64 * MB


def gzip_of_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * MB
    parts = [compressor.compress(chunk) for _ in range(size // MB)]
    return b"".join(parts) + compressor.flush()


BOMB = gzip_of_zeros(BOMB_DECOMPRESSED)


class Handler(BaseHTTPRequestHandler):
    """Routes for the tests; every request's path is appended to the server's `hits`."""

    protocol_version = "HTTP/1.1"
    server: LocalServer

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.server.hits.append(self.path)
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        route = ROUTES.get(url.path)
        if route is None and url.path.startswith("/redirect/"):
            route = redirect_chain
        try:
            if route is None:
                self.send(404, b"not found")
            else:
                route(self, query)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size caps): expected in these tests

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def page(handler: Handler, query: dict[str, str]) -> None:
    headers = {"Content-Type": "text/html; charset=utf-8", "ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    if handler.headers.get("If-None-Match") == ETAG:
        handler.send(304, headers={"ETag": ETAG})
    elif handler.headers.get("If-Modified-Since") == LAST_MODIFIED:
        handler.send(304)  # no validators in the 304: the client keeps the caller's
    else:
        handler.send(200, PAGE, headers)


def echo_headers(handler: Handler, query: dict[str, str]) -> None:
    handler.send(200, json.dumps(dict(handler.headers.items())).encode(), {"Content-Type": "application/json"})


def status(handler: Handler, query: dict[str, str]) -> None:
    headers = {}
    if "retry_after" in query:
        headers["Retry-After"] = query["retry_after"]
    handler.send(int(query["code"]), b"error page", headers)


def slow(handler: Handler, query: dict[str, str]) -> None:
    time.sleep(float(query.get("seconds", "2")))
    handler.send(200, b"finally")


def drip(handler: Handler, query: dict[str, str]) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for _ in range(100):  # each read arrives well within the read timeout; the whole takes 10 s
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def drip_headers(handler: Handler, query: dict[str, str]) -> None:
    """Headers one byte every 0.2 s: each read is quick, the whole header block takes 60 s."""
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Padding: " + b"p" * 260 + b"\r\n\r\nok"
    for byte in head:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.2)


def huge(handler: Handler, query: dict[str, str]) -> None:
    size = int(query.get("mb", "4")) * MB
    handler.send_response(200)
    if query.get("length") != "no":
        handler.send_header("Content-Length", str(size))
    else:
        handler.send_header("Connection", "close")  # the body ends when the connection does
        handler.close_connection = True
    handler.end_headers()
    chunk = b"a" * 65536
    for _ in range(size // len(chunk)):
        handler.wfile.write(chunk)


def gzip_bomb(handler: Handler, query: dict[str, str]) -> None:
    handler.send(200, BOMB, {"Content-Encoding": "gzip", "Content-Type": "text/html"})


def compressed(handler: Handler, query: dict[str, str]) -> None:
    encoding = query["encoding"]
    if encoding in {"corrupt-gzip", "br"}:
        handler.send(200, b"this is not compressed data", {"Content-Encoding": encoding.removeprefix("corrupt-")})
        return
    if encoding == "gzip":
        compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS)
    else:  # "raw-deflate": deflate without the zlib wrapper, which some servers send
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        encoding = "deflate"
    body = compressor.compress(PAGE * 100) + compressor.flush()
    handler.send(200, body, {"Content-Encoding": encoding, "Content-Type": "text/html"})


def redirect_chain(handler: Handler, query: dict[str, str]) -> None:
    remaining = int(handler.path.rsplit("/", 1)[1])
    if remaining == 0:
        handler.send(200, b"arrived")
    else:
        handler.send(302, headers={"Location": f"/redirect/{remaining - 1}"})


def redirect_to(handler: Handler, query: dict[str, str]) -> None:
    handler.send(int(query.get("code", "302")), headers={"Location": query["target"]})


def counter(handler: Handler, query: dict[str, str]) -> None:
    handler.send(200, b"counted")


ROUTES: dict[str, Callable[[Handler, dict[str, str]], None]] = {
    "/page": page,
    "/headers": echo_headers,
    "/status": status,
    "/slow": slow,
    "/drip": drip,
    "/drip-headers": drip_headers,
    "/huge": huge,
    "/bomb": gzip_bomb,
    "/compressed": compressed,
    "/redirect-to": redirect_to,
    "/counter": counter,
}


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping does not hold up shutdown
    hits: list[str]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up on purpose are not errors here

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def start_server(host: str, port: int = 0) -> LocalServer:
    server = LocalServer((host, port), Handler)
    server.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The test server on 127.0.0.1 and a free port."""
    started = start_server("127.0.0.1")
    yield started
    started.shutdown()
    started.server_close()


@pytest.fixture
def twin(server: LocalServer) -> Iterator[LocalServer]:
    """A second server on 127.0.0.2 and the same port: the stand-in for a public host in guard tests."""
    try:
        started = start_server("127.0.0.2", server.server_address[1])
    except OSError as error:
        pytest.skip(f"cannot listen on 127.0.0.2:{server.server_address[1]}: {error}")
    yield started
    started.shutdown()
    started.server_close()


@pytest.fixture(autouse=True)
def clear_hits(server: LocalServer) -> None:
    server.hits.clear()


@pytest.fixture
def client() -> Iterator[HttpClient]:
    """A client allowed to reach 127.0.0.1, with short timeouts and a 1 MB cap."""
    with HttpClient(HttpSettings(allow_private_networks=True, connect_timeout=2, read_timeout=2, max_bytes=MB)) as made:
        yield made


@pytest.fixture
def guarded_client() -> Iterator[HttpClient]:
    """A client with the default guard: private networks refused."""
    settings = HttpSettings(connect_timeout=2, read_timeout=2)
    assert settings.allow_private_networks is False
    with HttpClient(settings) as made:
        yield made


def treat_as_public(monkeypatch: pytest.MonkeyPatch, public: str) -> None:
    """Make the guard's policy see `public` (a loopback address the twin server uses) as a public address."""
    real_policy = http_module.is_blocked_address
    allowed = ipaddress.ip_address(public)
    monkeypatch.setattr(http_module, "is_blocked_address", lambda address: address != allowed and real_policy(address))


# --- the normal path ----------------------------------------------------------------------------------


def test_get_returns_body_type_and_validators(client: HttpClient, server: LocalServer) -> None:
    result = client.get(f"{server.base_url}/page")
    assert result.status == 200
    assert result.not_modified is False
    assert result.body == PAGE
    assert result.url == f"{server.base_url}/page"
    assert result.content_type == "text/html; charset=utf-8"
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED


def test_request_headers(client: HttpClient, server: LocalServer) -> None:
    sent = json.loads(client.get(f"{server.base_url}/headers").body)
    assert sent["User-Agent"].startswith("newsworker/")
    assert "+https://" in sent["User-Agent"]
    assert "application/rss+xml" in sent["Accept"] and "text/html" in sent["Accept"]
    assert sent["Accept-Encoding"] == "gzip, deflate"
    assert sent["Host"] == f"127.0.0.1:{server.server_address[1]}"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_decoded(client: HttpClient, server: LocalServer, encoding: str) -> None:
    assert client.get(f"{server.base_url}/compressed?encoding={encoding}").body == PAGE * 100


@pytest.mark.parametrize(("encoding", "message"), [("corrupt-gzip", "corrupt gzip"), ("br", "only gzip and deflate")])
def test_bad_or_unasked_for_compression_is_refused(
    client: HttpClient, server: LocalServer, encoding: str, message: str
) -> None:
    with pytest.raises(ContentEncodingError, match=message):
        client.get(f"{server.base_url}/compressed?encoding={encoding}")


# --- conditional GET ----------------------------------------------------------------------------------


def test_etag_gives_304(client: HttpClient, server: LocalServer) -> None:
    result = client.get(f"{server.base_url}/page", etag=ETAG)
    assert result.status == 304
    assert result.not_modified is True
    assert result.body == b""
    assert result.etag == ETAG
    assert client.get(f"{server.base_url}/page", etag='"stale"').status == 200


def test_last_modified_gives_304_and_keeps_the_callers_validators(client: HttpClient, server: LocalServer) -> None:
    result = client.get(f"{server.base_url}/page", last_modified=LAST_MODIFIED)
    assert result.not_modified is True
    assert result.body == b""
    assert result.last_modified == LAST_MODIFIED  # the 304 carried none; the caller's still hold


# --- error statuses -----------------------------------------------------------------------------------


def test_429_with_retry_after_seconds(client: HttpClient, server: LocalServer) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        client.get(f"{server.base_url}/status?code=429&retry_after=7")
    assert caught.value.status == 429
    assert caught.value.retry_after == 7.0
    assert caught.value.transient is True
    assert "429" in caught.value.reason and "Too Many Requests" in caught.value.reason


def test_503_with_retry_after_date(client: HttpClient, server: LocalServer) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    with pytest.raises(HTTPStatusError) as caught:
        client.get(f"{server.base_url}/status?code=503&retry_after={when.replace(' ', '%20')}")
    assert caught.value.transient is True
    assert caught.value.retry_after is not None and 100 < caught.value.retry_after <= 120


@pytest.mark.parametrize(("code", "transient"), [(404, False), (410, False), (403, False), (500, True), (502, True)])
def test_status_errors_say_whether_to_retry(
    client: HttpClient, server: LocalServer, code: int, transient: bool
) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        client.get(f"{server.base_url}/status?code={code}")
    assert caught.value.status == code
    assert caught.value.transient is transient
    assert caught.value.retry_after is None


def test_parse_retry_after() -> None:
    now = datetime(2024, 1, 2, 10, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Tue, 02 Jan 2024 10:01:00 GMT", now) == 60.0
    assert parse_retry_after("Tue, 02 Jan 2024 09:00:00 GMT", now) == 0.0  # in the past: retry now
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("\u00b2", now) is None  # a digit to str.isdigit(), not to float(): issue 10
    assert parse_retry_after("\u0663", now) is None  # an Arabic-Indic three, likewise
    assert parse_retry_after("9" * 400, now) == 30 * 86400.0  # not infinity
    assert parse_retry_after(None, now) is None


# --- timeouts and size caps ---------------------------------------------------------------------------


def test_slow_response_times_out(server: LocalServer) -> None:
    with HttpClient(HttpSettings(allow_private_networks=True, read_timeout=0.3)) as quick:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError) as caught:
            quick.get(f"{server.base_url}/slow?seconds=3")
    assert time.monotonic() - started < 2
    assert caught.value.transient is True


def test_dripping_body_hits_the_total_timeout(server: LocalServer) -> None:
    with HttpClient(HttpSettings(allow_private_networks=True, read_timeout=5, total_timeout=0.5)) as quick:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError, match="in all"):
            quick.get(f"{server.base_url}/drip")
    assert time.monotonic() - started < 3


def test_dripping_headers_hit_the_total_timeout(server: LocalServer) -> None:
    """Issue 15 §2: the deadline was only checked while reading the body, so slow headers held a poll for good."""
    with HttpClient(HttpSettings(allow_private_networks=True, read_timeout=5, total_timeout=2)) as quick:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError, match="in all"):
            quick.get(f"{server.base_url}/drip-headers")
    assert time.monotonic() - started < 10  # the headers alone take 60 s to arrive


def test_huge_body_is_refused_from_its_content_length(client: HttpClient, server: LocalServer) -> None:
    with pytest.raises(ResponseTooLargeError, match="Content-Length"):
        client.get(f"{server.base_url}/huge?mb=8")


def test_huge_body_without_content_length_is_cut_while_streaming(client: HttpClient, server: LocalServer) -> None:
    with pytest.raises(ResponseTooLargeError, match="over the limit"):
        client.get(f"{server.base_url}/huge?mb=8&length=no")


def test_gzip_bomb_is_stopped_without_inflating_it(client: HttpClient, server: LocalServer) -> None:
    assert len(BOMB) < MB  # small on the wire, so the Content-Length check cannot catch it
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError, match="decompressed"):
            client.get(f"{server.base_url}/bomb")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The cap is 1 MB; the bomb is 64 MB inflated. Peak Python memory stays near the cap, not the bomb
    # (the server thread's copy of BOMB was allocated before tracing started).
    assert peak < 8 * MB


# --- redirects ----------------------------------------------------------------------------------------


def test_redirects_within_the_limit_are_followed(client: HttpClient, server: LocalServer) -> None:
    result = client.get(f"{server.base_url}/redirect/5")  # 5 redirects: exactly the default limit
    assert result.body == b"arrived"
    assert result.url == f"{server.base_url}/redirect/0"


def test_redirect_chain_beyond_the_limit(client: HttpClient, server: LocalServer) -> None:
    with pytest.raises(TooManyRedirectsError):
        client.get(f"{server.base_url}/redirect/10")
    assert server.hits == [f"/redirect/{n}" for n in range(10, 4, -1)]  # the first request and 5 redirects


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1:70/"])
def test_redirect_to_a_non_http_scheme_is_refused(client: HttpClient, server: LocalServer, target: str) -> None:
    with pytest.raises(UnsupportedSchemeError, match="only http and https"):
        client.get(f"{server.base_url}/redirect-to?target={target}")


def test_redirect_to_a_port_over_65535_is_refused(client: HttpClient, server: LocalServer) -> None:
    """Issue 15 §7: httpx wrapped `:84301` around to port 18765; here it would reach the test server itself."""
    wrapped = f"http://127.0.0.1:{65536 + server.server_address[1]}/redirect/0"
    with pytest.raises(InvalidURLError, match="65535"):
        client.get(f"{server.base_url}/redirect-to?target={wrapped}")
    with pytest.raises(InvalidURLError, match="65535"):
        client.get(wrapped)
    assert "/redirect/0" not in server.hits


def test_urls_with_credentials_are_refused_without_showing_them(client: HttpClient, server: LocalServer) -> None:
    """Issue 15 §6: a password in a feed URL was logged at INFO, stored with each sighting and exported."""
    with_password = f"http://reader:hunter2@127.0.0.1:{server.server_address[1]}/redirect/0"
    for url in (with_password, f"{server.base_url}/redirect-to?target={with_password}"):
        with pytest.raises(InvalidURLError, match="user name or password") as caught:
            client.get(url)
        assert "hunter2" not in caught.value.reason.partition("redirected to")[2 if "redirect-to" in url else 0]
    assert "/redirect/0" not in server.hits


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("file:///etc/passwd", UnsupportedSchemeError),
        ("ftp://127.0.0.1/feed.xml", UnsupportedSchemeError),
        ("javascript:alert(1)", UnsupportedSchemeError),
        ("feed.xml", InvalidURLError),
        ("http://", InvalidURLError),
    ],
)
def test_only_absolute_http_urls_are_fetched(client: HttpClient, url: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        client.get(url)


def test_connection_refused_is_transient(client: HttpClient) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(FetchConnectionError) as caught:
            client.get(f"http://127.0.0.1:{port}/")
    assert caught.value.transient is True


def test_unresolvable_host_is_a_connection_error(client: HttpClient, monkeypatch: pytest.MonkeyPatch) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def no_such_host(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "no-such-host.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchConnectionError, match="could not be resolved"):
        client.get("http://no-such-host.test/feed")


# --- politeness ---------------------------------------------------------------------------------------


class RecordingLimiter:
    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.hosts: list[str] = []

    def wait_time(self, host: str) -> float:
        self.hosts.append(host)
        return self.wait


def test_rate_limiter_is_asked_before_every_request_and_redirect(server: LocalServer) -> None:
    limiter = RecordingLimiter(wait=0.1)
    with HttpClient(HttpSettings(allow_private_networks=True), rate_limiter=limiter) as polite:
        started = time.monotonic()
        assert polite.get(f"{server.base_url}/redirect/2").body == b"arrived"
        elapsed = time.monotonic() - started
    assert limiter.hosts == ["127.0.0.1"] * 3
    assert elapsed >= 0.3  # the client slept the reserved time before each of the three requests


# --- TLS -----------------------------------------------------------------------------------------------


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for the name "localhost" only (no IP address in it), and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_tls_is_verified_against_the_host_name_while_connecting_to_the_vetted_ip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backend connects to an IP, yet SNI and certificate checks still use the URL's host name."""
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # httpx.create_ssl_context trusts it
    tls = start_server("127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    tls.socket = context.wrap_socket(tls.socket, server_side=True)
    port = tls.server_address[1]
    try:
        with HttpClient(HttpSettings(allow_private_networks=True, connect_timeout=2, read_timeout=2)) as secure:
            assert secure.get(f"https://localhost:{port}/page").body == PAGE
            with pytest.raises(FetchConnectionError, match="certificate"):
                secure.get(f"https://127.0.0.1:{port}/page")  # same server, but the name no longer matches
    finally:
        tls.shutdown()
        tls.server_close()


# --- the private-network guard ------------------------------------------------------------------------


def test_guard_is_on_by_default() -> None:
    assert HttpSettings().allow_private_networks is False


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",  # a name that resolves to loopback
        "2130706433",  # 127.0.0.1 written as one decimal number
        "0x7f.1",  # and in the old inet_aton shorthand
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "[::1]",
        "0.0.0.0",
    ],
)
def test_guard_refuses_loopback_by_default(guarded_client: HttpClient, server: LocalServer, host: str) -> None:
    port = server.server_address[1]
    with pytest.raises(BlockedAddressError) as caught:
        guarded_client.get(f"http://{host}:{port}/counter")
    assert caught.value.transient is False
    assert "NEWSWORKER_ALLOW_PRIVATE_NETWORKS" in caught.value.reason
    assert server.hits == []  # refused before connecting


def test_guard_refuses_a_public_looking_name_whose_dns_answer_is_loopback(
    guarded_client: HttpClient, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def resolver(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "news.example.com":  # a DNS record pointing at 127.0.0.1
            return real_getaddrinfo("127.0.0.1", port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    with pytest.raises(BlockedAddressError, match="127.0.0.1"):
        guarded_client.get(f"http://news.example.com:{server.server_address[1]}/counter")
    assert server.hits == []


def test_guard_connects_to_the_address_it_checked_not_a_second_dns_answer(
    guarded_client: HttpClient, server: LocalServer, twin: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first answer passes the check, a later one would point at loopback.

    127.0.0.2 (the twin server) stands in for a public address: only for this test, the policy
    treats it as public. The client must resolve once and connect to the vetted address.
    """
    treat_as_public(monkeypatch, "127.0.0.2")
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.2"])  # the first lookup; every later one says 127.0.0.1
    lookups: list[str] = []

    def rebinding_resolver(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example.com":
            lookups.append(host)
            return real_getaddrinfo(next(answers, "127.0.0.1"), port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_resolver)
    result = guarded_client.get(f"http://rebind.example.com:{server.server_address[1]}/counter")
    assert result.body == b"counted"
    assert twin.hits == ["/counter"]
    assert server.hits == []  # the loopback server was never reached
    assert lookups == ["rebind.example.com"]  # one lookup: the connect used the vetted IP, not the name


@pytest.mark.parametrize("private_host", ["127.0.0.1", "localhost"])
def test_redirect_from_an_allowed_host_to_a_private_address_is_blocked(
    guarded_client: HttpClient,
    server: LocalServer,
    twin: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
    private_host: str,
) -> None:
    """The twin on 127.0.0.2 plays the public host (policy patched for this test only); it redirects to loopback."""
    treat_as_public(monkeypatch, "127.0.0.2")
    port = server.server_address[1]
    with pytest.raises(BlockedAddressError):
        guarded_client.get(f"{twin.base_url}/redirect-to?target=http://{private_host}:{port}/counter")
    assert twin.hits == [f"/redirect-to?target=http://{private_host}:{port}/counter"]
    assert server.hits == []  # the private server behind the redirect was never reached


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("224.0.0.1", True),  # multicast
        ("240.0.0.1", True),  # reserved
        ("255.255.255.255", True),
        ("::1", True),
        ("::", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:10.0.0.1", True),
        ("2002:7f00:1::", True),  # 6to4 around 127.0.0.1
        ("64:ff9b::a00:1", True),  # NAT64 around 10.0.0.1
        ("93.184.216.34", False),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("::ffff:8.8.8.8", False),  # an IPv4-mapped address is judged by the IPv4 address inside
    ],
)
def test_address_policy(address: str, blocked: bool) -> None:
    assert is_blocked_address(ipaddress.ip_address(address)) is blocked
