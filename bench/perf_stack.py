"""The full stack: files dropped into the watched folder, through Redis, to stored rows.

Throughput: N pages dropped at once into the inbox of a running stack (redis-server, `celery worker` with W pool
processes, the watcher), against W times the bare trafilatura loop's pages/s measured in this process just
before and just after (their mean). Latency: one page at a time into the idle stack, from the moment the file is
closed to the moment its task is finished in ingest_tasks (the article row is committed just before), split into
watcher (drop -> queued_at), broker (queued_at -> started_at) and task (started_at -> finished_at).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from bench.perf_common import Stack, bare_seconds, log, parallel_bare_pages_per_s, summary, task_rows
from bench.perf_extraction import write_pages

STAGES = ("read", "extract", "hash", "neardup_fingerprint", "tag", "store")


def drop(source: Path, inbox: Path) -> float:
    """Copy a page into the inbox as a finished file; returns the wall-clock time it was complete."""
    target = inbox / source.name
    target.write_bytes(source.read_bytes())
    return time.time()


def wait_finished(engine: Any, expected: int, timeout: float, seen: set[str] | None = None) -> list[dict[str, Any]]:
    """Poll ingest_tasks until `expected` new tasks are finished (or failed); returns their rows."""
    deadline = time.monotonic() + timeout
    rows: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        rows = [r for r in task_rows(engine, seen) if r["state"] in ("finished", "failed")]
        if len(rows) >= expected:
            return rows
        time.sleep(0.05)
    raise TimeoutError(f"{len(rows)} of {expected} tasks finished after {timeout:.0f} s")


def _task_stage_ms(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Mean per-task stage times (from the timings the task recorded) and the task's own overhead."""
    import json

    totals: dict[str, float] = {}
    overhead = 0.0
    for row in rows:
        timings = row["timings"]
        if isinstance(timings, str):
            timings = json.loads(timings)
        timings = timings or {}
        for stage, ms in timings.items():
            totals[stage] = totals.get(stage, 0.0) + float(ms)
        task_ms = (row["finished_at"] - row["started_at"]).total_seconds() * 1000
        overhead += task_ms - sum(float(ms) for ms in timings.values())
    n = max(1, len(rows))
    result = {stage: round(ms / n, 2) for stage, ms in totals.items()}
    result["task_overhead"] = round(overhead / n, 2)  # history rows, ledger, set-aside, Celery around the ingest
    return result


