"""The benchmark commands the README and docs give: a missing optional model is a usage error, not a traceback."""

from __future__ import annotations

import pytest

from bench import entities_eval, perf_metrics
from tests import reliability_report


def test_entities_eval_names_a_spacy_pipeline_that_is_not_installed(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        entities_eval.main(["--spacy", "no_such_pipeline_xyz", "--output", str(tmp_path / "out.json")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "no_such_pipeline_xyz" in err and "cannot be loaded" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("main", "usage"),
    [
        (perf_metrics.main, "python -m bench.perf_metrics"),
        (reliability_report.main, "python -m tests.reliability_report RESULTS.jsonl"),
    ],
)
def test_documented_scripts_answer_help(main, usage: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    assert usage in capsys.readouterr().out


def test_perf_metrics_refuses_a_size_that_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        perf_metrics.main(["many"])
    assert stopped.value.code == 2
    assert "invalid int value: 'many'" in capsys.readouterr().err


def test_reliability_report_needs_its_results_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        reliability_report.main([])
    assert stopped.value.code == 2
    assert "RESULTS.jsonl" in capsys.readouterr().err
