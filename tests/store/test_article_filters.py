"""`newsworker articles` filters the newest articles by entity, language, feed and publication date; the date
bounds leave out articles whose page gave no date. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from worker.cli import cli

# Four different stories, so that none is a near-duplicate of another; each mentions Rotterdam.
BODIES = {
    "November": "The harbour authority in Rotterdam said the new quay would open in the spring, two years later than "
    "planned, after a dispute with the contractor over the cost of dredging the channel.",
    "Early December": "Dock workers in Rotterdam voted to accept a pay offer on Monday, ending a strike that had "
    "left container ships waiting at anchor for most of the week and cost shippers millions.",
    "Late December": "A fire broke out in a grain warehouse near Rotterdam late on Wednesday; firefighters kept it "
    "from spreading to the tank farm next door and nobody was hurt, the fire brigade said.",
    "Undated": "Ferry services between Rotterdam and Hull will run twice daily from March, the operator said, after "
    "a new vessel joined its fleet and freight bookings rose sharply over the autumn months.",
}


def invoke(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env, obj={}, catch_exceptions=False)
    return result.exit_code, result.output


def titles(env: dict[str, str], *filters: str) -> list[str]:
    code, output = invoke(env, "articles", *filters, "--json")
    assert code == 0, output
    return [row["title"] for row in json.loads(output)]


def test_publication_date_entity_and_language_filters(settings_env: dict[str, str], tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name, date_line in [
        ("November", "Published: November 2, 2026"),
        ("Early December", "Published: December 1, 2026"),
        ("Late December", "Published: December 3, 2026"),
        ("Undated", ""),
    ]:
        header = f"{name} quay report\nBy Mara Lind\n{date_line}\n" if date_line else f"{name} quay report\n"
        (inbox / f"{name.lower().replace(' ', '-')}.txt").write_text(f"{header}\n{BODIES[name]}\n")
    code, output = invoke(settings_env, "ingest", str(inbox), "--json")
    assert code == 0 and json.loads(output)["stored"] == 4, output

    everything = titles(settings_env)
    assert len(everything) == 4
    assert titles(settings_env, "--published-after", "2026-12-01") == [
        "Late December quay report",
        "Early December quay report",
    ]
    assert titles(settings_env, "--published-before", "2026-12-01") == ["November quay report"]
    assert titles(settings_env, "--published-after", "2026-11-01", "--published-before", "2026-12-02") == [
        "November quay report",  # newest first: the folder's files were ingested in name order
        "Early December quay report",
    ]
    # An offset is honoured: 00:30 on 3 December at +01:00 is 23:30 UTC on 2 December, before the late article.
    assert "Late December quay report" in titles(settings_env, "--published-after", "2026-12-03T00:30+01:00")
    assert titles(settings_env, "--published-after", "2026-12-03T00:30:00Z") == []
    # Entity and language filters combine with the dates; "Rotterdam" is in every body.
    assert titles(settings_env, "--entity", "Rotterdam", "--published-before", "2026-12-01") == ["November quay report"]
    assert titles(settings_env, "--entity", "Rotterdam") == everything
    assert titles(settings_env, "--entity", "Atlantis") == []
    assert titles(settings_env, "--language", "de") == []
    assert titles(settings_env, "--language", "EN", "--limit", "2") == everything[:2]

    code, output = invoke(settings_env, "articles", "--published-after", "last week")
    assert code == 2 and "not an ISO 8601 date" in output
