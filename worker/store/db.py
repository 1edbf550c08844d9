"""The one place that makes engines and sessions, and brings the schema up to date."""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import worker.store.events  # noqa: F401 - installs the listener that writes queued events at commit

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KIB = 16 * 1024  # per connection: bigger ones show up in every worker's RSS
# A background thread copies the WAL back into the database file every second (WalCheckpointer); a commit does
# it itself only once the WAL holds this many pages (40 MiB), when no checkpointer keeps up.
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000
WAL_CHECKPOINT_SECONDS = 1.0


def make_engine(database_url: str, *, deferred_begin: bool = False) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and foreign keys on every connection.

    `deferred_begin`: SQLite transactions start as plain BEGIN instead of BEGIN IMMEDIATE, for a process that
    mostly reads (the HTTP API): a reader then works on a WAL snapshot without taking the write lock, so it
    neither waits for the workers' writes nor holds them up; a write in such a transaction still waits for the
    lock on the busy timeout when it is its first statement."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            database = Path(url.database).expanduser()
            if database.exists() and _on_read_only_filesystem(database.parent):
                return _read_only_sqlite_engine(database)
            database.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own BEGIN handling defers locks; take the write lock at BEGIN so that two
        # writers wait on the busy timeout instead of failing with "database is locked" mid-transaction.
        begin = "BEGIN" if deferred_begin else "BEGIN IMMEDIATE"
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
        return engine
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True)


def _on_read_only_filesystem(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _read_only_sqlite_engine(database: Path) -> Engine:
    """A SQLite database on a read-only filesystem (a mounted backup, a read-only NEWSWORKER_HOME), for reading.

    WAL needs its -shm file, which cannot be created there; nothing can change the file either, so it is
    opened immutable. Writes fail with "attempt to write a readonly database".
    """
    wal = Path(f"{database}-wal")
    # A non-empty -wal holds committed pages (a writer that did not close cleanly): immutable would skip them.
    immutable = "" if wal.exists() and wal.stat().st_size > 0 else "&immutable=1"
    engine = create_engine(f"sqlite:///file:{quote(str(database.absolute()))}?mode=ro{immutable}&uri=true")
    event.listen(engine, "connect", _read_only_pragmas)
    return engine


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let the "begin" listener issue BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL, not WAL's usual NORMAL: a file leaves the inbox once its outcome is committed, so that commit must
    # survive a power loss too (NORMAL may roll the last ones back). Measured at about 0.2-0.4 ms a commit here.
    cursor.execute("PRAGMA synchronous=FULL")
    # The default 2 MiB page cache holds a few thousand articles' indexes; past that every hash and band-key
    # lookup read pages back from the OS (docs/performance.md, growth).
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
    cursor.close()


class WalCheckpointer:
    """Copies committed pages from a SQLite database's write-ahead log back into the database file, from a
    background thread of the process that writes, as PostgreSQL's checkpointer does.

    SQLite's default is that the commit that fills the WAL past 1,000 pages copies them back and syncs the file
    itself: in a large archive those pages are scattered (random band keys in an index of millions of rows), and
    that commit's wait grew with the archive (docs/performance.md, growth). A PASSIVE checkpoint takes no lock a
    writer waits for. Durability is unchanged: a commit is in the WAL either way. The thread opens its own
    connection for each checkpoint and ends when its Database is disposed or garbage-collected.
    """

    def __init__(self, database: Database, path: Path, every: float = WAL_CHECKPOINT_SECONDS) -> None:
        self.path = path
        self.every = every
        self.stopped = threading.Event()
        self._database = weakref.ref(database)
        self._pid: int | None = None
        self._lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.last: tuple[int, int, int] | None = None  # the last checkpoint's (busy, WAL pages, pages copied)

    def ensure_running(self) -> None:
        """Start the thread in this process, once (a forked child starts its own: threads do not survive fork)."""
        with self._lock:
            if self._pid == os.getpid() or self.stopped.is_set():
                return
            self._pid = os.getpid()
            self.thread = threading.Thread(target=self._run, name=f"wal-checkpoint {self.path.name}", daemon=True)
            self.thread.start()

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: (busy, pages in the WAL, pages copied back)."""
        connection = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            busy, pages, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            return int(busy), int(pages), int(copied)
        finally:
            connection.close()

    def _run(self) -> None:
        while not self.stopped.wait(self.every):
            if self._database() is None or not self.path.exists():
                return
            try:
                self.last = self.checkpoint()
            except sqlite3.Error as error:  # the next commit past the WAL's limit checkpoints instead
                log.debug("WAL checkpoint of %s skipped: %s", self.path, error)

    def stop(self) -> None:
        self.stopped.set()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations between processes starting at once (many workers, one database)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(727101)"))
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(727101)"))
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        lock_path = Path(database).expanduser().with_suffix(".migrate.lock")
        with open(lock_path, "w") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
        return
    yield


def _schema_is_current(engine: Engine, config: Any) -> bool:
    """True when the database is already at the newest migration (checked without any lock)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return bool(current) and current == set(ScriptDirectory.from_config(config).get_heads())


def upgrade_database(engine: Engine) -> None:
    """Apply Alembic migrations up to head (safe to call from many processes at once)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if _schema_is_current(engine, config):
        return  # no lock file opened for writing: a read-only NEWSWORKER_HOME can still be read
    with _migration_lock(engine), engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def preload_modules(database_url: str) -> None:
    """Import what the first Database() of a process needs (Alembic, the dialect and its driver) without
    connecting: done before a fork, it saves each child about half a second on its first task."""
    import alembic.command
    import alembic.config
    import alembic.runtime.migration  # noqa: F401

    make_engine(database_url).dispose()


class Database:
    """An engine and its session factory, made once per process and migrated on first use."""

    def __init__(self, database_url: str, *, migrate: bool = True, deferred_begin: bool = False) -> None:
        self.url = database_url
        self.engine = make_engine(database_url, deferred_begin=deferred_begin)
        self.checkpointer: WalCheckpointer | None = None
        database = self.engine.url.database
        if (
            self.engine.dialect.name == "sqlite"
            and database
            and database != ":memory:"
            and not database.startswith("file:")
        ):
            checkpointer = self.checkpointer = WalCheckpointer(self, Path(database).expanduser())
            event.listen(self.engine, "connect", lambda _dbapi, _record: checkpointer.ensure_running())
        if migrate and deferred_begin:
            migrator = make_engine(database_url)  # DDL takes the write lock at BEGIN, like every writer
            try:
                upgrade_database(migrator)
            finally:
                migrator.dispose()
        elif migrate:
            upgrade_database(self.engine)
        self.sessions = make_session_factory(self.engine)

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()
