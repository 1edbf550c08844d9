"""Ingestion of one input, shared by the command line and the Celery tasks.

Reads the bytes, runs the pure pipeline, stores the result, and records a rejection with its reason
when the input cannot be ingested. Transient failures (database busy or unwritable) are raised, not
recorded, so the caller can retry them.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError, OperationalError

from worker.config import Settings
from worker.errors import (
    IngestError,
    InputTooLargeError,
    OutsideInboxError,
    StoreUnavailableError,
    UnreadableInputError,
)
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.extract import extract_documents
from worker.sources.beneath import EscapesFolderError, open_beneath
from worker.store.db import Database

if TYPE_CHECKING:
    from worker.pipeline.process import Pipeline

log = logging.getLogger(__name__)


@dataclass
class DocumentOutcome:
    status: str  # stored | duplicate | near-duplicate
    article_id: int
    content_hash: str
    title: str | None
    near_duplicate_of: int | None = None


@dataclass
class InputOutcome:
    """What became of one input (a file or URL): its documents, or the reason it was rejected."""

    source: str
    status: str  # stored | duplicate | near-duplicate | rejected (the "best" of its documents)
    documents: list[DocumentOutcome] = field(default_factory=list)
    reason: str | None = None
    error_type: str | None = None
    content_hash: str | None = None  # of the raw bytes, for the watcher's ledger
    timings_ms: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The small task-result record (schemas/task-result.schema.json)."""
        first = self.documents[0] if self.documents else None
        return {
            "source": self.source,
            "status": self.status,
            "article_id": first.article_id if first else None,
            "content_hash": first.content_hash if first else None,
            "near_duplicate_of": first.near_duplicate_of if first else None,
            "documents": [
                {
                    "status": d.status,
                    "article_id": d.article_id,
                    "content_hash": d.content_hash,
                    "near_duplicate_of": d.near_duplicate_of,
                }
                for d in self.documents
            ],
            "reason": self.reason,
            "timings_ms": self.timings_ms,
        }


STORE_CHUNK_DOCUMENTS = 200  # documents per transaction: bounds a feed file's transaction size and memory
STATUS_ORDER = ("stored", "near-duplicate", "duplicate")


def display_path(path: Path | str) -> str:
    """A path as storable text, one to one with its exact bytes: undecodable bytes become `\\xNN` escapes,
    and a literal backslash is doubled first, so the name `caf\\xe9.txt` typed with a backslash and the
    Latin-1 bytes b"caf\\xe9.txt" never share a ledger entry (the ledger is keyed by this text)."""
    return os.fsencode(path).replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")


