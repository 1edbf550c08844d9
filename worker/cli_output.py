"""How the command line prints: outside text made safe for a terminal, and a command's result as text,
JSON, newline-delimited JSON or CSV, chosen by the options `output_options` adds (as in sqlite-utils)."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, TypeVar, cast

import click

# Control characters (but newline and tab) and the bidi embeddings and overrides that can disguise text
# (plain LRM/RLM marks stay: right-to-left titles use them).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters become visible escapes such as \\x1b."""
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def echo_printable(text: str, err: bool = False) -> None:
    """click.echo for anything that holds stored or outside text (titles, names, reasons, paths)."""
    click.echo(printable(text), err=err)


def json_text(value: Any) -> str:
    """`value` as one line of JSON, non-ASCII kept as is, except what `printable` escapes: JSON itself
    escapes only \\x00-\\x1f, so DEL, the C1 controls and bidi overrides become \\u escapes (same value)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    # Outside strings JSON is plain ASCII, so every match is inside a string, where \\uXXXX means the same.
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"  # the whole result as one JSON value
    NL = "nl"  # a listing as newline-delimited JSON: one object per line
    CSV = "csv"  # a listing as CSV with a header row


Command = TypeVar("Command", bound=Callable[..., Any])


def output_options(*, listing: bool = False) -> Callable[[Command], Command]:
    """Add --json to a command (and --nl and --csv when its result is a listing: a list of flat rows);
    the command receives the choice as one `output: OutputFormat` parameter, TEXT when none is given."""
    flags = [OutputFormat.JSON, OutputFormat.NL, OutputFormat.CSV] if listing else [OutputFormat.JSON]
    helps = {
        OutputFormat.JSON: "Print the result as JSON.",
        OutputFormat.NL: "Print one JSON object per line (newline-delimited JSON).",
        OutputFormat.CSV: "Print CSV with a header row.",
    }

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def with_output(*args: Any, **kwargs: Any) -> Any:
            chosen = [flag for flag in flags if kwargs.pop(f"output_{flag}")]
            if len(chosen) > 1:
                raise click.UsageError(" and ".join(f"--{flag}" for flag in chosen) + " cannot be used together")
            return command(*args, output=chosen[0] if chosen else OutputFormat.TEXT, **kwargs)

        for flag in reversed(flags):  # reversed: click lists last the option applied first
            with_output = click.option(f"--{flag}", f"output_{flag}", is_flag=True, help=helps[flag])(with_output)
        return cast(Command, with_output)

    return decorate


Result = TypeVar("Result")


def print_result(result: Result, output: OutputFormat, text: Callable[[Result], Iterable[str]]) -> None:
    """Print a command's result in the chosen format. For TEXT, every line the command's renderer yields
    goes through `printable` (a renderer may also write notes to standard error itself, with `echo_printable`)."""
    if output is OutputFormat.JSON:
        click.echo(json_text(result))
    elif output is OutputFormat.NL:
        for row in _rows(result):
            click.echo(json_text(row))
    elif output is OutputFormat.CSV:
        click.echo(csv_text(_rows(result)), nl=False)
    else:
        for line in text(result):
            echo_printable(line)


def _rows(result: Any) -> list[dict[str, Any]]:
    if not isinstance(result, list):  # only listings get --nl and --csv: this is newsworker's own bug
        raise TypeError(f"--nl and --csv print lists of rows, not {type(result).__name__}")
    return result


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV: a header of every key (in order of first appearance), None as an empty cell, lists and
    objects as JSON; cells escaped by `printable` (a CSV printed on a terminal is still outside text) and by
    `spreadsheet_safe` (a CSV is opened in spreadsheets, and titles come from the web)."""
    if not rows:
        return ""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(printable(_cell(row.get(column)))) for column in columns])
    return buffer.getvalue()


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets ("CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet would run it as a formula (OWASP's advice);
    plain numbers such as -3 or +1.5 are left alone, since no spreadsheet evaluates them as code."""
    if cell.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes them
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
