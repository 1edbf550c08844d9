"""The one HTTP client newsworker uses, for feeds and article pages.

Timeouts, a size cap on the decoded body, redirects followed and re-checked hop by hop, conditional GET,
per-host politeness, and a guard that refuses private and loopback addresses at connect time.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import metadata
from types import TracebackType
from typing import Any

import httpcore
import httpx

from worker.errors import FetchError
from worker.sources.politeness import NullRateLimiter, RateLimiter
from worker.urls import hide_credentials, url_problem

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _package_version() -> str:
    try:
        return metadata.version("newsworker")
    except metadata.PackageNotFoundError:
        return "0+unknown"


DEFAULT_USER_AGENT = f"newsworker/{_package_version()} (+https://github.com/newsworker/newsworker)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5"
)
# Only what _Inflater can decode with bounded output; br/zstd would need decoders we cannot cap the same way.
ACCEPT_ENCODING = "gzip, deflate"
ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 408 (the server gave up waiting for us) and 425 (too early) are retryable by definition, like 429 and 5xx.
TRANSIENT_CLIENT_STATUSES = frozenset({408, 425, 429})
MAX_RETRY_AFTER = 30 * 86400.0  # a Retry-After of 10**400 seconds is read as 30 days, not as infinity
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")  # NAT64 gateways map these onto any IPv4 address


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0  # per read: the longest the server may stay silent
    max_bytes: int = 32 * 1024 * 1024  # response size cap AFTER decompression (gzip bombs)
    max_redirects: int = 5
    allow_private_networks: bool = False  # config sets it from NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1
    user_agent: str = DEFAULT_USER_AGENT
    total_timeout: float = 120.0  # the whole fetch, redirects included: stops a server dripping one byte per read


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL after redirects
    status: int  # 2xx (normally 200) or 304
    body: bytes  # b"" for 304
    content_type: str | None  # the whole header, charset included
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: the caller's copy is current."""
        return self.status == 304


# What `post` keeps of an answer: enough for a person to read what the receiver said, no more.
POST_ANSWER_BYTES = 4096


@dataclass(frozen=True)
class PostResult:
    url: str
    status: int  # 2xx
    body: bytes  # the answer's first POST_ANSWER_BYTES
    elapsed_ms: float


# --- errors ------------------------------------------------------------------------------------------


class InvalidURLError(FetchError):
    """The URL cannot be parsed or has no host."""


class UnsupportedSchemeError(FetchError):
    """Only http and https are fetched (no file://, ftp://, data: ...), also as a redirect target."""


class BlockedAddressError(FetchError):
    """The host resolves to a loopback, private, link-local, multicast or reserved address (SSRF guard)."""

    status_label = "blocked"


class ResponseTooLargeError(FetchError):
    """The body, once decompressed, is over HttpSettings.max_bytes."""

    status_label = "too-large"


class ContentEncodingError(FetchError):
    """The body is compressed in a way we did not ask for, or its compressed data is corrupt."""


class FetchTimeoutError(FetchError):
    """Connecting, a read, or the whole fetch took too long."""

    status_label = "timeout"
    transient = True


class TooManyRedirectsError(FetchError):
    """More than HttpSettings.max_redirects redirects."""

    status_label = "redirects"


class FetchConnectionError(FetchError):
    """The host could not be resolved or reached, TLS failed, or the connection broke."""

    status_label = "unreachable"
    transient = True


class HTTPStatusError(FetchError):
    """The server answered with an error status; `transient` for 408, 425, 429 and 5xx."""

    def __init__(self, status: int, url: str, retry_after: float | None = None, detail: str | None = None) -> None:
        self.status = status
        self.url = url
        self.retry_after = retry_after  # seconds, from the Retry-After header, if any
        self.transient = is_transient_status(status)
        self.status_label = f"http-{status}"
        reason = f"{url} answered HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip()
        if detail:
            reason += f" ({detail})"
        if retry_after is not None:
            reason += f"; it asks to retry after {retry_after:.0f} s"
        super().__init__(reason)


def is_transient_status(status: int) -> bool:
    """True when a retry later may succeed: 408, 425, 429 and every 5xx."""
    return status in TRANSIENT_CLIENT_STATUSES or 500 <= status <= 599


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP-date); None if absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not just isdigit(): "²" and "٣" are digits to Python, not to float()
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- the private-network guard -----------------------------------------------------------------------


