"""Figures 1-3 of the benchmark on real pages: `newsworker up` and `newsworker ingest` against bare trafilatura.

The corpus is the real one (../shared/corpus/trafilatura-eval.tar.xz, see its README), unpacked by the benchmark
into its own temporary folder. The baseline is the loop a user would write first, run in this process in the
same run: `trafilatura.extract(raw_bytes)` with trafilatura's defaults; `include_comments=False` is reported as
a second baseline.

- Figure 1: `newsworker up` as users start it (its own Redis, workers, beat, watcher, Flower, metrics), a burst
  of real pages dropped into the inbox at once, timed from the first task start to the last task finish,
  against cores x the bare loop; CPU seconds per process per page, and how busy the cores were (/proc/stat).
- Figure 2: `Ingestor.ingest_file` (what `newsworker ingest` runs per file) against the bare loop, interleaved
  chunks in one process; and the whole `newsworker ingest DIR` command, start-up included.
- Figure 3: latency, one real page at a time into the idle stack of figure 1.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.perf_common import log, percentile, summary, task_rows

REPO = Path(__file__).resolve().parents[1]
CORPUS_ENV = "NEWSWORKER_REAL_CORPUS"
DEFAULT_TARBALL = REPO / ".." / "shared" / "corpus" / "trafilatura-eval.tar.xz"
BASELINES: dict[str, dict[str, Any]] = {
    "bare default": {},  # the baseline of the targets
    "bare include_comments=False": {"include_comments": False},
}


# --- the corpus ------------------------------------------------------------------------------------------


def corpus_tarball(option: Path | None = None) -> Path:
    """--corpus, else $NEWSWORKER_REAL_CORPUS, else ../shared/corpus/trafilatura-eval.tar.xz from the repo root."""
    chosen = option or (Path(os.environ[CORPUS_ENV]) if os.environ.get(CORPUS_ENV) else DEFAULT_TARBALL)
    return chosen.resolve()


def unpack_pages(tarball: Path, into: Path) -> list[Path]:
    """Unpack the corpus into `into`; returns the pages listed in its evaldata.json, in file-name order."""
    if tarball.is_dir():  # an already unpacked trafilatura-eval/ folder
        folder = tarball
    else:
        if not tarball.is_file():
            raise FileNotFoundError(f"the real corpus is not at {tarball} (--corpus, or ${CORPUS_ENV})")
        into.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball, "r:xz") as archive:
            archive.extractall(into, filter="data")
        folder = into / "trafilatura-eval"
    evaldata = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    names = sorted({item["file"] for item in evaldata.values()})
    return [folder / "pages" / name for name in names if (folder / "pages" / name).is_file()]


@dataclass(frozen=True)
class Split:
    """The pages of one run: a burst for throughput, a few to warm the stack, others for latency drops."""

    burst: list[Path]
    warm: list[Path]
    latency: list[Path]


def split_pages(pages: Sequence[Path], burst: int, warm: int, latency: int) -> Split:
    """Latency pages are spread over the corpus (every k-th page); of the rest, the first warm the stack and the
    burst takes the next ones."""
    step = max(1, len(pages) // max(1, latency)) if latency else 0
    latency_pages = list(pages[::step][:latency]) if latency else []
    rest = [page for page in pages if page not in set(latency_pages)]
    return Split(burst=rest[warm : warm + burst], warm=rest[:warm], latency=latency_pages)


# --- the baseline ----------------------------------------------------------------------------------------


def bare_loop_seconds(paths: Sequence[Path], options: dict[str, Any]) -> float:
    """Seconds `trafilatura.extract(raw_bytes, **options)` takes over the pages (reading each file included)."""
    import trafilatura

    started = time.perf_counter()
    for path in paths:
        trafilatura.extract(path.read_bytes(), **options)
    return time.perf_counter() - started


def bare_rates(paths: Sequence[Path]) -> dict[str, float]:
    """Pages/s of each baseline over the pages, one process."""
    return {name: round(len(paths) / bare_loop_seconds(paths, options), 2) for name, options in BASELINES.items()}


def _bare_rate_in_child(paths: Sequence[Path]) -> float:
    bare_loop_seconds(paths[:2], {})
    return len(paths) / bare_loop_seconds(paths, {})


def parallel_bare_rate(paths: Sequence[Path], processes: int) -> float:
    """Summed pages/s of `processes` default bare loops running at once."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return float(sum(pool.map(_bare_rate_in_child, [list(paths)] * processes)))


