"""The data folders kept at the repository root (schemas/, seeds/), found through importlib.resources.

They stay at the root (the project's layout); `worker/data/schemas` and `worker/data/seeds` are links to them,
so a checkout, `pip install -e .` and a wheel (which copies the linked files in) all find them as package data.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def installed_data_folder(name: str) -> Path | None:
    """The package data folder `name` (schemas, seeds) as a path on disk; None if it is not installed."""
    folder = Path(str(files("worker").joinpath("data", name)))
    return folder if folder.is_dir() else None
