"""Scripts the README and docs give: `--help` answers, and a missing optional model or a bad argument is a
usage error, not a traceback. Benchmarks run as the docs run them (`python -m bench...`): tests never import bench."""

from __future__ import annotations

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


def test_hook_delivery_answers_help_and_refuses_no_events() -> None:
    done = run_module("bench.hook_delivery", "--help")
    assert done.returncode == 0 and "usage: python -m bench.hook_delivery" in done.stdout, done.stderr
    refused = run_module("bench.hook_delivery", "--events", "0")
    assert refused.returncode == 2 and "--events must be at least 1" in refused.stderr
