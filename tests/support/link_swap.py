"""The symlink-swap race of issue 15 §1, for the tests that prove reads never leave the folder."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def swapping(
    names: list[Path], outside: Path, inside: Callable[[Path], bytes], hold_each_state: float = 0.0
) -> Iterator[None]:
    """A thread turns each name into a regular file (`inside(name)`), then into a link to `outside`, in a tight loop.

    `hold_each_state` seconds in each state let a slow reader (a whole `ingest` run on a loaded machine) see inside
    files as well, so a test can show that something was read; the switches still land anywhere in a read.
    """
    stop = threading.Event()
    contents = {name: inside(name) for name in names}

    def make_regular(name: Path) -> None:
        regular = name.with_name(".swap-regular")
        regular.write_bytes(contents[name])
        os.rename(regular, name)

    def make_link(name: Path) -> None:
        link = name.with_name(".swap-link")
        link.unlink(missing_ok=True)
        os.symlink(outside, link)
        os.rename(link, name)

    def swap() -> None:
        while not stop.is_set():
            # Every name regular, then every name a link: with `hold_each_state` > 0 each state lasts that long
            # (about half the time each), and the switches between them land at any moment of a read.
            for place in (make_regular, make_link):
                for name in names:
                    try:
                        place(name)
                    except OSError:
                        pass
                if hold_each_state:
                    time.sleep(hold_each_state)

    thread = threading.Thread(target=swap, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
