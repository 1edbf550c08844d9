"""A big German-speaking body is stored under one name whichever spelling an article used, and `newsworker
entities` finds it under any of them ("ver.di" and "Verdi"). SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run

OWN_SPELLING = (
    "Berlin. Die Gewerkschaft ver.di hat die Beschäftigten im Handel für Donnerstag zu einem Warnstreik aufgerufen. "
    "Die Arbeitgeber hätten in der dritten Verhandlungsrunde kein neues Angebot vorgelegt, teilte ver.di mit. "
    "Betroffen seien Filialen in mehreren Bundesländern. Die nächste Runde ist für Ende des Monats geplant."
)
PLAIN_SPELLING = (
    "Hamburg. Nach dem Warnstreik im Handel hat Verdi am Freitag eine erste Bilanz gezogen. Nach Angaben der "
    "Gewerkschaft beteiligten sich mehrere tausend Beschäftigte. Verdi kündigte weitere Aktionen an, falls die "
    "Arbeitgeber bis zur nächsten Verhandlungsrunde kein besseres Angebot vorlegen sollten."
)


def test_the_unions_spellings_find_one_entity(settings_env: dict[str, str], tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a-streik.txt").write_text(f"Warnstreik im Handel\n\n{OWN_SPELLING}\n")
    (inbox / "b-bilanz.txt").write_text(f"Bilanz nach dem Warnstreik\n\n{PLAIN_SPELLING}\n")
    assert json.loads(run(settings_env, "ingest", str(inbox), "--json"))["stored"] == 2

    names = {row["name"] for row in json.loads(run(settings_env, "entities", "--json", "--limit", "100"))}
    assert "Verdi" in names and "ver.di" not in names
    for spelling in ("ver.di", "Verdi", "VERDI"):
        rows = json.loads(run(settings_env, "entities", spelling, "--json"))
        assert len({row["id"] for row in rows}) == 2, spelling  # both articles, under any spelling
        assert len({row["entity"] for row in rows}) == 1, spelling
