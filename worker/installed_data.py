"""Where the data folders kept at the repository root (schemas/, seeds/) are, in a checkout or an install.

They stay at the root (the project's layout), outside the `worker` package, so `importlib.resources` cannot
reach them: a checkout (and `pip install -e .`) has them beside the package, and a wheel installs them as
data files under <prefix>/share/newsworker (pyproject.toml, [tool.setuptools.data-files]).
"""

from __future__ import annotations

import sysconfig
from pathlib import Path


def installed_data_folder(name: str) -> Path | None:
    """The folder `name` (schemas, seeds) of the source checkout, else the installed copy; None if neither."""
    candidates = (
        Path(__file__).resolve().parents[1] / name,
        Path(sysconfig.get_path("data")) / "share" / "newsworker" / name,
    )
    return next((folder for folder in candidates if folder.is_dir()), None)