# --- figure 2: `newsworker ingest` -----------------------------------------------------------------------


def run_ingest_in_process(workdir: Path, pages: Sequence[Path], chunk: int) -> dict[str, Any]:
    """Ingestor.ingest_file and the bare default loop on the same pages, in interleaved chunks."""
    from worker.config import load_settings
    from worker.ingest import Ingestor
    from worker.logs import configure_logging
    from worker.store.db import Database

    settings = load_settings({"NEWSWORKER_HOME": str(workdir / "home")})
    configure_logging(settings)
    logging.getLogger("worker.ingest").setLevel(logging.ERROR)
    database = Database(settings.database_url)
    ingestor = Ingestor(settings, database)
    warm, timed = list(pages[:3]), list(pages[3:])
    article_ids: dict[str, int | None] = {}
    bare_texts: dict[str, str | None] = {}
    for path in warm:  # tagger, engine and statement caches: once per process, not per page
        article_ids[path.name] = ingestor.ingest_file(path).first_article_id
        bare_texts[path.name] = bare_text(path, {})
    totals = {"ours": 0.0, **{name: 0.0 for name in BASELINES}}
    # CPU seconds of this process beside wall seconds: on a machine shared with other work, the CPU ratio is the
    # steadier one (other processes stretch wall time, not this process' CPU time).
    cpu_totals = dict.fromkeys(totals, 0.0)
    stage_ms: dict[str, float] = {}
    statuses: dict[str, int] = {}
    chunk_ratios = []
    for number, start in enumerate(range(0, len(timed), chunk)):
        part = timed[start : start + chunk]
        order = ["ours", *BASELINES] if number % 2 else [*BASELINES, "ours"]
        spent: dict[str, float] = {}
        for side in order:
            started = time.perf_counter()
            cpu_started = time.process_time()
            if side == "ours":
                for path in part:
                    outcome = ingestor.ingest_file(path)
                    article_ids[path.name] = outcome.first_article_id
                    statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
                    for stage, ms in outcome.timings_ms.items():
                        stage_ms[stage] = stage_ms.get(stage, 0.0) + ms
            elif side == "bare default":  # its texts are kept: the quality baseline of target 6
                for path in part:
                    bare_texts[path.name] = bare_text(path, {})
            else:
                bare_seconds(part, BASELINES[side])
            spent[side] = time.perf_counter() - started
            totals[side] += spent[side]
            cpu_totals[side] += time.process_time() - cpu_started
        chunk_ratios.append(spent["bare default"] / spent["ours"])
    quality = snippet_quality(database, article_ids, bare_texts, pages)
    database.dispose()
    n = len(timed)
    bare_ms = totals["bare default"] / n * 1000
    stages = {stage: round(ms / n, 2) for stage, ms in sorted(stage_ms.items(), key=lambda item: -item[1])}
    return {
        "pages": n,
        "chunk": chunk,
        "ours_pages_per_s": round(n / totals["ours"], 2),
        "bare_pages_per_s": {name: round(n / totals[name], 2) for name in BASELINES},
        "ratio": round(totals["bare default"] / totals["ours"], 3),
        "ratio_to_include_comments_false": round(totals["bare include_comments=False"] / totals["ours"], 3),
        "cpu_ratio": round(cpu_totals["bare default"] / cpu_totals["ours"], 3),
        "cpu_ms_per_page": {name: round(seconds / n * 1000, 2) for name, seconds in cpu_totals.items()},
        "chunk_ratio_p10_p50_p90": [round(percentile(chunk_ratios, q), 3) for q in (0.1, 0.5, 0.9)],
        "bare_ms_per_page": round(bare_ms, 2),
        "ours_ms_per_page": round(totals["ours"] / n * 1000, 2),
        "stage_ms_per_page": stages,
        "stage_share_of_bare": {stage: round(ms / bare_ms, 3) for stage, ms in stages.items()},
        "statuses": statuses,
        "quality": quality,
    }


