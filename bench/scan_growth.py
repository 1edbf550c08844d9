"""How the tag scans grow with hostile input (issue 15 §10): `python -m bench.scan_growth`.

For 10k, 20k and 40k unterminated openings (`<meta ` in a page head, `<a` in a feed entry's HTML), times
the product's scan and, as the baseline in the same run, the pattern it replaced. Linear growth is about
x2 per doubling; quadratic is about x4. Prints a Markdown table; the ratios are what to read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from worker.pipeline import extract_html
from worker.pipeline.feeds import html_text

SIZES = (10_000, 20_000, 40_000)
OLD_HEAD_TAG = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)  # before the fix
OLD_FRAGMENT_TAG = re.compile(r"<[^>]*>")


def best_of(runs: int, scan: Callable[[str], object], text: str) -> float:
    """The fastest of `runs` scans of `text`, in seconds (the least disturbed by other processes)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        scan(text)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    cases: list[tuple[str, Callable[[str], object], Callable[[str], object], Callable[[int], str]]] = [
        (
            "head tags, unterminated `<meta `",
            lambda head: list(extract_html.head_tag_texts(head)),
            lambda head: OLD_HEAD_TAG.findall(head),
            lambda n: "<meta " * n,
        ),
        (
            "feed fragment text, unclosed `<a`",
            html_text,
            lambda fragment: OLD_FRAGMENT_TAG.sub(" ", fragment),
            lambda n: "<a" * n,
        ),
    ]
    print("| scan | openings | now (s) | before (s) | now: growth per doubling | before: growth per doubling |")
    print("|---|---|---|---|---|---|")
    for label, now, before, make in cases:
        previous: tuple[float, float] | None = None
        for size in SIZES:
            text = make(size)
            current = (best_of(3, now, text), best_of(1, before, text))
            growth = (f"x{current[0] / previous[0]:.1f}", f"x{current[1] / previous[1]:.1f}") if previous else ("", "")
            print(f"| {label} | {size:,} | {current[0]:.4f} | {current[1]:.3f} | {growth[0]} | {growth[1]} |")
            previous = current
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