def is_blocked_address(address: IPAddress) -> bool:
    """True for an address a fetch must not reach: anything not globally routable.

    Loopback, private, link-local (cloud metadata at 169.254.169.254), multicast, reserved,
    unspecified and shared (100.64/10) addresses; for IPv6 also the IPv4 address carried inside
    IPv4-mapped (::ffff:127.0.0.1), 6to4, Teredo and NAT64 addresses.
    """
    return any(_blocked(candidate) for candidate in _with_embedded_ipv4(address))


def _blocked(address: IPAddress) -> bool:
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast  # IPv4 multicast counts as "global" in ipaddress
        or address.is_reserved
        or address.is_unspecified
    )


def _with_embedded_ipv4(address: IPAddress) -> list[IPAddress]:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return [address.ipv4_mapped]  # ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket; judge that address
    found: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.sixtofour is not None:
            found.append(address.sixtofour)
        if address.teredo is not None:
            found.extend(address.teredo)
        if address in NAT64_PREFIX:
            found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host name resolves to, in the resolver's order, each once.

    Raises httpcore.ConnectError when the name does not resolve (so it reads like any connect failure).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise httpcore.ConnectError(f"the host name {host!r} could not be resolved ({error})") from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def fetch_problem(url: str, allow_private_networks: bool = False) -> str | None:
    """Why a fetch of the URL would be refused before it starts (a sentence), or None: the URL rule of
    `worker.urls.url_problem`, then the private-network guard on the addresses its host resolves to now.

    For callers that accept a URL from someone else (`POST /ingest`), to answer at once instead of
    queueing a task that is bound to fail. The guard still vets every connection when the fetch runs.
    """
    problem = url_problem(url)
    if problem is not None:
        return problem
    parts = httpx.URL(url.strip())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(parts.host, port)
    except httpcore.ConnectError as error:
        return str(error)
    blocked = [str(address) for address in addresses if is_blocked_address(address)]
    if blocked and not allow_private_networks:
        return blocked_reason(parts.host, blocked)
    return None


def blocked_reason(host: str, blocked: list[str]) -> str:
    return (
        f"{host} resolves to {', '.join(blocked)}, a private, loopback or reserved address; "
        "fetching from private networks is off (NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1 allows it)"
    )


