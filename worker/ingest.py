"""Ingestion of one input, shared by the command line and the Celery tasks.

Reads the bytes, runs the pure pipeline, stores the result, and records a rejection with its reason
when the input cannot be ingested. An unexpected exception in any stage (our bug, not bad input) is
contained: the input ends as an `error` with its stage, exception and traceback, and can be retried
after an upgrade (`newsworker retry`). Transient failures (database busy or unreachable) are raised,
not recorded, so the caller can retry them.
"""

from __future__ import annotations

import logging
import os
import stat
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from worker.config import Settings
from worker.errors import (
    FileGoneError,
    IngestError,
    InputTooLargeError,
    OutsideInboxError,
    StoreUnavailableError,
    UnreadableInputError,
)
from worker.pipeline.document import ExtractedDocument, SourceInfo
from worker.pipeline.extract import extract_documents
from worker.pipeline.sniff import sniff_kind
from worker.sources.beneath import EscapesFolderError, open_beneath
from worker.states import DOCUMENT_OUTCOME_ORDER, Outcome
from worker.store.db import Database
from worker.store.errors import store_errors

if TYPE_CHECKING:
    from worker.pipeline.neardup import CandidateBounds
    from worker.pipeline.process import Pipeline

log = logging.getLogger(__name__)

# Run by the caller in the transaction that records an input's outcome (the task's history row and the
# inbox ledger), so that an outcome and its bookkeeping commit together.
Finish = Callable[[Session, "InputOutcome"], None]


def package_version() -> str:
    """The installed newsworker version, recorded with each internal error."""
    from importlib import metadata

    try:
        return metadata.version("newsworker")
    except metadata.PackageNotFoundError:
        return "0+unknown"


# The stage an unexpected exception came from, by the pipeline module of its innermost frame.
STAGE_OF_MODULE = {
    "sniff": "sniff",
    "decode": "decode",
    "extract": "extract",
    "extract_html": "extract",
    "extract_text": "extract",
    "document": "extract",
    "feeds": "extract",
    "language": "language",
    "fingerprint": "hash",
    "words": "hash",
    "neardup": "fingerprint",
    "entities": "tag",
}


@dataclass(frozen=True)
class InputFailure:
    """An internal error while handling one input: where, what, which version, and the traceback."""

    stage: str
    error_type: str
    message: str
    version: str
    traceback: str | None = None

    @classmethod
    def of(cls, error: BaseException, stage: str) -> InputFailure:
        """The failure for an exception caught in a coarse stage (read, extract, process, store), refined to
        the pipeline module it was raised in."""
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            parts = Path(frame.filename).parts
            if "pipeline" not in parts:
                continue  # a library's frame (trafilatura, a tagger of its own): the stage is its caller's
            inside = parts[parts.index("pipeline") + 1 :]
            if inside[:1] == ("entities",):
                stage = "tag"
            elif inside == ("process.py",):  # hash, fingerprint and tag are called from one method
                line = frame.line or ""
                stage = (
                    "tag"
                    if "tag" in line
                    else "fingerprint"
                    if "band_keys" in line or "fingerprint(" in line
                    else "hash"
                )
            else:
                stage = STAGE_OF_MODULE.get(Path(frame.filename).stem, stage)
            break
        message = str(error).strip()
        if type(error).__name__ == "SoftTimeLimitExceeded":  # Celery's soft time limit, raised inside the stage
            message = "the input took longer than the task's time limit"
        text = "".join(traceback.format_exception(error))
        return cls(stage, type(error).__name__, (message or "(no message)")[:2000], package_version(), text)

    @property
    def reason(self) -> str:
        """One line for people: what failed, where, and in which version."""
        return f"internal error in {self.stage}: {self.error_type}: {self.message} (newsworker {self.version})"

    def report(self) -> str:
        """The text of a failed file's `.reason.txt`."""
        return (
            f"internal error (newsworker's bug, not bad input: `newsworker retry` runs it again)\n"
            f"stage: {self.stage}\nerror: {self.error_type}: {self.message}\nversion: {self.version}\n\n"
            f"{self.traceback or ''}"
        )


