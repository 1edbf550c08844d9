"""Opening inbox files beneath the inbox: links are followed only while they stay inside, even mid-swap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.link_swap import swapping
from worker.errors import IngestError, OutsideInboxError
from worker.ingest import read_input_file
from worker.sources.beneath import EscapesFolderError, open_beneath

SECRET = b"OUTSIDE-SECRET " * 8


def read_through(root: Path, path: Path) -> bytes:
    fd = open_beneath(root, path, os.O_RDONLY)
    try:
        return os.read(fd, 1 << 16)
    finally:
        os.close(fd)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "inside.txt").write_bytes(b"inside")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return folder


def test_links_inside_the_folder_are_followed(inbox: Path) -> None:
    os.symlink("sub/inside.txt", inbox / "relative-link.txt")
    os.symlink(inbox / "sub" / "inside.txt", inbox / "absolute-link.txt")
    os.symlink("../sub", inbox / "sub" / "loop-dir")
    assert read_through(inbox, inbox / "relative-link.txt") == b"inside"
    assert read_through(inbox, inbox / "absolute-link.txt") == b"inside"
    assert read_through(inbox, inbox / "sub/loop-dir/inside.txt") == b"inside"


@pytest.mark.parametrize(
    "make_link",
    [
        lambda inbox: os.symlink(inbox.parent / "secret.txt", inbox / "abs.txt") or "abs.txt",
        lambda inbox: os.symlink("../secret.txt", inbox / "rel.txt") or "rel.txt",
        lambda inbox: os.symlink("../../secret.txt", inbox / "sub" / "deep.txt") or "sub/deep.txt",
        lambda inbox: os.symlink(inbox.parent, inbox / "out-dir") or "out-dir/secret.txt",
        lambda inbox: os.symlink("sub/../../secret.txt", inbox / "dotdot.txt") or "dotdot.txt",
        lambda inbox: "../secret.txt",
    ],
    ids=["absolute", "relative", "from-subfolder", "folder-link", "dotdot-in-target", "dotdot-in-name"],
)
def test_links_out_of_the_folder_are_refused(inbox: Path, make_link) -> None:  # type: ignore[no-untyped-def]
    name = make_link(inbox)
    with pytest.raises(EscapesFolderError):
        read_through(inbox, inbox / name)
    with pytest.raises(OutsideInboxError):
        read_input_file(inbox / name, 1 << 20, inbox)


def test_link_loops_are_an_error_not_a_hang(inbox: Path) -> None:
    os.symlink("b", inbox / "a")
    os.symlink("a", inbox / "b")
    with pytest.raises(IngestError):
        read_input_file(inbox / "a", 1 << 20, inbox)


def test_a_name_swapped_to_a_link_never_yields_outside_bytes(inbox: Path) -> None:
    """The race of issue 15 §1: the old resolve-then-open read the outside file on ~2% of reads."""
    name = inbox / "swap.txt"
    outcomes = {"inside": 0, "outside": 0, "refused": 0}
    with swapping([name], inbox.parent / "secret.txt", lambda _name: b"Inside\n\n" + b"inside words " * 40):
        for _ in range(10_000):
            try:
                raw, _info = read_input_file(name, 1 << 20, inbox)
            except IngestError:
                outcomes["refused"] += 1
                continue
            outcomes["outside" if b"OUTSIDE-SECRET" in raw else "inside"] += 1
    assert outcomes["outside"] == 0, outcomes
    assert outcomes["inside"] > 0, outcomes  # the swap really raced the reads


def test_an_io_error_while_reading_is_a_rejection() -> None:
    """Issue 10 §1b: EIO escaped. /proc/self/mem is a regular file whose read at offset 0 fails with EIO."""
    with pytest.raises(IngestError, match="could not be read"):
        read_input_file(Path("/proc/self/mem"), 1 << 20)
