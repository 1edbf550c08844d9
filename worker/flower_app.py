"""The Celery app as Flower loads it (`celery -A worker.flower_app flower`): the newsworker app, with
Flower's `/metrics` page behind the same authentication as every other page.

Flower 2.0 serves `/metrics` to anyone, even with basic auth on (mher/flower#1342), and it has no
option to turn the page off. newsworker's own metrics (worker/metrics.py) are the ones to scrape.
"""

from __future__ import annotations

from tornado import web

from worker.celery_app import app

__all__ = ["app", "close_flower_metrics"]


def close_flower_metrics() -> None:
    """Make Flower's Metrics handler ask for credentials like its other pages (401 without them)."""
    from flower.views.monitor import Metrics

    if getattr(Metrics.get, "newsworker_authenticated", False):
        return
    guarded = web.authenticated(Metrics.get)
    guarded.newsworker_authenticated = True  # type: ignore[attr-defined]
    Metrics.get = guarded  # type: ignore[method-assign]


close_flower_metrics()
