"""The benchmark commands the README and docs give: a missing optional model is a usage error, not a traceback."""

from __future__ import annotations

import pytest

from bench import entities_eval


def test_entities_eval_names_a_spacy_pipeline_that_is_not_installed(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        entities_eval.main(["--spacy", "no_such_pipeline_xyz", "--output", str(tmp_path / "out.json")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "no_such_pipeline_xyz" in err and "cannot be loaded" in err
    assert "Traceback" not in err
