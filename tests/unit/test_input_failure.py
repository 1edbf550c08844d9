"""An internal error's stage is the pipeline module it was raised in (issue 10 §1): pure, no database."""

from __future__ import annotations

import pytest

from worker.ingest import InputFailure


def failure_of(call: object, *args: object, coarse: str = "extract") -> InputFailure:
    with pytest.raises(Exception) as caught:
        call(*args)  # type: ignore[operator]
    return InputFailure.of(caught.value, coarse)


def test_the_stage_is_the_innermost_pipeline_module() -> None:
    from worker.pipeline.decode import decode_text
    from worker.pipeline.fingerprint import content_hash
    from worker.pipeline.sniff import sniff_kind

    assert failure_of(sniff_kind, None, "x").stage == "sniff"
    assert failure_of(decode_text, None, None).stage == "decode"
    assert failure_of(content_hash, None, coarse="process").stage == "hash"


def test_outside_the_pipeline_the_coarse_stage_stays() -> None:
    failure = failure_of(int, "not a number", coarse="store")
    assert (failure.stage, failure.error_type) == ("store", "ValueError")
    assert failure.reason.startswith("internal error in store: ValueError: invalid literal")
    assert "newsworker" in failure.reason and failure.traceback and "Traceback" in failure.report()
