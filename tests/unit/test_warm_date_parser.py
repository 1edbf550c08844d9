"""The worker builds dateparser's locales once before its pool forks (worker/runtime.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_warming_the_date_parser_loads_every_locale_htmldate_may_try() -> None:
    # A fresh interpreter: another test may have loaded locales in this one already.
    code = (
        "from dateparser.languages.loader import default_loader as loader\n"
        "before = len(loader._loaded_locales)\n"
        "from worker.runtime import warm_date_parser\n"
        "warm_date_parser()\n"
        "print(before, len(loader._loaded_locales))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after = map(int, done.stdout.split())
    assert before == 0 and after >= 200