def bare_text(path: Path, options: dict[str, Any]) -> str | None:
    import trafilatura

    return trafilatura.extract(path.read_bytes(), **options)


def snippet_quality(
    database: Any, article_ids: dict[str, int | None], bare_texts: dict[str, str | None], pages: Sequence[Path]
) -> dict[str, Any]:
    """Target 6: snippet F1 of the text the database keeps against the bare default loop's text, on the pages
    of this run (the score of bench/extraction_real.py, whose evaldata.json sits beside the pages)."""
    from sqlalchemy import select

    from bench.extraction_real import Score
    from tests.support.real_corpus import real_pages
    from worker.store.models import Article

    folder = pages[0].parent.parent if pages else None
    if folder is None or not (folder / "evaldata.json").is_file():
        return {}
    with database.session() as session:
        stored = {row.id: row.text for row in session.execute(select(Article.id, Article.text))}
    scores = {"stored": Score(), "bare default": Score()}
    wanted = {path.name for path in pages}
    for page in real_pages(folder):
        if page.path.name not in wanted:
            continue
        article_id = article_ids.get(page.path.name)
        scores["stored"].add(page, stored.get(article_id) if article_id is not None else None)
        scores["bare default"].add(page, bare_texts.get(page.path.name))
    return {
        "pages": len(wanted),
        **{f"{name} f1": round(score.f1, 4) for name, score in scores.items()},
        **{f"{name} precision": round(score.precision, 4) for name, score in scores.items()},
        **{f"{name} recall": round(score.recall, 4) for name, score in scores.items()},
    }


def bare_seconds(paths: Sequence[Path], options: dict[str, Any]) -> float:
    return bare_loop_seconds(paths, options)


def newsworker_command() -> list[str]:
    return [sys.executable, "-m", "worker.cli"]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a newsworker child: this checkout first on the path, no broker or database given."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    for name in ("DATABASE_URL", "REDIS_URL", "NEWSWORKER_INBOX", "FLOWER_BASIC_AUTH"):
        env.pop(name, None)
    env.update(extra)
    return env


def run_ingest_command(workdir: Path, pages: Sequence[Path], bare_rate: Callable[[], float]) -> dict[str, Any]:
    """`newsworker ingest DIR --json` on a fresh home, as a subprocess: start-up included; against the bare
    loop's pages/s (`bare_rate`) measured just before and just after (their mean)."""
    folder = workdir / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for path in pages:
        shutil.copyfile(path, folder / path.name)
    bare_before = bare_rate()
    env = child_env(NEWSWORKER_HOME=str(workdir / "home"))
    started = time.perf_counter()
    done = subprocess.run(
        [*newsworker_command(), "ingest", str(folder), "--json"], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):  # 3: some inputs hit an internal error (counted in the result)
        raise RuntimeError(f"newsworker ingest exited {done.returncode}: {done.stderr[-2000:]}")
    result = json.loads(done.stdout)
    bare_after = bare_rate()
    bare_pages_per_s = round((bare_before + bare_after) / 2, 2)
    rate = len(pages) / seconds
    log(f"command: {len(pages)} pages in {seconds:.1f} s ({rate:.1f} pages/s; bare {bare_pages_per_s:.1f})")
    return {
        "pages": len(pages),
        "seconds": round(seconds, 2),
        "pages_per_s": round(rate, 2),
        "bare_pages_per_s": bare_pages_per_s,
        "bare_pages_per_s_before_after": [round(bare_before, 2), round(bare_after, 2)],
        "ratio": round(rate / bare_pages_per_s, 3),
        "stored": result.get("stored"),
        "near_duplicate": result.get("near_duplicate"),
        "rejected": result.get("rejected"),
        "errors": result.get("errors"),
    }


