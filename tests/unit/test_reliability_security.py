"""The hand-written Security section is part of the generated report, and docs/reliability.md carries it."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.reliability_report import SECURITY_SECTION, render


def test_the_report_ends_with_the_security_section() -> None:
    section = SECURITY_SECTION.read_text(encoding="utf-8")
    assert render([]).endswith(section)
    assert section in (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")


def test_every_test_the_section_names_exists() -> None:
    """A renamed or deleted test must not leave the table pointing at nothing."""
    section = SECURITY_SECTION.read_text(encoding="utf-8")
    current_file = None
    for match in re.finditer(r"`(tests/[\w/]+\.py)?(?:::(\w+))?", section):
        path, name = match.groups()
        if path:
            current_file = path
            assert (REPO / path).exists(), path
        if name:
            assert current_file is not None
            assert re.search(rf"def {name}\b", (REPO / current_file).read_text()), f"{current_file}::{name}"
