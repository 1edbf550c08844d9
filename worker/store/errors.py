"""The one translation point from database driver errors to newsworker's own: an outage is retried, a value
the database refuses is that one input's rejection (in the style of httpx's `map_exceptions`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from worker.errors import StoreDataError, StoreUnavailableError

# SQLSTATE classes that say "this value", not "this database": 22 data exception (NUL, too long,
# bad encoding), 23 integrity constraint (the races the code expects are settled by ON CONFLICT),
# 54 program limit exceeded (an index row over 2,704 bytes). Everything else (08 connection, 40
# serialization or deadlock, 53 resources, 55 lock not available, 57 shutdown...) is an outage.
DATA_SQLSTATE_CLASSES = frozenset({"22", "23", "54"})


def first_line(error: BaseException) -> str:
    """The first line of an error's message (drivers append the SQL and its parameters), at most 300 chars."""
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def is_data_error(error: DBAPIError) -> bool:
    """True when the database refused a value (retrying cannot help), False for an outage."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate:
        return str(sqlstate)[:2] in DATA_SQLSTATE_CLASSES
    # No SQLSTATE: SQLite, or a value psycopg refused before sending it (a NUL in text).
    return isinstance(error, DataError | IntegrityError)


@contextmanager
def store_errors(what: str) -> Iterator[None]:
    """Raise StoreDataError (a rejection) or StoreUnavailableError (a retry) for a driver error in the block.

    `what` says what was being written, e.g. "the article could not be stored".
    """
    try:
        yield
    except DBAPIError as error:
        if is_data_error(error):
            raise StoreDataError(f"{what}: the database refused a value ({first_line(error.orig or error)})") from error
        raise StoreUnavailableError(f"{what}: {first_line(error)}") from error
