"""`output_options` and `print_result`: one --json (and --nl, --csv for listings) for every command."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from worker.cli_output import (
    OutputFormat,
    csv_text,
    json_text,
    output_options,
    print_result,
    printable,
    spreadsheet_safe,
)

ROWS = [
    {"id": 2, "title": "Budget \x1b[2Jvote", "site": None, "tags": ["a", "b"], "ok": True},
    {"id": 1, "title": 'Council, "quoted"\nsecond line', "site": "example.org", "tags": [], "ok": False},
]
# What a terminal acts on: C0 (but newline and tab), DEL, C1, and the bidi embeddings and overrides.
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _row_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield f"#{row['id']} {row['title']}"


@click.command()
@click.option("--limit", type=int, default=10)
@output_options(listing=True)
def listing(limit: int, output: OutputFormat) -> None:
    print_result(ROWS[:limit], output, _row_lines)


@click.command()
@output_options()
def summary(output: OutputFormat) -> None:
    print_result(
        {"files": 2, "source": "in/\u202eevil.txt"}, output, lambda s: [f"{s['files']} files from {s['source']}"]
    )


def invoke(command: click.Command, *args: str) -> click.testing.Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_text_goes_through_the_renderer_and_printable() -> None:
    result = invoke(listing)
    assert result.exit_code == 0
    assert result.output == '#2 Budget \\x1b[2Jvote\n#1 Council, "quoted"\nsecond line\n'


def test_json_is_the_whole_result_as_one_line() -> None:
    output = invoke(listing, "--json").output
    assert output.count("\n") == 1  # the body's newline is escaped inside the string
    assert json.loads(output) == ROWS
    assert output == json.dumps(ROWS, ensure_ascii=False) + "\n"  # the shape tests and scripts rely on


def test_nl_prints_one_json_object_per_row() -> None:
    lines = invoke(listing, "--nl").output.splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert invoke(listing, "--nl", "--limit", "0").output == ""


def test_csv_has_a_header_and_one_record_per_row() -> None:
    output = invoke(listing, "--csv").output
    records = list(csv.DictReader(io.StringIO(output)))
    assert [record["id"] for record in records] == ["2", "1"]
    assert records[0]["title"] == "Budget \\x1b[2Jvote"  # escaped like text: a CSV is printed too
    assert records[1]["title"] == 'Council, "quoted"\nsecond line'
    assert (records[0]["site"], records[1]["site"]) == ("", "example.org")
    assert json.loads(records[0]["tags"]) == ["a", "b"]
    assert (records[0]["ok"], records[1]["ok"]) == ("true", "false")
    assert invoke(listing, "--csv", "--limit", "0").output == ""


def test_formats_cannot_be_combined() -> None:
    result = CliRunner().invoke(listing, ["--json", "--csv"])
    assert result.exit_code == 2 and "--json and --csv cannot be used together" in result.output


def test_only_listings_offer_nl_and_csv() -> None:
    assert "--nl" in invoke(listing, "--help").output
    help_text = invoke(summary, "--help").output
    assert "--json" in help_text and "--nl" not in help_text and "--csv" not in help_text
    assert CliRunner().invoke(summary, ["--csv"]).exit_code == 2


def test_json_escapes_bidi_overrides_but_keeps_the_value() -> None:
    output = invoke(summary, "--json").output
    assert "\u202e" not in output and "\\u202e" in output
    assert json.loads(output) == {"files": 2, "source": "in/\u202eevil.txt"}
    assert invoke(summary).output == "2 files from in/\\u202eevil.txt\n"


def test_the_result_type_is_checked_for_listing_formats() -> None:
    with pytest.raises(TypeError):
        print_result({"not": "a list"}, OutputFormat.NL, lambda value: [])


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)


@given(values)
def test_json_text_is_the_same_value_with_nothing_a_terminal_acts_on(value: Any) -> None:
    text = json_text(value)
    assert json.loads(text) == value
    assert not ACTIVE.search(text) and "\n" not in text


@given(
    st.lists(st.dictionaries(st.sampled_from(["id", "title", "site"]), st.text() | st.none(), min_size=1), max_size=5)
)
def test_csv_text_reads_back_as_the_printable_cells(rows: list[dict[str, Any]]) -> None:
    text = csv_text(rows)
    assert not ACTIVE.search(text.replace("\n", "").replace("\t", ""))
    if not rows:
        assert text == ""
        return
    header, *records = list(csv.reader(io.StringIO(text)))
    assert len(records) == len(rows)
    for row, record in zip(rows, records, strict=True):
        assert record == [spreadsheet_safe(printable(row.get(column) or "")) for column in header]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-3", "-3"),
        ("+1.5e3", "+1.5e3"),
        ("Plain title", "Plain title"),
        ("", ""),
    ],
)
def test_spreadsheet_formulas_are_neutralised(cell: str, written: str) -> None:
    assert spreadsheet_safe(cell) == written
    record = next(csv.reader(io.StringIO(csv_text([{"title": cell}]).split("\n", 1)[1])))
    assert record == [written]