def run_stack(
    workdir: Path, pages: int, concurrency: int, seed: int, bare_pages: int, latency_drops: dict[float, int]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Throughput, then latency, on one stack (W pool processes, SQLite, the watcher)."""
    with Stack(workdir / "stack", concurrency=concurrency) as stack:
        throughput = run_throughput(stack, workdir, pages, seed, bare_pages)
        stack.stop_watcher()
        latency = run_latency(stack, workdir, latency_drops, seed + 1)
    return throughput, latency


def run_throughput(stack: Stack, workdir: Path, pages: int, seed: int, bare_pages: int) -> dict[str, Any]:
    """Pages/s from drop to stored rows with the stack's W workers, against W x the bare loop."""
    import psutil

    concurrency = stack.concurrency
    corpus = write_pages(workdir / "corpus", pages, seed)
    warm = write_pages(workdir / "warm", 2 * concurrency, seed, first=pages)
    sample = corpus[:bare_pages]
    engine = create_engine(stack.database_url)
    for path in warm:  # every pool process takes a task or two before the clock starts
        drop(path, stack.inbox)
    wait_finished(engine, len(warm), 120)
    seen = {row["task_id"] for row in task_rows(engine)}
    bare_before = len(sample) / bare_seconds(sample)
    processes = {
        "celery main": psutil.Process(stack.procs["worker"].pid),
        "watcher": psutil.Process(stack.procs["watcher"].pid),
        "redis-server": psutil.Process(stack.redis.process.pid),
        "benchmark (polling)": psutil.Process(),
        **{f"pool process {i + 1}": psutil.Process(pid) for i, pid in enumerate(stack.pool_pids())},
    }
    cpu_before = {name: sum(process.cpu_times()[:2]) for name, process in processes.items()}
    machine_before = psutil.cpu_times()
    started_wall = time.time()
    for path in corpus:
        drop(path, stack.inbox)
    dropped_wall = time.time()
    rows = wait_finished(engine, len(corpus), 60 + 5 * len(corpus), seen)
    done_wall = time.time()
    cpu = {name: round(sum(process.cpu_times()[:2]) - cpu_before[name], 2) for name, process in processes.items()}
    machine_after = psutil.cpu_times()
    busy = sum(machine_after[:3]) - sum(machine_before[:3])  # user, nice, system: every process on the machine
    bare_after = len(sample) / bare_seconds(sample)
    load = os.getloadavg()[0]
    parallel = parallel_bare_pages_per_s(sample, concurrency)
    engine.dispose()
    first_start = min(r["started_at"] for r in rows)
    last_finish = max(r["finished_at"] for r in rows)
    sustained = len(rows) / (last_finish - first_start).total_seconds()
    end_to_end = len(rows) / (last_finish.timestamp() - started_wall)
    bare = (bare_before + bare_after) / 2
    queue_ms = [(r["started_at"] - r["queued_at"]).total_seconds() * 1000 for r in rows]
    log(f"stack W={concurrency}: {sustained:.1f} pages/s sustained, bare {bare:.1f} pages/s per process")
    wall = done_wall - started_wall
    return {
        "pages": len(rows),
        "concurrency": concurrency,
        "outcomes": _count(r["outcome"] for r in rows),
        "sustained_pages_per_s": round(sustained, 2),
        "end_to_end_pages_per_s": round(end_to_end, 2),
        "bare_pages_per_s_before_after": [round(bare_before, 2), round(bare_after, 2)],
        "baseline_pages_per_s": round(concurrency * bare, 2),
        "ratio": round(sustained / (concurrency * bare), 3),
        "ratio_end_to_end": round(end_to_end / (concurrency * bare), 3),
        # The same W bare loops run at once, in W processes: what this machine, as loaded now, gives W busy
        # processes. The stack has the watcher, redis-server and the celery main process besides.
        "parallel_bare_pages_per_s": round(parallel, 2),
        "ratio_to_parallel_bare": round(sustained / parallel, 3),
        "load_average_1min_after": round(load, 2),
        "cpu_seconds": cpu,
        "cpu_seconds_machine": round(busy, 2),
        "cpu_seconds_available": round(wall * (os.cpu_count() or 1), 2),
        "cpu_ms_per_page_in_pool": round(sum(v for k, v in cpu.items() if k.startswith("pool")) / len(rows) * 1000, 1),
        "drop_seconds": round(dropped_wall - started_wall, 2),
        "wall_seconds": round(wall, 2),
        "task_stage_ms": _task_stage_ms(rows),
        "queue_wait_ms": summary(queue_ms),
    }


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


def run_latency(stack: Stack, workdir: Path, drops: dict[float, int], seed: int) -> dict[str, Any]:
    """Drop -> committed latency, one page at a time into the idle stack, for each watcher stability delay
    (`drops` maps the delay to the number of drops)."""
    pages = write_pages(workdir / "latency", sum(drops.values()) + len(drops), seed)
    results: dict[str, Any] = {}
    engine = create_engine(stack.database_url)
    cursor = 0
    for delay, count in drops.items():
        stack.start_watcher(stable_seconds=delay)
        seen = {row["task_id"] for row in task_rows(engine)}
        drop(pages[cursor], stack.inbox)  # not counted: the watcher is watching, the pool processes are warm
        cursor += 1
        wait_finished(engine, 1, 120, seen)
        samples = []
        for _ in range(count):
            time.sleep(0.2)  # idle before each drop
            seen = {row["task_id"] for row in task_rows(engine)}
            dropped = drop(pages[cursor], stack.inbox)
            cursor += 1
            (row,) = wait_finished(engine, 1, 60, seen)
            samples.append(_split(row, dropped))
        stack.stop_watcher()
        key = f"{delay:g}"
        results[key] = {
            "stable_seconds": delay,
            "total_s": summary([s["total"] for s in samples]),
            "watcher_s": summary([s["watcher"] for s in samples]),
            "broker_s": summary([s["broker"] for s in samples]),
            "task_s": summary([s["task"] for s in samples]),
            "task_stage_ms": _task_stage_ms([s["row"] for s in samples]),
        }
        log(
            f"latency at NEWSWORKER_STABLE_SECONDS={key}: p50 {results[key]['total_s']['p50']:.3f} s, "
            f"p99 {results[key]['total_s']['p99']:.3f} s over {count} drops"
        )
    engine.dispose()
    return results


def _split(row: dict[str, Any], dropped: float) -> dict[str, Any]:
    dropped_at = datetime.fromtimestamp(dropped, UTC)
    return {
        "total": (row["finished_at"] - dropped_at).total_seconds(),
        "watcher": (row["queued_at"] - dropped_at).total_seconds(),
        "broker": (row["started_at"] - row["queued_at"]).total_seconds(),
        "task": (row["finished_at"] - row["started_at"]).total_seconds(),
        "row": row,
    }
