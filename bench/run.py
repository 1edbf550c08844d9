"""The performance benchmark: every figure a ratio against a baseline measured in the same run.

    python -m bench                  # full mode: about 10 minutes on 2 cores
    python -m bench --quick          # scaled down: under 2 minutes
    python -m bench --output results.json --no-postgres

Sections (docs/performance.md explains each and records a full run):
1. extraction overhead in-process: `Ingestor.ingest_file` (what `newsworker ingest` runs per file) against a bare
   trafilatura loop with the same settings, interleaved chunks; and the whole command as a subprocess;
2. full-stack throughput: pages dropped into the watched folder -> Redis -> W workers -> rows, against W x the
   bare loop (and against W bare loops run at once);
3. latency: one page into an idle stack -> row committed, at the default stability delay and at a small one;
4. growth: per-article cost with a large archive against a small one, on SQLite and PostgreSQL;
5. memory: a pool process's RSS after many articles against after a few.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_OUTPUT = Path(__file__).parent / "results" / "performance.json"
SEED = 1


@dataclass(frozen=True)
class Plan:
    """How big each section is in a mode."""

    pages: int  # in-process extraction
    chunk: int
    stack_pages: int
    bare_sample: int  # pages of the bare loop run before and after the stack
    latency_drops: dict[float, int]  # stability delay -> drops
    pool_stories: int
    growth_sizes: tuple[int, int]
    growth_new: int
    growth_chunk: int
    memory: tuple[int, int]


FULL = Plan(
    pages=200,
    chunk=10,
    stack_pages=240,
    bare_sample=40,
    latency_drops={1.0: 50, 0.1: 60},
    pool_stories=400,
    growth_sizes=(1_000, 100_000),
    growth_new=400,
    growth_chunk=20,
    memory=(1_000, 10_000),
)
QUICK = Plan(
    pages=30,
    chunk=5,
    stack_pages=50,
    bare_sample=15,
    latency_drops={1.0: 8, 0.1: 20},
    pool_stories=60,
    growth_sizes=(1_000, 20_000),
    growth_new=30,
    growth_chunk=10,
    memory=(100, 1_000),
)

TARGETS = {
    "extraction": 0.90,
    "stack": 0.85,
    "latency_p50_s": 0.3,
    "latency_p99_s": 1.0,
    "growth": 1.2,
    "memory": 1.1,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="scaled-down sizes, under 2 minutes")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"JSON results (default {DEFAULT_OUTPUT})")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL in the growth section")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="W for the stack (default: cores)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (printed at the end)")
    args = parser.parse_args(argv)

    from bench.perf_common import log, machine

    plan = QUICK if args.quick else FULL
    workdir = Path(tempfile.mkdtemp(prefix="newsworker-bench-"))
    started = time.perf_counter()
    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "command": "python -m bench" + (" --quick" if args.quick else ""),
        "machine": machine(),
        "plan": {name: _jsonable(value) for name, value in vars(plan).items()},
        "targets": TARGETS,
    }
    try:
        results["sections"] = run_sections(workdir, plan, args.workers, postgres=not args.no_postgres)
    finally:
        if args.keep:
            log(f"working folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["summary"] = summarise(results["sections"], plan)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(render_table(results))
    print(f"\n{results['mode']} run in {results['seconds']:.0f} s; JSON in {args.output}")
    return 0


def run_sections(workdir: Path, plan: Plan, workers: int, postgres: bool) -> dict[str, Any]:
    from bench.perf_archive import build_pool
    from bench.perf_common import log
    from bench.perf_extraction import run_command, run_in_process
    from bench.perf_growth import run_growth
    from bench.perf_memory import MemoryRun
    from bench.perf_stack import run_stack
    from worker.pipeline.entities import load_tagger

    sections: dict[str, Any] = {}
    log(f"1/5 extraction in-process: {plan.pages} pages")
    sections["extraction"] = run_in_process(workdir / "extraction", plan.pages, plan.chunk, SEED)
    log(f"    ratio {sections['extraction']['ratio']:.3f}; now the whole command as a subprocess")
    sections["command"] = run_command(
        workdir / "command", workdir / "extraction" / "pages", sections["extraction"]["bare_pages_per_s"]
    )
    log(f"2-3/5 full stack: {plan.stack_pages} pages with W={workers}, then latency")
    sections["stack"], sections["latency"] = run_stack(
        workdir / "stack", plan.stack_pages, workers, SEED + 1, plan.bare_sample, plan.latency_drops
    )

    log(f"4-5/5 paragraph pool ({plan.pool_stories} stories), memory in the background, growth archives")
    started = time.perf_counter()
    pool = build_pool(plan.pool_stories, SEED + 3, load_tagger(None))
    log(f"    pool of {len(pool.paragraphs):,} paragraphs in {time.perf_counter() - started:.0f} s")
    memory = MemoryRun(workdir / "memory", pool, plan.memory[0], plan.memory[1], SEED + 4).start()
    growth_dir = workdir / "growth"
    growth_dir.mkdir(parents=True, exist_ok=True)
    try:
        sections["growth"] = run_growth(
            growth_dir,
            pool,
            plan.growth_sizes,
            plan.growth_new,
            plan.growth_chunk,
            SEED + 3,
            postgres=postgres,
            before_timing=lambda: _finish_memory(memory, sections),
        )
    finally:
        if "memory" not in sections:
            _finish_memory(memory, sections)
    return sections


def _finish_memory(memory: Any, sections: dict[str, Any]) -> None:
    """Wait for the memory run (the growth timing must run on a quiet machine)."""
    from bench.perf_common import log

    if "memory" in sections:
        return
    log("    waiting for the memory run to finish before timing growth")
    try:
        sections["memory"] = memory.result(timeout=1800)
    except Exception as error:  # recorded, and the other sections still reported
        sections["memory"] = {"error": f"{type(error).__name__}: {error}"}


def summarise(sections: dict[str, Any], plan: Plan) -> list[dict[str, Any]]:
    """One row per target: the figure, the target, whether it is met, and the absolute numbers behind it."""
    rows: list[dict[str, Any]] = []

    def add(name: str, value: float | None, target: str, met: bool | None, detail: str) -> None:
        rows.append({"figure": name, "value": value, "target": target, "met": met, "detail": detail})

    ex = sections.get("extraction", {})
    add(
        "1. in-process ingest / bare trafilatura (pages/s)",
        ex.get("ratio"),
        ">= 0.90",
        ex.get("ratio", 0) >= TARGETS["extraction"] if ex else None,
        f"{ex.get('ours_pages_per_s')} vs {ex.get('bare_pages_per_s')} pages/s, {ex.get('pages')} pages",
    )
    cmd = sections.get("command", {})
    add(
        "1b. `newsworker ingest DIR` (subprocess) / bare loop",
        cmd.get("ratio_to_bare_in_process"),
        "info",
        None,
        f"{cmd.get('pages')} pages in {cmd.get('seconds')} s incl. start-up; one page: {cmd.get('one_page_seconds')} s",
    )
    st = sections.get("stack", {})
    add(
        f"2. stack W={st.get('concurrency')} / (W x bare loop)",
        st.get("ratio"),
        ">= 0.85",
        st.get("ratio", 0) >= TARGETS["stack"] if st else None,
        f"{st.get('sustained_pages_per_s')} vs {st.get('baseline_pages_per_s')} pages/s; "
        f"vs {st.get('parallel_bare_pages_per_s')} pages/s of W bare loops at once: {st.get('ratio_to_parallel_bare')}; "
        f"end to end {st.get('ratio_end_to_end')}",
    )
    for key, figures in sections.get("latency", {}).items():
        total = figures["total_s"]
        met = total["p50"] <= TARGETS["latency_p50_s"] and total["p99"] <= TARGETS["latency_p99_s"]
        add(
            f"3. latency p50 / p99 (s), stable_seconds={key}, {total['n']} drops",
            total["p50"],
            "p50 <= 0.3, p99 <= 1",
            met,
            f"p99 {total['p99']}; watcher {figures['watcher_s']['p50']}, broker {figures['broker_s']['p50']}, "
            f"task {figures['task_s']['p50']} (p50s)",
        )
    for backend, growth in sections.get("growth", {}).items():
        if "skipped" in growth:
            add(f"4. growth {backend}", None, "<= 1.2", None, f"skipped: {growth['skipped']}")
            continue
        small, large = growth["sizes"]
        add(
            f"4. growth {backend}: per article at {large:,} / at {small:,}",
            growth["ratio"],
            "<= 1.2",
            growth["ratio"] <= TARGETS["growth"],
            f"{growth['large']['ms_per_article']} vs {growth['small']['ms_per_article']} ms/article; "
            f"store stage {growth['store_ratio']}; near-dup candidates "
            f"{growth['sql_ratio'].get('near-dup candidates')}, exact hash {growth['sql_ratio'].get('exact-hash lookup')}",
        )
    mem = sections.get("memory", {})
    if "error" in mem:
        add("5. memory", None, "<= 1.1", None, mem["error"])
    elif mem:
        add(
            f"5. pool RSS after {mem['articles_total']:,} / after {mem['articles_first']:,}",
            mem["ratio"],
            "<= 1.1",
            mem["ratio"] <= TARGETS["memory"],
            f"{mem['rss_mib_total']} vs {mem['rss_mib_first']} MiB",
        )
    return rows


def render_table(results: dict[str, Any]) -> str:
    """The summary as a plain-text table, then the per-stage split of one page."""
    rows = results["summary"]
    lines = [f"newsworker performance ({results['mode']} mode; every figure a ratio within this run)", ""]
    width = max(len(r["figure"]) for r in rows)
    lines.append(f"{'figure':<{width}}  {'value':>8}  {'target':<22} {'met':<4} detail")
    lines.append("-" * (width + 60))
    for r in rows:
        value = "-" if r["value"] is None else f"{r['value']:.3f}"
        met = "-" if r["met"] is None else ("yes" if r["met"] else "NO")
        lines.append(f"{r['figure']:<{width}}  {value:>8}  {r['target']:<22} {met:<4} {r['detail']}")
    sections = results["sections"]
    ex = sections.get("extraction", {})
    if ex:
        lines += ["", f"Per-stage split of one page, in-process (bare trafilatura: {ex['bare_ms_per_page']} ms/page):"]
        for stage, ms in ex["stage_ms_per_page"].items():
            lines.append(f"  {stage:<22} {ms:8.2f} ms   {ex['stage_share_of_bare'][stage]:6.3f} of bare")
        stack = sections.get("stack", {})
        latency = sections.get("latency", {})
        if latency:
            key = min(latency, key=float)
            lines.append(f"  {'broker (idle stack)':<22} {latency[key]['broker_s']['p50'] * 1000:8.2f} ms   (p50)")
        if stack:
            lines.append(
                f"  {'task overhead (stack)':<22} {stack['task_stage_ms'].get('task_overhead', 0):8.2f} ms   "
                "(history rows, ledger, set-aside)"
            )
    return "\n".join(lines)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return value


if __name__ == "__main__":
    sys.exit(main())
