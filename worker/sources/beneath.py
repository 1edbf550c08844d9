"""Open a file beneath a folder without ever following a link out of it, even while names are swapped.

Checking `path.resolve()` and then opening the name races: between the two, anyone who can write to
the inbox can turn the name into a link to a file outside. Here every component is opened relative
to the descriptor of its parent with O_NOFOLLOW, links are followed by hand (their targets walked the
same way, `..` never above the folder), and what is returned is the descriptor actually opened.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

MAX_LINK_HOPS = 40  # the kernel's own limit (ELOOP) on links followed in one lookup

_DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class EscapesFolderError(OSError):
    """The path, or a link on the way, leads outside the folder; `where` says to what, as far as known."""

    def __init__(self, where: str) -> None:
        super().__init__(errno.EXDEV, f"leads outside the folder (to {where})")
        self.where = where


def _relative_part(root: Path, path: Path) -> Path:
    """`path` relative to `root`, however either is spelled (relative, or through a linked parent of root)."""
    absolute = Path(os.path.abspath(path))  # a relative path is relative to the working folder, as for open()
    for spelling in (Path(os.path.abspath(root)), Path(os.path.realpath(root))):
        if absolute.is_relative_to(spelling):
            return absolute.relative_to(spelling)
    real_parent = Path(os.path.realpath(absolute.parent)) / absolute.name  # the name itself is never resolved
    if real_parent.is_relative_to(os.path.realpath(root)):
        return real_parent.relative_to(os.path.realpath(root))
    raise EscapesFolderError(str(absolute))


def open_beneath(root: Path, path: Path, flags: int) -> int:
    """A descriptor for `path` opened with `flags`, resolved strictly inside `root`.

    `path` is under `root`, absolute or relative to the working folder (as for open()). Links inside the folder are followed; a link
    (or `..`) that would leave it raises EscapesFolderError. Other failures raise the usual OSError
    (FileNotFoundError, PermissionError, ELOOP for too many links...).
    """
    relative = _relative_part(root, path)
    root = Path(os.path.realpath(root))  # absolute link targets are compared with the real folder
    pending = list(reversed(relative.parts))  # a stack: the next component is at the end
    stack = [os.open(root, _DIRECTORY_FLAGS)]  # the descriptors of root and each folder below it
    hops = 0
    try:
        while pending:
            name = pending.pop()
            if name in ("", "."):
                continue
            if name == "..":
                if len(stack) == 1:
                    raise EscapesFolderError(f"{root}/..")
                os.close(stack.pop())
                continue
            last = not pending
            try:
                fd = os.open(name, (flags if last else _DIRECTORY_FLAGS) | os.O_NOFOLLOW, dir_fd=stack[-1])
            except OSError as error:
                # O_NOFOLLOW on a link fails with ELOOP (or ENOTDIR with O_DIRECTORY): follow it by hand.
                if error.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise
                try:
                    target = os.readlink(name, dir_fd=stack[-1])
                except OSError:
                    raise error from None  # not a link after all: the real failure
                hops += 1
                if hops > MAX_LINK_HOPS:
                    raise OSError(errno.ELOOP, "too many levels of symbolic links") from None
                if os.path.isabs(target):
                    try:
                        inside = Path(os.path.normpath(target)).relative_to(root)
                    except ValueError:
                        raise EscapesFolderError(target) from None
                    while len(stack) > 1:
                        os.close(stack.pop())
                    pending.extend(reversed(inside.parts))
                else:
                    pending.extend(reversed(Path(target).parts))
                continue
            if last:
                return fd
            stack.append(fd)
        raise IsADirectoryError(errno.EISDIR, "the path is the folder itself")
    finally:
        for fd in stack:
            os.close(fd)
