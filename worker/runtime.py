"""Per-process resources for Celery workers: made once per worker process, never per task."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from worker.config import Settings, load_settings
from worker.ingest import Ingestor


@dataclass
class WorkerRuntime:
    settings: Settings
    pid: int

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(self.settings)

    def warm_up(self) -> None:
        """Load the tagger, language model, date parser and HTML extractor before the first task arrives.

        Loaded lazily, they cost the first task of each process about a second (dateparser alone most of it).
        """
        from datetime import UTC, datetime

        from worker.pipeline.document import SourceInfo
        from worker.pipeline.extract import extract_documents
        from worker.pipeline.language import detect_language

        self.ingestor.pipeline.tagger.tag("Warm-up text about Paris and the United Nations.")
        detect_language("This sentence warms up the language identifier.")
        source = SourceInfo(source="warm-up", kind="file", modified_at=datetime.now(UTC))
        body = "The council met in Paris on Monday to discuss the budget for the coming year. " * 4
        extract_documents(f"Warm-up\n\nJane Doe\nOctober 25, 2022\n\n{body}\n".encode(), source)
        page = f"<html><head><title>Warm-up</title></head><body><article><p>{body}</p></article></body></html>"
        extract_documents(page.encode(), source)


_runtime: WorkerRuntime | None = None


def get_runtime() -> WorkerRuntime:
    """This process's runtime; a forked child gets its own (engines must not cross a fork)."""
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        _runtime = WorkerRuntime(settings=load_settings(), pid=os.getpid())
    return _runtime
