"""One exception hierarchy for everything that can go wrong with an input.

Every rejection stored in the database carries `reason`, so it must be a sentence a person can read.
"""


class IngestError(Exception):
    """Base: an input that could not be ingested; `reason` is a sentence a person can read."""

    transient: bool = False  # True: retry later (network, database busy); False: reject now
    status_label: str = "error"  # the short status `feeds list` shows when a feed's poll fails with it

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchError(IngestError):
    """Something fetched over HTTP could not be had."""


class UnreadableInputError(IngestError):
    """The bytes could not be read or decoded (missing file, binary, bad encoding)."""


class FileGoneError(UnreadableInputError):
    """The file was deleted or moved between being sent and being read (perhaps by another task for it)."""


class EmptyInputError(IngestError):
    """The input holds no text worth storing."""


class UnsupportedInputError(IngestError):
    """The input is of a kind newsworker does not ingest."""


class InputTooLargeError(IngestError):
    """The input is over the configured size limit."""


class OutsideInboxError(IngestError):
    """A path that resolves outside the watched folder (symlink, `..`)."""


class StoreUnavailableError(IngestError):
    """The database could not be written right now; the task will be retried."""

    transient = True


class StoreDataError(IngestError):
    """The database refused a value of this one input (too long, a NUL, over an index's limit): retrying
    cannot help, so the input is rejected with the database's reason."""


class InboxNotVisibleError(IngestError):
    """A file task reached a worker that cannot see the inbox it came from; it is sent back, never rejected."""

    transient = True


class SendInterrupted(Exception):  # noqa: N818 - not an input's error: a batch of sends that stopped part-way
    """The broker failed part-way through a batch of tasks: the first `len(task_ids)` were sent (and recorded)."""

    def __init__(self, task_ids: list[str], cause: Exception) -> None:
        super().__init__(f"sent {len(task_ids)} before the broker failed: {cause}")
        self.task_ids = task_ids
        self.cause = cause
