"""Scripts the README and docs give: `--help` answers, and a missing optional model or a bad argument is a
usage error, not a traceback. Benchmarks run as the docs run them (`python -m bench...`): tests never import bench."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import reliability_report

REPO = Path(__file__).resolve().parents[2]


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_entities_eval_names_a_spacy_pipeline_that_is_not_installed(tmp_path: Path) -> None:
    done = run_module("bench.entities_eval", "--spacy", "no_such_pipeline_xyz", "--output", str(tmp_path / "o.json"))
    assert done.returncode == 2
    assert "no_such_pipeline_xyz" in done.stderr and "cannot be loaded" in done.stderr
    assert "Traceback" not in done.stderr


def test_entities_eval_scores_only_the_splits_asked_for_with_figures_per_language(tmp_path: Path) -> None:
    output = tmp_path / "o.json"
    done = run_module("bench.entities_eval", "--no-load-time", "--only", "posthoc4", "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("12 documents"), done.stdout[:200]  # posthoc4 is files 33-44
    builtin = json.loads(output.read_text())["taggers"]["builtin"]
    assert set(builtin["per_split"]) == {"posthoc4"}
    languages = builtin["per_language"]
    assert set(languages) == {"en", "de"}  # the batch has two German texts
    assert (
        sum(counts["tp"] + counts["fn"] for counts in languages.values())
        == json.loads(output.read_text())["gold_entities"]
    )
    assert "per language typed P/R/F1: de " in done.stdout


def test_entities_eval_refuses_a_split_with_no_documents(tmp_path: Path) -> None:
    done = run_module("bench.entities_eval", "--only", "dev", "--gold", str(tmp_path), "--output", str(tmp_path / "o"))
    assert done.returncode == 2 and "no gold documents" in done.stderr, done.stderr


def test_perf_metrics_answers_help() -> None:
    done = run_module("bench.perf_metrics", "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: python -m bench.perf_metrics" in done.stdout


def test_perf_growth_answers_help() -> None:
    done = run_module("bench.perf_growth", "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: python -m bench.perf_growth" in done.stdout and "--no-postgres" in done.stdout


def test_perf_events_answers_help() -> None:
    done = run_module("bench.perf_events", "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: python -m bench.perf_events" in done.stdout and "--writers" in done.stdout


def test_perf_metrics_refuses_a_size_that_is_not_a_number() -> None:
    done = run_module("bench.perf_metrics", "many")
    assert done.returncode == 2
    assert "invalid int value: 'many'" in done.stderr and "Traceback" not in done.stderr


def test_reliability_report_answers_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        reliability_report.main(["--help"])
    assert stopped.value.code == 0
    assert "python -m tests.reliability_report RESULTS.jsonl" in capsys.readouterr().out


def test_reliability_report_needs_its_results_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        reliability_report.main([])
    assert stopped.value.code == 2
    assert "RESULTS.jsonl" in capsys.readouterr().err


def test_bench_quick_runs_on_real_pages(tmp_path: Path) -> None:
    """`python -m bench --quick` on a few real pages: the ingest figures come out, against the bare loops."""
    import json

    from tests.support.real_corpus import CORPUS_TARBALL, unpack_real_corpus

    if not CORPUS_TARBALL.resolve().is_file():
        pytest.skip(f"the real corpus is absent: no {CORPUS_TARBALL.resolve()}")
    output = tmp_path / "perf.json"
    done = run_module(
        "bench", "--quick", "--sections", "ingest", "--pages", "6", "--corpus", str(unpack_real_corpus()),
        "--output", str(output),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(output.read_text())
    assert result["sections"]["ingest"]["pages"] == 3  # the first 3 warm the process up
    assert set(result["sections"]["ingest"]["bare_pages_per_s"]) == {"bare default", "bare include_comments=False"}
    assert result["sections"]["command"]["pages"] == 6
    assert result["sections"]["ingest"]["quality"]["pages"] == 6  # target 6 scored on the same pages
    assert result["sections"]["command"]["stored"] + result["sections"]["command"]["rejected"] == 6
    assert "`newsworker ingest` per page / bare default loop" in done.stdout
    doc = tmp_path / "performance.md"
    doc.write_text("before\n<!-- bench:begin (generated) -->\nold figures\n<!-- bench:end -->\nafter\n")
    written = run_module("bench.write_doc", str(output), "--doc", str(doc))
    assert written.returncode == 0, written.stderr
    page = doc.read_text()
    assert page.startswith("before\n") and page.endswith("after\n") and "old figures" not in page
    assert "| 2. `newsworker ingest` per page / bare default loop |" in page


def test_bench_names_a_missing_corpus_and_an_unknown_section(tmp_path: Path) -> None:
    done = run_module("bench", "--quick", "--corpus", str(tmp_path / "absent.tar.xz"))
    assert done.returncode == 2
    assert "absent.tar.xz" in done.stderr and "Traceback" not in done.stderr
    done = run_module("bench", "--sections", "up,speed")
    assert done.returncode == 2
    assert "unknown section(s): speed" in done.stderr


def test_hook_delivery_answers_help_and_refuses_no_events() -> None:
    done = run_module("bench.hook_delivery", "--help")
    assert done.returncode == 0 and "usage: python -m bench.hook_delivery" in done.stdout, done.stderr
    refused = run_module("bench.hook_delivery", "--events", "0")
    assert refused.returncode == 2 and "--events must be at least 1" in refused.stderr
