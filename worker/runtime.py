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
        """Load the database engine, tagger and language model before the first task arrives."""
        from worker.pipeline.language import detect_language

        self.ingestor.pipeline.tagger.tag("Warm-up text about Paris and the United Nations.")
        detect_language("This sentence warms up the language identifier.")


_runtime: WorkerRuntime | None = None


def get_runtime() -> WorkerRuntime:
    """This process's runtime; a forked child gets its own (engines must not cross a fork)."""
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        _runtime = WorkerRuntime(settings=load_settings(), pid=os.getpid())
    return _runtime