# --- figure 1: `newsworker up` ---------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Up:
    """`newsworker up` on a fresh home, as a user starts it; stopped with SIGINT (Ctrl-C)."""

    def __init__(self, workdir: Path, concurrency: int | None = None, env: dict[str, str] | None = None) -> None:
        self.home = workdir / "home"
        self.inbox = self.home / "inbox"
        self.database_url = f"sqlite:///{self.home / 'newsworker.db'}"
        self.log_path = workdir / "up.log"
        self.concurrency = concurrency
        self.extra_env = env or {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Up:
        self.home.mkdir(parents=True, exist_ok=True)
        env = child_env(
            NEWSWORKER_HOME=str(self.home),
            FLOWER_PORT=str(free_port()),
            NEWSWORKER_METRICS_PORT=str(free_port()),
            NEWSWORKER_LOG_LEVEL="WARNING",
            **self.extra_env,
        )
        args = [*newsworker_command(), "up"]
        if self.concurrency:
            args += ["--concurrency", str(self.concurrency)]
        with open(self.log_path, "ab") as output:
            self.process = subprocess.Popen(args, env=env, stdout=output, stderr=subprocess.STDOUT)
        _wait(lambda: "newsworker is up" in self.log_path.read_text(errors="replace"), 120, "newsworker up", self)
        return self

    def pids(self) -> dict[str, int]:
        """The children `up` runs, by name (its pid file), and `up` itself."""
        written = json.loads((self.home / "up.pids.json").read_text())
        return {"up (supervisor)": written["up"], **written["children"]}

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def __enter__(self) -> Up:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _wait(condition: Callable[[], bool], timeout: float, what: str, up: Up | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if up is not None and up.process is not None and up.process.poll() is not None:
            raise RuntimeError(f"newsworker up exited: {up.log_path.read_text(errors='replace')[-3000:]}")
        try:
            if condition():
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{what}: not ready after {timeout:.0f} s")


def put(source: Path, inbox: Path) -> float:
    """Copy a page into the inbox under a hidden name, then rename it into place; returns when it was there."""
    partial = inbox / f".{source.name}.copying"
    shutil.copyfile(source, partial)
    partial.replace(inbox / source.name)
    return time.time()


def finished_rows(engine: Any, expected: int, timeout: float, seen: set[str]) -> list[dict[str, Any]]:
    """Wait for `expected` tasks not in `seen` to finish (or fail); their rows. Polls a count, which costs the
    machine (and so the stack being measured) far less than reading every row each time."""
    from sqlalchemy import text

    deadline = time.monotonic() + timeout
    done = 0
    for poll in itertools.count():
        if time.monotonic() >= deadline:
            break
        with engine.connect() as conn:
            done = conn.execute(
                text("SELECT count(*) FROM ingest_tasks WHERE state IN ('finished', 'failed')")
            ).scalar_one()
        # `seen` may hold tasks that were still running: read the rows every 20 polls whatever the count says.
        if done - len(seen) >= expected or poll % 20 == 19:
            rows = [r for r in task_rows(engine, seen) if r["state"] in ("finished", "failed")]
            if len(rows) >= expected:
                return rows
        time.sleep(0.1)
    raise TimeoutError(f"{done - len(seen)} of {expected} tasks finished after {timeout:.0f} s")


def process_groups(pids: dict[str, int]) -> dict[str, list[Any]]:
    """psutil processes by role: each child of `up` with its descendants; the worker's pool processes apart."""
    import psutil

    groups: dict[str, list[Any]] = {}
    for name, pid in pids.items():
        try:
            main = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        descendants = main.children(recursive=True) if name != "up (supervisor)" else []
        if name == "worker":
            celery_main = main
            groups["celery main"] = [celery_main]
            groups["pool processes"] = descendants
        else:
            groups[name] = [main, *descendants]
    return groups


def cpu_seconds(processes: list[Any]) -> float:
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


class CoreSampler:
    """Samples /proc/stat every `interval` seconds: how busy the cores were over any window afterwards."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.samples: list[tuple[float, float, float, float]] = []  # wall time, busy, steal, total jiffies
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def read() -> tuple[float, float, float]:
        fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0.0] * 8)[:8]
        return user + nice + system + irq + softirq, steal, user + nice + system + idle + iowait + irq + softirq + steal

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time(), *self.read()))
            self._stop.wait(self.interval)

    def __enter__(self) -> CoreSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def window(self, start: float, end: float) -> dict[str, float]:
        """Busy and stolen share of all cores between the samples nearest to start and end."""
        first = min(self.samples, key=lambda s: abs(s[0] - start))
        last = min(self.samples, key=lambda s: abs(s[0] - end))
        total = last[3] - first[3]
        if total <= 0:
            return {"busy": float("nan"), "steal": float("nan")}
        return {"busy": round((last[1] - first[1]) / total, 3), "steal": round((last[2] - first[2]) / total, 3)}


def run_up(
    workdir: Path,
    split: Split,
    bare_sample: Sequence[Path],
    concurrency: int | None,
    latency_idle_s: float = 0.3,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Figure 1 (a burst into `newsworker up`) and figure 3 (one page at a time into the same, idle stack)."""
    from sqlalchemy import create_engine

    cores = os.cpu_count() or 1
    with Up(workdir, concurrency) as up:
        engine = create_engine(up.database_url)
        seeds = _seed_count(up.home)
        for path in split.warm:  # every pool process takes a task or two before the clock starts
            put(path, up.inbox)
        finished_rows(engine, seeds + len(split.warm), 300, set())
        seen = {row["task_id"] for row in task_rows(engine)}
        bare_before = bare_rates(bare_sample)
        cpu_started = time.process_time()
        bare_loop_seconds(bare_sample, {})
        bare_cpu_ms = (time.process_time() - cpu_started) / len(bare_sample) * 1000
        groups = process_groups(up.pids())
        cpu_before = {name: cpu_seconds(procs) for name, procs in groups.items()}
        bench_before = cpu_seconds([_self()])
        with CoreSampler() as sampler:
            dropped_at = time.time()
            for path in split.burst:
                put(path, up.inbox)
            put_done = time.time()
            rows = finished_rows(engine, len(split.burst), 120 + 2 * len(split.burst), seen)
            done_at = time.time()
        cpu = {
            name: round(cpu_seconds(procs) - cpu_before[name], 2) for name, procs in process_groups(up.pids()).items()
        }
        cpu["benchmark (dropping, polling)"] = round(cpu_seconds([_self()]) - bench_before, 2)
        bare_after = bare_rates(bare_sample)
        parallel = parallel_bare_rate(bare_sample, cores)
        first_start = min(r["started_at"] for r in rows).timestamp()
        last_finish = max(r["finished_at"] for r in rows).timestamp()
        window = last_finish - first_start
        cores_window = sampler.window(first_start, last_finish)
        stack_cpu = sum(v for k, v in cpu.items() if not k.startswith("benchmark"))
        throughput = len(rows) / window
        bare = {name: round((bare_before[name] + bare_after[name]) / 2, 2) for name in BASELINES}
        n = len(rows)
        figure1 = {
            "pages": n,
            "cores": cores,
            "pool_processes": len(groups.get("pool processes", [])),
            "outcomes": _count(r["outcome"] for r in rows),
            "pages_per_s": round(throughput, 2),
            "end_to_end_pages_per_s": round(n / (done_at - dropped_at), 2),
            "bare_pages_per_s_before_after": {name: [bare_before[name], bare_after[name]] for name in BASELINES},
            "baseline_pages_per_s": round(cores * bare["bare default"], 2),
            "ratio": round(throughput / (cores * bare["bare default"]), 3),
            "ratio_to_include_comments_false": round(throughput / (cores * bare["bare include_comments=False"]), 3),
            "parallel_bare_pages_per_s": round(parallel, 2),
            "ratio_to_parallel_bare": round(throughput / parallel, 3),
            "burst_seconds": round(window, 2),
            "drop_seconds": round(put_done - dropped_at, 2),
            "cores_busy_share": cores_window["busy"],  # every process on the machine, from /proc/stat
            "cores_steal_share": cores_window["steal"],
            "stack_cpu_share": round(stack_cpu / (cores * (done_at - dropped_at)), 3),
            "cpu_seconds": cpu,
            "cpu_ms_per_page": {name: round(v / n * 1000, 2) for name, v in cpu.items()},
            "cpu_ms_per_page_stack_total": round(stack_cpu / n * 1000, 2),
            # What the ratio would be if the stack had the cores to itself and never waited: the bare loop's CPU
            # per page over the whole stack's (steady on a shared machine; the ratio above is what was seen).
            "bare_cpu_ms_per_page": round(bare_cpu_ms, 2),
            "cpu_bound_ratio": round(bare_cpu_ms / (stack_cpu / n * 1000), 3),
            "load_average_1min_after": round(os.getloadavg()[0], 2),
            "task_stage_ms": _task_stage_ms(rows),
            "queue_wait_ms": summary([(r["started_at"] - r["queued_at"]).total_seconds() * 1000 for r in rows]),
        }
        log(
            f"up: {n} pages in {window:.1f} s = {throughput:.1f} pages/s; {cores} x bare "
            f"{bare['bare default']:.1f}: ratio {figure1['ratio']:.3f}; cores busy {cores_window['busy']:.0%}"
        )
        latency = run_latency(up, engine, split.latency, latency_idle_s)
        engine.dispose()
    return figure1, latency


def _self() -> Any:
    import psutil

    return psutil.Process()


def _seed_count(home: Path) -> int:
    """How many seed files `up` copied into the inbox (they are the stack's first tasks)."""
    from worker import supervisor

    marker = home / supervisor.SEEDS_MARKER
    try:
        return len(json.loads(marker.read_text())["copied"])
    except (OSError, ValueError, KeyError):
        return 0


def run_latency(up: Up, engine: Any, pages: Sequence[Path], idle_s: float) -> dict[str, Any]:
    """Drop -> task finished, one real page at a time into the idle stack (default watcher delays)."""
    samples = []
    for path in pages:
        time.sleep(idle_s)
        seen = {row["task_id"] for row in task_rows(engine)}
        dropped = put(path, up.inbox)
        (row,) = finished_rows(engine, 1, 60, seen)
        dropped_at = datetime.fromtimestamp(dropped, UTC)
        samples.append(
            {
                "total": (row["finished_at"] - dropped_at).total_seconds(),
                "watcher": (row["queued_at"] - dropped_at).total_seconds(),
                "broker": (row["started_at"] - row["queued_at"]).total_seconds(),
                "task": (row["finished_at"] - row["started_at"]).total_seconds(),
            }
        )
    result = {key: summary([s[key] for s in samples]) for key in ("total", "watcher", "broker", "task")}
    if samples:
        log(
            f"latency: p50 {result['total']['p50']:.3f} s, p99 {result['total']['p99']:.3f} s over {len(samples)} drops"
        )
    return {"drops": len(samples), **{f"{key}_s": value for key, value in result.items()}}


def _task_stage_ms(rows: list[dict[str, Any]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    overhead = 0.0
    for row in rows:
        timings = row["timings"]
        if isinstance(timings, str):
            timings = json.loads(timings)
        timings = timings or {}
        for stage, ms in timings.items():
            totals[stage] = totals.get(stage, 0.0) + float(ms)
        overhead += (row["finished_at"] - row["started_at"]).total_seconds() * 1000 - sum(
            float(ms) for ms in timings.values()
        )
    n = max(1, len(rows))
    result = {stage: round(ms / n, 2) for stage, ms in totals.items()}
    result["task_overhead"] = round(overhead / n, 2)
    return result


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return counts
