"""The real-page corpus (990 pages from trafilatura's evaluation set), unpacked once into a cache outside the repo.

The tarball lives beside the project, in `../shared/corpus/` (see its README); it is never copied into the
repository. Tests and benchmarks call `unpack_real_corpus()` and get the folder with `pages/` and `evaldata.json`.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS_TARBALL = REPO / ".." / "shared" / "corpus" / "trafilatura-eval.tar.xz"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsworker" / "real-corpus"


@dataclass(frozen=True)
class RealPage:
    """One page of the corpus and the snippets its main text must and must not contain."""

    url: str
    path: Path
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


def unpack_real_corpus(cache: Path = DEFAULT_CACHE, tarball: Path = CORPUS_TARBALL) -> Path:
    """The unpacked `trafilatura-eval/` folder, unpacking the tarball into `cache` the first time.

    Raises FileNotFoundError when the tarball is absent (a checkout without ../shared beside it).
    """
    tarball = tarball.resolve()
    if not tarball.is_file():
        raise FileNotFoundError(f"the real corpus is not at {tarball} (see ../shared/corpus/README.md)")
    stamp = f"{tarball.stat().st_size}-{int(tarball.stat().st_mtime)}"
    folder = cache / "trafilatura-eval"
    done = cache / f".unpacked-{stamp}"
    if done.exists() and (folder / "evaldata.json").is_file():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".partial-{os.getpid()}"
    partial.mkdir(exist_ok=True)
    with tarfile.open(tarball, "r:xz") as archive:
        archive.extractall(partial, filter="data")  # "data": no absolute paths, links out, or devices
    unpacked = partial / "trafilatura-eval"
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    try:
        unpacked.rename(folder)  # atomic: a concurrent unpacker either wins or finds the folder there
    except OSError:
        if not (folder / "evaldata.json").is_file():
            raise
    done.touch()
    shutil.rmtree(partial, ignore_errors=True)
    return folder


def real_pages(folder: Path) -> list[RealPage]:
    """Every page of the corpus with its snippets, in file-name order."""
    evaldata = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages = [
        RealPage(
            url=url,
            path=folder / "pages" / item["file"],
            with_snippets=tuple(item.get("with") or ()),
            without_snippets=tuple(item.get("without") or ()),
        )
        for url, item in evaldata.items()
    ]
    return sorted(pages, key=lambda page: page.path.name)