@dataclass
class DocumentOutcome:
    status: Outcome  # stored, duplicate or near-duplicate
    article_id: int
    content_hash: str
    title: str | None
    near_duplicate_of: int | None = None


@dataclass
class InputOutcome:
    """What became of one input (a file or URL): its documents, the reason it was rejected, or the internal
    error it hit."""

    source: str
    status: Outcome  # with documents: the "best" of theirs (DOCUMENT_OUTCOME_ORDER)
    documents: list[DocumentOutcome] = field(default_factory=list)
    reason: str | None = None
    error_type: str | None = None
    content_hash: str | None = None  # of the raw bytes, for the watcher's ledger
    timings_ms: dict[str, float] = field(default_factory=dict)
    failure: InputFailure | None = None  # set when status is Outcome.ERROR
    article_id: int | None = None  # without documents: the article an earlier delivery stored

    @property
    def first_article_id(self) -> int | None:
        return self.documents[0].article_id if self.documents else self.article_id

    def summary(self) -> dict[str, Any]:
        """The small task-result record (schemas/task-result.schema.json)."""
        first = self.documents[0] if self.documents else None
        return {
            "source": self.source,
            "status": self.status,
            "article_id": self.first_article_id,
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
        raise FileGoneError("the file no longer exists (deleted or moved before it was read)") from error
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

    if settings.tagger_factory:  # NEWSWORKER_TAGGER=module:factory
        import importlib

        module_name, _, factory_name = settings.tagger_factory.partition(":")
        tagger = getattr(importlib.import_module(module_name), factory_name or "make_tagger")()
    else:
        tagger = load_tagger(settings.spacy_model)
    return Pipeline(tagger=tagger, neardup=NearDupSettings())


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

    @cached_property
    def candidate_bounds(self) -> CandidateBounds:
        from worker.pipeline.neardup import CandidateBounds

        return CandidateBounds(window_seconds=self.settings.neardup_window, per_key=self.settings.neardup_per_key)

    def ingest_file(
        self,
        path: Path,
        *,
        inbox: Path | None = None,
        task_id: str | None = None,
        source_name: str | None = None,
        moved_to: str | None = None,
        finish: Finish | None = None,
        when_gone: Callable[[], InputOutcome | None] | None = None,
    ) -> InputOutcome:
        """Read, extract, process and store one file; a bad file becomes a recorded rejection, and an internal
        error a recorded error. `moved_to` is where the caller will set the file aside if it is not stored;
        `finish` runs in the transaction that records the outcome. `when_gone` is asked, when the file has
        vanished before it was read, whether another task handled it: its outcome, if any, is returned as is."""
        source_name = source_name or display_path(path)
        started = time.perf_counter()
        try:
            raw, info = read_input_file(path, self.settings.max_file_bytes, inbox)
        except StoreUnavailableError:
            raise
        except FileGoneError as error:
            handled = when_gone() if when_gone is not None else None
            if handled is not None:
                return handled
            return self.reject(source_name, "file", error, task_id=task_id, moved_to=moved_to, finish=finish)
        except IngestError as error:
            return self.reject(source_name, "file", error, task_id=task_id, moved_to=moved_to, finish=finish)
        except Exception as error:  # noqa: BLE001 - contained: one input's bug must not stop the batch
            failure = InputFailure.of(error, "read")
            return self.record_error(source_name, "file", failure, task_id=task_id, moved_to=moved_to, finish=finish)
        source = SourceInfo(source=source_name, kind="file", modified_at=datetime.fromtimestamp(info.st_mtime, UTC))
        outcome = self.ingest_bytes(raw, source, task_id=task_id, moved_to=moved_to, finish=finish)
        total_ms = (time.perf_counter() - started) * 1000
        outcome.timings_ms["read"] = round(max(0.0, total_ms - sum(outcome.timings_ms.values())), 3)
        return outcome

    def ingest_bytes(
        self,
        raw: bytes,
        source: SourceInfo,
        *,
        task_id: str | None = None,
        moved_to: str | None = None,
        finish: Finish | None = None,
    ) -> InputOutcome:
        """Extract and store every document in the bytes."""
        import hashlib

        raw_hash = hashlib.sha256(raw).hexdigest()
        started = time.perf_counter()
        recording: dict[str, Any] = {"task_id": task_id, "moved_to": moved_to, "finish": finish}
        try:
            kind = sniff_kind(raw, source.source)  # once: the kind decides what the bytes become
            if kind == "opml":  # a list of feeds, not an article: its feeds join the polled list
                outcome = self.import_feed_list(raw, source, task_id=task_id)
                outcome.content_hash = raw_hash
                return outcome
            documents = extract_documents(raw, source, kind=kind)
        except StoreUnavailableError:
            raise
        except IngestError as error:
            outcome = self.reject(source.source, source.kind, error, size=len(raw), **recording)
        except RecursionError:
            nested = UnreadableInputError("the document is nested too deeply to parse")
            outcome = self.reject(source.source, source.kind, nested, size=len(raw), **recording)
        except Exception as error:  # noqa: BLE001 - contained: one input's bug must not stop the batch
            outcome = self.record_error(source.source, source.kind, InputFailure.of(error, "extract"), **recording)
        else:
            extract_ms = round((time.perf_counter() - started) * 1000, 3)
            # Passed in, so that the history row written in the store's transaction has it too (metrics read it).
            outcome = self.store_documents(
                documents, source, size=len(raw), timings={"extract": extract_ms}, **recording
            )
        outcome.content_hash = raw_hash
        return outcome

    def import_feed_list(self, raw: bytes, source: SourceInfo, *, task_id: str | None = None) -> InputOutcome:
        """An OPML file from the inbox (or a URL): its feeds join the polled list; feeds already there stay as
        they are."""
        from worker.feeds import FeedListError, import_opml_specs, specs_from_opml

        try:
            specs = specs_from_opml(raw)
        except FeedListError as error:
            return self.reject(
                source.source, source.kind, UnreadableInputError(str(error)), size=len(raw), task_id=task_id
            )
        report = import_opml_specs(
            self.database, specs, self.settings.feed_default_every, self.settings.max_feeds_per_list
        )
        log.info("imported feeds source=%r: %s", source.source, report.summary())
        return InputOutcome(source=source.source, status=Outcome.IMPORTED, reason=f"an OPML list: {report.summary()}")

    def store_documents(
        self,
        documents: list[ExtractedDocument],
        source: SourceInfo,
        *,
        size: int | None = None,
        task_id: str | None = None,
        moved_to: str | None = None,
        finish: Finish | None = None,
        entry_id: int | None = None,
        timings: dict[str, float] | None = None,
    ) -> InputOutcome:
        """Process and store extracted documents, STORE_CHUNK_DOCUMENTS per transaction; raises
        StoreUnavailableError to retry. `timings` are the stages before this one (extract), in milliseconds.

        Chunks bound a 5,000-entry feed file's transaction size and memory; a retry after a partial store
        finds the stored chunks as duplicates. The last chunk's transaction also records the outcome
        (`finish`). A value the database refuses rejects the input; an unexpected exception records an error.
        """
        from worker.store.repository import clear_input_error, store_article

        recording: dict[str, Any] = {"task_id": task_id, "moved_to": moved_to, "finish": finish}
        timings = dict(timings or {})
        results: list[DocumentOutcome] = []
        chunks = [
            documents[first : first + STORE_CHUNK_DOCUMENTS]
            for first in range(0, len(documents), STORE_CHUNK_DOCUMENTS)
        ]
        chunks = chunks or [[]]
        store_ms = 0.0
        stage = "process"
        try:
            for number, chunk in enumerate(chunks, start=1):
                stage = "process"
                processed = [self.pipeline.process(document) for document in chunk]
                for item in processed:
                    for name, ms in item.timings_ms.items():
                        timings[name] = round(timings.get(name, 0.0) + ms, 3)
                stage = "store"
                started = time.perf_counter()
                with (
                    store_errors("the article could not be stored"),
                    self.database.session() as session,
                    session.begin(),
                ):
                    for item in processed:
                        stored = store_article(
                            session, item, source, self.neardup_threshold, self.candidate_bounds, task_id=task_id
                        )
                        results.append(
                            DocumentOutcome(
                                stored.status,
                                stored.article_id,
                                stored.content_hash,
                                item.document.title,
                                stored.near_duplicate_of,
                            )
                        )
                    if number == len(chunks):
                        timings["store"] = round(store_ms + (time.perf_counter() - started) * 1000, 3)
                        status = next(
                            (s for s in DOCUMENT_OUTCOME_ORDER if any(r.status == s for r in results)),
                            Outcome.DUPLICATE,
                        )
                        outcome = InputOutcome(
                            source=source.source, status=status, documents=results, timings_ms=timings
                        )
                        clear_input_error(session, source.source)
                        if finish is not None:
                            finish(session, outcome)
                store_ms += (time.perf_counter() - started) * 1000
        except StoreUnavailableError:
            raise
        except IngestError as error:  # a value the database refused (StoreDataError), or bad input
            return self.reject(source.source, source.kind, error, size=size, **recording)
        except Exception as error:  # noqa: BLE001 - contained: one input's bug must not stop the batch
            failure = InputFailure.of(error, stage)
            return self.record_error(source.source, source.kind, failure, entry_id=entry_id, **recording)
        for result in results:
            log.info("%s article=%s source=%r", result.status, result.article_id, source.source)
        return outcome

    def reject(
        self,
        source: str,
        kind: str,
        error: IngestError,
        *,
        size: int | None = None,
        task_id: str | None = None,
        moved_to: str | None = None,
        finish: Finish | None = None,
    ) -> InputOutcome:
        """Record a rejection with its reason and return the outcome that says so."""
        from worker.store.repository import clear_input_error, record_rejection

        outcome = InputOutcome(
            source=source, status=Outcome.REJECTED, reason=error.reason, error_type=type(error).__name__
        )
        with store_errors("the rejection could not be recorded"), self.database.session() as session, session.begin():
            record_rejection(
                session, source, kind, error.reason, type(error).__name__, size=size, task_id=task_id, moved_to=moved_to
            )
            clear_input_error(session, source)
            if finish is not None:
                finish(session, outcome)
        log.warning("rejected source=%r reason=%s", source, error.reason)
        return outcome

    def record_error(
        self,
        source: str,
        kind: str,
        failure: InputFailure,
        *,
        task_id: str | None = None,
        moved_to: str | None = None,
        finish: Finish | None = None,
        entry_id: int | None = None,
    ) -> InputOutcome:
        """Record an internal error of one input (kept for `newsworker retry`) and return the outcome that says so."""
        from worker.store.repository import record_input_error

        outcome = InputOutcome(
            source=source, status=Outcome.ERROR, reason=failure.reason, error_type=failure.error_type, failure=failure
        )
        log.error("internal error source=%r stage=%s: %s\n%s", source, failure.stage, failure.reason, failure.traceback)
        with store_errors("the error could not be recorded"), self.database.session() as session, session.begin():
            record_input_error(
                session,
                source,
                INPUT_KIND_OF_SOURCE.get(kind, kind),
                failure,
                task_id=task_id,
                moved_to=moved_to,
                entry_id=entry_id,
            )
            if finish is not None:
                finish(session, outcome)
        return outcome


# The kind of input an error is listed (and retried) as: a feed's sighting is a feed entry.
INPUT_KIND_OF_SOURCE = {"feed": "entry"}