def read_input_file(path: Path, max_bytes: int, inbox: Path | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, refusing what is not one; raises IngestError with a reason.

    With `inbox`, the file is opened beneath it (worker/sources/beneath.py): no link is followed out
    of it, even one swapped in while the file is read; what is checked is the descriptor opened.
    """
    # O_NONBLOCK: opening a FIFO must not hang the worker waiting for a writer.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = open_beneath(inbox, path, flags) if inbox is not None else os.open(path, flags)
    except EscapesFolderError as error:
        raise OutsideInboxError(f"the path leads outside the inbox (to {display_path(error.where)})") from error
    except FileNotFoundError as error:
        raise UnreadableInputError("the file no longer exists (deleted or moved before it was read)") from error
    except PermissionError as error:
        raise UnreadableInputError("the file cannot be read: permission denied") from error
    except IsADirectoryError as error:
        raise UnreadableInputError("the path is a directory, not a file") from error
    except OSError as error:
        raise UnreadableInputError(f"the file cannot be opened: {error.strerror or error}") from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInputError("the path is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInputError("the path is not a regular file (a FIFO, socket or device)")
        if info.st_size > max_bytes:
            raise InputTooLargeError(f"the file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        try:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read(max_bytes + 1)
        except OSError as error:  # EIO from a failing disk, a file on a vanished network share...
            raise UnreadableInputError(f"the file could not be read: {error.strerror or error}") from error
        if len(raw) > max_bytes:
            raise InputTooLargeError(f"the file grew past the {max_bytes:,}-byte limit while being read")
        return raw, info
    finally:
        os.close(fd)


def build_pipeline(settings: Settings) -> Pipeline:
    from worker.pipeline.entities import load_tagger
    from worker.pipeline.neardup import NearDupSettings
    from worker.pipeline.process import Pipeline

    return Pipeline(tagger=load_tagger(settings.spacy_model), neardup=NearDupSettings())


class Ingestor:
    """Everything one process needs to ingest inputs: the database and the pipeline, made once."""

    def __init__(self, settings: Settings, database: Database | None = None, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.database = database or Database(settings.database_url)
        if pipeline is not None:
            self.__dict__["pipeline"] = pipeline  # fills the cached_property below

    @cached_property
    def pipeline(self) -> Pipeline:
        return build_pipeline(self.settings)

    @property
    def neardup_threshold(self) -> float:
        return self.settings.neardup_threshold or self.pipeline.neardup.threshold

    def ingest_file(self, path: Path, *, inbox: Path | None = None, task_id: str | None = None) -> InputOutcome:
        """Read, extract, process and store one file; a bad file becomes a recorded rejection."""
        source_name = display_path(path)
        started = time.perf_counter()
        try:
            raw, info = read_input_file(path, self.settings.max_file_bytes, inbox)
        except IngestError as error:
            return self.reject(source_name, "file", error, task_id=task_id)
        source = SourceInfo(source=source_name, kind="file", modified_at=datetime.fromtimestamp(info.st_mtime, UTC))
        outcome = self.ingest_bytes(raw, source, task_id=task_id)
        total_ms = (time.perf_counter() - started) * 1000
        outcome.timings_ms["read"] = round(max(0.0, total_ms - sum(outcome.timings_ms.values())), 3)
        return outcome

    def ingest_bytes(self, raw: bytes, source: SourceInfo, *, task_id: str | None = None) -> InputOutcome:
        """Extract and store every document in the bytes."""
        import hashlib

        raw_hash = hashlib.sha256(raw).hexdigest()
        from worker.feeds import import_opml_input, is_opml

        if is_opml(raw):  # a list of feeds, not an article: its feeds join the polled list
            outcome = import_opml_input(self, raw, source, task_id=task_id)
            outcome.content_hash = raw_hash
            return outcome
        started = time.perf_counter()
        try:
            documents = extract_documents(raw, source)
        except IngestError as error:
            outcome = self.reject(source.source, source.kind, error, size=len(raw), task_id=task_id)
            outcome.content_hash = raw_hash
            return outcome
        except RecursionError as error:
            outcome = self.reject(
                source.source,
                source.kind,
                UnreadableInputError("the document is nested too deeply to parse"),
                size=len(raw),
                task_id=task_id,
            )
            del error
            outcome.content_hash = raw_hash
            return outcome
        extract_ms = round((time.perf_counter() - started) * 1000, 3)
        outcome = self.store_documents(documents, source)
        outcome.content_hash = raw_hash
        outcome.timings_ms = {"extract": extract_ms, **outcome.timings_ms}
        return outcome

    def store_documents(self, documents: list[ExtractedDocument], source: SourceInfo) -> InputOutcome:
        """Process and store extracted documents, STORE_CHUNK_DOCUMENTS per transaction (a 5,000-entry feed
        file must not become one huge transaction); raises StoreUnavailableError to retry. A retry after a
        partial store finds the stored chunks as duplicates."""
        from worker.store.repository import store_article

        timings: dict[str, float] = {}
        results: list[DocumentOutcome] = []
        store_ms = 0.0
        for first in range(0, len(documents), STORE_CHUNK_DOCUMENTS):
            processed = []
            for document in documents[first : first + STORE_CHUNK_DOCUMENTS]:
                item = self.pipeline.process(document)
                processed.append(item)
                for stage, ms in item.timings_ms.items():
                    timings[stage] = round(timings.get(stage, 0.0) + ms, 3)
            started = time.perf_counter()
            try:
                with self.database.session() as session, session.begin():
                    for item in processed:
                        stored = store_article(session, item, source, self.neardup_threshold)
                        results.append(
                            DocumentOutcome(
                                stored.status,
                                stored.article_id,
                                stored.content_hash,
                                item.document.title,
                                stored.near_duplicate_of,
                            )
                        )
            except (OperationalError, DBAPIError) as error:
                raise StoreUnavailableError(f"the database could not be written: {_first_line(error)}") from error
            store_ms += (time.perf_counter() - started) * 1000
        timings["store"] = round(store_ms, 3)
        status = next((s for s in STATUS_ORDER if any(r.status == s for r in results)), "duplicate")
        for result in results:
            log.info("%s article=%s source=%r", result.status, result.article_id, source.source)
        return InputOutcome(source=source.source, status=status, documents=results, timings_ms=timings)

    def reject(
        self,
        source: str,
        kind: str,
        error: IngestError,
        *,
        size: int | None = None,
        task_id: str | None = None,
        moved_to: str | None = None,
    ) -> InputOutcome:
        """Record a rejection with its reason and return the outcome that says so."""
        from worker.store.repository import record_rejection

        try:
            with self.database.session() as session, session.begin():
                record_rejection(
                    session,
                    source,
                    kind,
                    error.reason,
                    type(error).__name__,
                    size=size,
                    task_id=task_id,
                    moved_to=moved_to,
                )
        except (OperationalError, DBAPIError) as db_error:
            raise StoreUnavailableError(f"the rejection could not be recorded: {_first_line(db_error)}") from db_error
        log.warning("rejected source=%r reason=%s", source, error.reason)
        return InputOutcome(source=source, status="rejected", reason=error.reason, error_type=type(error).__name__)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