class _Deadline(threading.local):
    """The monotonic time the current thread's fetch must end by (None: no fetch running)."""

    at: float | None = None


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake is cut at the fetch's total deadline.

    httpcore applies its timeouts per read, so a server sending its headers one byte at a time
    would hold a fetch for as long as it likes; this clips each wait to what is left of the whole.
    """

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def _clip(self, timeout: float | None) -> float | None:
        if self._deadline.at is None:
            return timeout
        left = self._deadline.at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the total time allowed for the fetch ran out")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._clip(timeout))
        return DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedNetworkBackend(httpcore.SyncBackend):
    """httpcore's socket backend, resolving names itself so it can vet the addresses before connecting.

    It connects to the very address it checked, never to the name: a second DNS lookup (by the OS in
    socket.create_connection) could answer differently, which is how DNS rebinding gets past a check
    made beforehand. httpcore still uses the host name for TLS (SNI, certificate check), and
    HttpClient sends it in the Host header. Every connection of the pool goes through here, so every
    redirect hop is checked too.
    """

    def __init__(self, allow_private_networks: bool = False) -> None:
        self.allow_private_networks = allow_private_networks
        self.deadline = _Deadline()  # set by HttpClient around each request, per thread

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """A connected stream to the first reachable vetted address; BlockedAddressError if any is refused."""
        addresses = resolve(host, port)
        if not self.allow_private_networks:
            # Looked up at call time, not bound at import, so a test can swap the policy.
            blocked = [str(address) for address in addresses if is_blocked_address(address)]
            if blocked:
                raise BlockedAddressError(blocked_reason(host, blocked))
        last_error: Exception | None = None
        for address in addresses:
            if self.deadline.at is not None:
                left = self.deadline.at - time.monotonic()
                if left <= 0:
                    raise httpcore.ConnectTimeout("the total time allowed for the fetch ran out")
                timeout = left if timeout is None else min(timeout, left)
            try:
                stream = super().connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
                return DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error  # try the next address, as socket.create_connection would
        if last_error is None:
            raise httpcore.ConnectError(f"the host name {host!r} resolved to no address")
        raise last_error


# --- the client --------------------------------------------------------------------------------------


class HttpClient:
    """GET with every safety newsworker needs. Thread-safe; reuses connections; close() when done.

    Raises a FetchError subclass for every failure, each with a readable `reason` and a `transient`
    flag saying whether a retry later may succeed.
    """

    def __init__(self, settings: HttpSettings = HttpSettings(), rate_limiter: RateLimiter | None = None) -> None:
        self.settings = settings
        self._rate_limiter: RateLimiter = rate_limiter or NullRateLimiter()
        self._backend = GuardedNetworkBackend(settings.allow_private_networks)
        # No proxy support on purpose: through a proxy, the guard would vet the proxy's address, not the target's.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),  # the CA bundle httpx uses (certifi)
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=30.0,
            network_backend=self._backend,
        )
        self._timeouts = {
            "connect": settings.connect_timeout,
            "read": settings.read_timeout,
            "write": settings.read_timeout,
            "pool": settings.connect_timeout,
        }

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET the URL, following up to max_redirects redirects; return the final response's body and validators.

        With `etag` / `last_modified` (from an earlier FetchResult), sends If-None-Match /
        If-Modified-Since; a 304 answer is returned as FetchResult(status=304, body=b"").
        """
        current = parse_fetch_url(url)
        deadline = time.monotonic() + self.settings.total_timeout
        redirects = 0
        while True:
            deadline += self._wait_for_slot(current)  # our own politeness pause does not count against the server
            outcome = self._request(current, etag, last_modified, deadline)
            if isinstance(outcome, FetchResult):
                return outcome
            if redirects >= self.settings.max_redirects:
                raise TooManyRedirectsError(
                    f"{url} redirected more than {self.settings.max_redirects} times (last to {outcome})"
                )
            redirects += 1
            logger.debug("redirect %d: %s -> %s", redirects, current, outcome)
            current = outcome

    def _wait_for_slot(self, url: httpx.URL) -> float:
        """Sleep until the rate limiter's slot for the host; return the seconds slept."""
        delay = self._rate_limiter.wait_time(url.raw_host.decode("ascii"))
        if delay > 0:
            time.sleep(delay)
        return max(0.0, delay)

    def _request(
        self, url: httpx.URL, etag: str | None, last_modified: str | None, deadline: float
    ) -> FetchResult | httpx.URL:
        """One request: a FetchResult, or the URL a redirect points at."""
        headers = [
            (b"Host", url.netloc),  # httpx's netloc brackets IPv6 literals; httpcore's own Host header would not
            (b"User-Agent", self.settings.user_agent.encode("ascii", "replace")),
            (b"Accept", ACCEPT.encode()),
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
        ]
        # The validators come from the previous fetch's final URL, so they belong at the end of any redirect chain.
        if etag:
            headers.append((b"If-None-Match", etag.encode("latin-1", "replace")))
        if last_modified:
            headers.append((b"If-Modified-Since", last_modified.encode("latin-1", "replace")))
        with self._exchange(url, deadline, self.settings.total_timeout):
            with self._pool.stream(
                "GET", _target(url), headers=headers, extensions={"timeout": self._timeouts}
            ) as response:
                return self._handle(url, response, etag, last_modified, deadline)

    @contextmanager
    def _exchange(self, url: httpx.URL, deadline: float, allowed: float, posting: bool = False) -> Iterator[None]:
        """One request under one deadline (connect, TLS, headers and body), httpcore's errors made FetchErrors."""
        self._backend.deadline.at = deadline
        try:
            yield
        except httpcore.TimeoutException as error:
            if time.monotonic() >= deadline:
                doing = "answer" if posting else "download"
                raise FetchTimeoutError(f"{url} took longer than {allowed:g} s in all to {doing}") from error
            raise FetchTimeoutError(
                f"{url} timed out ({type(error).__name__}: {error or 'no answer in time'})"
            ) from error
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as error:
            failed = "reached" if posting else "fetched"
            raise FetchConnectionError(f"{url} could not be {failed}: {error or type(error).__name__}") from error
        finally:
            self._backend.deadline.at = None

    def post(self, url: str, body: bytes, headers: Mapping[str, str], *, timeout: float | None = None) -> PostResult:
        """POST `body` once (a webhook delivery); the answer's status and the start of its body.

        The same guard, timeouts and URL rules as `get`, but: redirects are not followed (a 3xx is an
        HTTPStatusError: the sender should fix the URL, as Standard Webhooks advises), no politeness wait (a
        webhook receiver is the operator's own endpoint, and one hook's deliveries never overlap), and only
        POST_ANSWER_BYTES of the answer are read. `timeout` bounds the whole exchange (default: total_timeout).
        Raises HTTPStatusError for any status outside 2xx, another FetchError when nothing was answered.
        """
        current = parse_fetch_url(url)
        allowed = timeout if timeout is not None else self.settings.total_timeout
        started = time.monotonic()
        request_headers = [
            (b"Host", current.netloc),
            (b"User-Agent", self.settings.user_agent.encode("ascii", "replace")),
            (b"Content-Type", b"application/json"),
            (b"Content-Length", str(len(body)).encode()),
            *((name.encode("ascii"), value.encode("latin-1", "replace")) for name, value in headers.items()),
        ]
        with self._exchange(current, started + allowed, allowed, posting=True):
            with self._pool.stream(
                "POST", _target(current), headers=request_headers, content=body, extensions={"timeout": self._timeouts}
            ) as response:
                answer = bytearray()
                for chunk in response.iter_stream():
                    answer += chunk
                    if len(answer) >= POST_ANSWER_BYTES:
                        break
                status = response.status
                answer_headers = httpx.Headers(response.headers)
        elapsed_ms = (time.monotonic() - started) * 1000
        if status in REDIRECT_STATUSES:
            location = hide_credentials(answer_headers.get("location") or "nowhere")
            raise HTTPStatusError(status, str(current), detail=f"redirects to {location}, which is not followed")
        if not 200 <= status <= 299:
            raise HTTPStatusError(
                status, str(current), retry_after=parse_retry_after(answer_headers.get("retry-after"))
            )
        return PostResult(
            url=str(current), status=status, body=bytes(answer[:POST_ANSWER_BYTES]), elapsed_ms=elapsed_ms
        )

    def _handle(
        self,
        url: httpx.URL,
        response: httpcore.Response,
        etag: str | None,
        last_modified: str | None,
        deadline: float,
    ) -> FetchResult | httpx.URL:
        status = response.status
        headers = httpx.Headers(response.headers)
        if status in REDIRECT_STATUSES:
            return self._redirect_target(url, status, headers.get("location"))
        if status == 304:
            # A 304 may omit the validators; the caller's still hold.
            return FetchResult(
                url=str(url),
                status=304,
                body=b"",
                content_type=headers.get("content-type"),
                etag=headers.get("etag") or etag,
                last_modified=headers.get("last-modified") or last_modified,
            )
        if not 200 <= status <= 299:
            raise HTTPStatusError(status, str(url), retry_after=parse_retry_after(headers.get("retry-after")))
        body = self._read_body(url, response, headers, deadline)
        return FetchResult(
            url=str(url),
            status=status,
            body=body,
            content_type=headers.get("content-type"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )

    def _redirect_target(self, url: httpx.URL, status: int, location: str | None) -> httpx.URL:
        if not location:
            raise HTTPStatusError(status, str(url), detail="a redirect without a Location header")
        try:
            target = url.join(location.strip())
        except httpx.InvalidURL as error:
            raise InvalidURLError(
                f"{url} redirected to {hide_credentials(location)!r}, which is not a valid URL ({error})"
            ) from error
        if target.scheme not in ALLOWED_SCHEMES:
            raise UnsupportedSchemeError(
                f"{url} redirected to {hide_credentials(location)!r}; only http and https URLs are fetched"
            )
        if not target.host:
            raise InvalidURLError(f"{url} redirected to {hide_credentials(location)!r}, which has no host")
        problem = url_problem(str(target))
        if problem is not None:
            raise InvalidURLError(f"{url} redirected to a URL that is refused: {problem}")
        return target

    def _read_body(self, url: httpx.URL, response: httpcore.Response, headers: httpx.Headers, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = headers.get("content-length", "").strip()
        # With compression this is the compressed size; decoded, the body is (all but) always bigger still.
        if declared.isdigit() and int(declared) > limit:
            raise ResponseTooLargeError(
                f"{url} is {int(declared):,} bytes (Content-Length), over the limit of {limit:,} bytes"
            )
        decoder = _decoder_for(url, headers.get("content-encoding"))
        too_large = f"{url} is over the limit of {limit:,} bytes"
        if isinstance(decoder, _Inflater):
            too_large += " once decompressed"
        body = bytearray()
        for chunk in response.iter_stream():
            body += decoder.decode(chunk, room=limit - len(body))
            if len(body) > limit:
                raise ResponseTooLargeError(too_large)  # stops reading: the rest is never downloaded
            if time.monotonic() > deadline:
                raise FetchTimeoutError(f"{url} took longer than {self.settings.total_timeout:g} s in all to download")
        body += decoder.flush()
        if len(body) > limit:
            raise ResponseTooLargeError(too_large)
        return bytes(body)


def _target(url: httpx.URL) -> httpcore.URL:
    return httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path)


def parse_fetch_url(url: str) -> httpx.URL:
    """The URL parsed; InvalidURLError unless absolute with a host, UnsupportedSchemeError unless http(s)."""
    shown = hide_credentials(url)
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as error:
        raise InvalidURLError(f"{shown!r} is not a valid URL ({error})") from error
    if not parsed.scheme:
        raise InvalidURLError(f"{shown!r} is not an absolute URL")
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise UnsupportedSchemeError(f"{shown!r} is a {parsed.scheme}: URL; only http and https URLs are fetched")
    if not parsed.host:
        raise InvalidURLError(f"{shown!r} has no host")
    problem = url_problem(url)  # credentials, ports over 65535: the same rule as for feed URLs
    if problem is not None:
        raise InvalidURLError(problem)
    return parsed


# --- bounded decompression ---------------------------------------------------------------------------


class _Identity:
    """No Content-Encoding: the bytes as they come (at most one network read, 64 KB, past the limit)."""

    def decode(self, data: bytes, room: int) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class _Inflater:
    """gzip or deflate, decompressed at most `room` + 1 bytes at a time, so a bomb is stopped early.

    zlib's max_length keeps the rest of the input in unconsumed_tail instead of inflating it:
    memory stays bounded by the size limit, whatever the compression ratio.
    """

    def __init__(self, url: httpx.URL, encoding: str) -> None:
        self.url = url
        self.encoding = encoding
        self._gzip = encoding in {"gzip", "x-gzip"}
        # wbits 16+: a gzip wrapper; plain MAX_WBITS: a zlib wrapper, which is what "deflate" should be.
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        """Decompress `data`; stop as soon as more than `room` bytes came out (the caller then refuses the body)."""
        out = bytearray()
        while True:
            try:
                piece = self._zlib.decompress(data, room + 1 - len(out))
            except zlib.error as error:
                if not self._gzip and not self._started:
                    # Some servers send raw deflate without the zlib wrapper; browsers accept it, so do we.
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise ContentEncodingError(f"{self.url} sent corrupt {self.encoding} data ({error})") from error
            self._started = self._started or bool(data)
            out += piece
            data = self._zlib.unconsumed_tail
            # Done when over the limit, at the end of the stream, or when zlib has nothing left to give.
            # (No input left but some output came: ask once more, zlib may hold pending output.)
            if len(out) > room or self._zlib.eof or (not data and not piece):
                return bytes(out)

    def flush(self) -> bytes:
        try:
            return self._zlib.flush()  # at most zlib's last pending block; the input is all consumed
        except zlib.error as error:
            raise ContentEncodingError(f"{self.url} sent corrupt {self.encoding} data ({error})") from error


def _decoder_for(url: httpx.URL, content_encoding: str | None) -> _Identity | _Inflater:
    codings = [coding.strip().lower() for coding in (content_encoding or "").split(",")]
    codings = [coding for coding in codings if coding and coding != "identity"]
    if not codings:
        return _Identity()
    if len(codings) == 1 and codings[0] in {"gzip", "x-gzip", "deflate"}:
        return _Inflater(url, codings[0])
    raise ContentEncodingError(
        f"{url} sent a body encoded as {content_encoding!r}; only gzip and deflate were asked for"
    )
