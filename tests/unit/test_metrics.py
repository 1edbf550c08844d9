"""The pieces of the metrics collector that need no database: histograms and counting each row once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from worker.metrics import OVERLAP, Histogram, IncrementalRows

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_histogram_buckets_are_cumulative() -> None:
    histogram = Histogram((0.1, 1.0))
    for value in (0.05, 0.5, 0.7, 3.0):
        histogram.observe(value)
    assert histogram.buckets() == [("0.1", 1.0), ("1.0", 3.0), ("+Inf", 4.0)]
    assert histogram.total == 4.25


def test_rows_read_again_in_the_overlap_are_not_counted_twice() -> None:
    rows = IncrementalRows()
    assert rows.since() is None  # the first scrape reads everything
    first = [("a", T0, 1), ("b", T0 + timedelta(seconds=5), 2)]
    assert list(rows.take(first)) == [1, 2]
    assert rows.since() == T0 + timedelta(seconds=5) - OVERLAP
    # The next scrape reads from the overlap: b again, and c, which committed late with an earlier time.
    again = [
        ("b", T0 + timedelta(seconds=5), 2),
        ("c", T0 + timedelta(seconds=3), 3),
        ("d", T0 + timedelta(seconds=9), 4),
    ]
    assert list(rows.take(again)) == [3, 4]


def test_naive_times_from_sqlite_count_as_utc() -> None:
    rows = IncrementalRows()
    assert list(rows.take([("a", datetime(2026, 1, 1), 1)])) == [1]
    assert rows.watermark == T0
