"""The symlink-swap race of issue 15 §1, for the tests that prove reads never leave the folder."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def swapping(names: list[Path], outside: Path, inside: Callable[[Path], bytes]) -> Iterator[None]:
    """A thread turns each name into a regular file (`inside(name)`), then into a link to `outside`, in a tight loop."""
    stop = threading.Event()
    contents = {name: inside(name) for name in names}

    def swap() -> None:
        while not stop.is_set():
            for name in names:
                try:
                    regular = name.with_name(".swap-regular")
                    regular.write_bytes(contents[name])
                    os.rename(regular, name)
                    link = name.with_name(".swap-link")
                    link.unlink(missing_ok=True)
                    os.symlink(outside, link)
                    os.rename(link, name)
                except OSError:
                    pass

    thread = threading.Thread(target=swap, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
