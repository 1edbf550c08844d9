"""`newsworker export`: articles as JSON lines or CSV (all of them, or those stored after a change-feed seq),
written so that no output can destroy what it reads.

The output is refused when it is the database or any other file the worker owns (compared by device
and inode, so a hard link or a symlink to the database is caught too), and a regular file is written
under a temporary name beside it and renamed into place: an interrupted export leaves the old file.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import make_url

from worker.config import Settings

# The columns of a CSV export: the keys of an article's record (schemas/article.schema.json), in its order.
CSV_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "authors",
    "credit",
    "published_at",
    "site",
    "source",
    "url",
    "language",
    "text",
    "word_count",
    "entities",
    "tagger_backend",
    "untagged_reason",
    "near_duplicate_of",
    "sightings",
    "ingested_at",
)
EXPORT_FORMATS = ("jsonl", "csv")

# Files SQLite and newsworker keep beside the database file.
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class ExportError(Exception):
    """The export cannot be written where asked; the message is one line for the operator."""


def owned_paths(settings: Settings) -> list[Path]:
    """The files the worker owns outside its home folder: the SQLite database and its companions."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return []
    database = Path(url.database).expanduser().absolute()
    return [Path(f"{database}{suffix}") for suffix in DATABASE_COMPANIONS] + [database.with_suffix(".migrate.lock")]


def check_output(output: Path, settings: Settings) -> None:
    """Raise ExportError when `output` cannot or must not be written: a folder, a missing folder, a worker file."""
    if output.is_dir():
        raise ExportError(f"{output} is a directory; give a file name")
    parent = output.absolute().parent
    if not parent.is_dir():
        raise ExportError(f"the folder {parent} does not exist")
    real = Path(os.path.realpath(output))
    home = Path(os.path.realpath(settings.home))
    if real.is_relative_to(home):
        raise ExportError(f"{output} is inside NEWSWORKER_HOME ({home}), which holds the worker's own files")
    inbox = Path(os.path.realpath(settings.inbox))
    if real.is_relative_to(inbox):
        raise ExportError(f"{output} is inside the inbox ({inbox}): the watcher would take it as input")
    owned = owned_paths(settings)
    if any(real == Path(os.path.realpath(path)) for path in owned):
        raise ExportError(f"{output} is the worker's database (or one of its files); choose another file")
    try:
        target = output.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportError(f"{output} cannot be checked: {error.strerror or error}") from error
    for path in owned:
        try:
            mine = path.stat()
        except OSError:
            continue
        if (mine.st_dev, mine.st_ino) == (target.st_dev, target.st_ino):
            raise ExportError(f"{output} is the worker's database (or one of its files); choose another file")


def write_export(records: Iterator[dict[str, Any]], output: Path | None, fmt: str = "jsonl") -> int:
    """Write the records as JSON lines or CSV to `output` (standard output when None); returns how many."""
    import sys

    write = _write_csv if fmt == "csv" else _write_lines
    if output is None:
        return write(sys.stdout, records)
    try:
        is_regular_or_new = not output.exists() or stat.S_ISREG(output.stat().st_mode)
    except OSError as error:
        raise ExportError(f"{output} cannot be checked: {error.strerror or error}") from error
    try:
        if not is_regular_or_new:  # /dev/stdout, a FIFO...: written in place, never replaced by a file
            with output.open("w", encoding="utf-8", newline="") as stream:
                return write(stream, records)
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.absolute().parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                count = write(stream, records)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return count
    except OSError as error:
        raise ExportError(f"could not write {output}: {error.strerror or error}") from error


def _write_lines(stream: IO[str], records: Iterator[dict[str, Any]]) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(stream: IO[str], records: Iterator[dict[str, Any]]) -> int:
    """A header row, then one row per article: lists (authors, entities, sightings) as JSON, None as an empty
    cell, and a cell a spreadsheet would run as a formula prefixed with an apostrophe (titles come from the web)."""
    from worker.cli_output import spreadsheet_safe

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        writer.writerow([spreadsheet_safe(_csv_cell(record.get(column))) for column in CSV_COLUMNS])
        count += 1
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
