from pathlib import Path

import pytest

from worker.sources.watcher import StabilityTracker, is_ignored


@pytest.mark.parametrize(
    "name",
    [
        "story.html.part",
        "story.crdownload",
        "draft.txt~",
        ".hidden.html",
        "Thumbs.db",
        ".DS_Store",
        "~$report.docx",
        ".~lock.story.txt#",
        "upload.tmp",
        ".stfolder/x.html",
        ".sync/page.html",
        "@eaDir/page.html",
        "processed/old.html",
        "failed/bad.bin",
        "failed/bad.bin.reason.txt",
        "a/.git/config",
    ],
)
def test_junk_is_ignored(name: str) -> None:
    assert is_ignored(Path(name))


@pytest.mark.parametrize(
    "name", ["story.html", "feeds/world.rss", "2024/01/article.txt", "partial-view.html", "processed.txt"]
)
def test_real_files_are_taken(name: str) -> None:
    assert not is_ignored(Path(name))


def test_stability_needs_an_unchanged_file_for_the_delay() -> None:
    tracker = StabilityTracker(stable_seconds=1.0)
    path = Path("a.html")
    assert not tracker.observe(path, 10, 100, now=0.0)
    assert not tracker.observe(path, 10, 100, now=0.5)
    assert not tracker.observe(path, 20, 200, now=0.9)  # still being written: the clock restarts
    assert not tracker.observe(path, 20, 200, now=1.5)
    assert tracker.observe(path, 20, 200, now=1.95)


def test_zero_delay_takes_files_at_once() -> None:
    assert StabilityTracker(stable_seconds=0).observe(Path("x"), 1, 1, now=0.0)


def test_a_closed_file_needs_only_the_settle() -> None:
    tracker = StabilityTracker(stable_seconds=1.0, settle_seconds=0.1)
    path = Path("a.html")
    assert tracker.wait_left(path, 10, 100, now=0.0, closed=True) == pytest.approx(0.1)
    assert not tracker.observe(path, 10, 100, now=0.05, closed=True)
    assert tracker.observe(path, 10, 100, now=0.1, closed=True)
    assert not tracker.observe(path, 10, 100, now=0.1, closed=False)  # not known closed: the full delay


def test_a_settle_longer_than_the_delay_never_makes_a_file_wait_longer() -> None:
    tracker = StabilityTracker(stable_seconds=0.2, settle_seconds=5.0)
    assert tracker.wait_left(Path("b"), 1, 1, now=0.0, closed=True) == pytest.approx(0.2)
