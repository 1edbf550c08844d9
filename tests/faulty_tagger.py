"""A tagger with a bug on purpose, for tests of the contained-error path, set with
NEWSWORKER_TAGGER=tests.faulty_tagger:make_tagger (no product code is patched).

On a text containing MARKER it raises KeyError, like the tagger bug of issue 10, or, by
NEWSWORKER_FAULTY_TAGGER_MODE: `kill` kills its own process (a C library's crash), `transient` raises the
error of a database that stays busy, `slow` sleeps for a minute (an input that pins its worker). Once the file named by
NEWSWORKER_FAULTY_TAGGER_FIXED exists, the "fixed release" is installed: it tags like the built-in tagger.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from worker.errors import StoreUnavailableError
from worker.pipeline.entities import EntityCount
from worker.pipeline.entities.builtin import BuiltinTagger

MARKER = "Zorblaxian"


class FaultyTagger:
    backend = "faulty-test-tagger"

    def __init__(self) -> None:
        self.inner = BuiltinTagger()

    def supports(self, language: str | None) -> bool:
        return self.inner.supports(language)

    def tag(self, text: str, title: str | None = None, **options: Any) -> list[EntityCount]:
        fixed = os.environ.get("NEWSWORKER_FAULTY_TAGGER_FIXED")
        if MARKER in text and not (fixed and os.path.exists(fixed)):
            mode = os.environ.get("NEWSWORKER_FAULTY_TAGGER_MODE")
            if mode == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if mode == "transient":
                raise StoreUnavailableError("the database is busy (a test fault that never clears)")
            if mode == "slow":
                time.sleep(60)
            raise KeyError(MARKER.lower())
        return self.inner.tag(text, title=title, **options)


def make_tagger() -> FaultyTagger:
    return FaultyTagger()
