"""The `newsworker` command line. Each command is short and delegates to the modules it names."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from worker.cli_output import OutputFormat, output_options, print_result, printable
from worker.cli_output import echo_printable as _echo
from worker.config import ConfigError, Settings, load_settings
from worker.states import EventKind, Outcome, PollRequest, RetryStatus

# --limit: a number SQL and Python can both hold (a 20-digit limit overflowed SQLite's integers).
LIMIT = click.IntRange(0, 1_000_000)


class _Moment(click.ParamType):
    """A date or time in ISO 8601 ("2026-12-01", "2026-12-01T09:30", "2026-12-01T09:30+01:00"), as UTC; one
    without an offset is UTC already, as the API takes it."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from datetime import UTC, datetime

        if isinstance(value, datetime):
            return value
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T09:30Z", param, ctx)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


MOMENT = _Moment()


def _settings(ctx: click.Context) -> Settings:
    state = ctx.ensure_object(dict)
    if "settings" not in state:
        try:
            state["settings"] = load_settings()
        except ConfigError as error:  # a mistyped variable: say which, not a traceback
            raise click.ClickException(str(error)) from error
    settings: Settings = state["settings"]
    return settings


def _database(ctx: click.Context):  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import DBAPIError, OperationalError

    from worker.store.db import Database

    state = ctx.ensure_object(dict)
    if "database" not in state:
        try:
            state["database"] = Database(_settings(ctx).database_url)
        except (OperationalError, DBAPIError, OSError) as error:  # unreadable file, full disk, server down
            message = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise click.ClickException(f"the database cannot be opened: {message}") from error
    return state["database"]


@click.group()
@click.version_option(package_name="newsworker")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """newsworker: an event-driven ingestion worker for news articles, pages and feeds."""
    from worker.logs import configure_logging

    configure_logging(_settings(ctx))


# --- in-process ingestion -------------------------------------------------------------------------


def iter_input_files(paths: tuple[Path, ...]) -> Iterator[tuple[Path, Path | None, str | None]]:
    """(file, boundary, problem) for files named, and for files under folders named (recursively, sorted,
    dotfiles skipped); a file found in a folder must stay inside it, so a link out of the folder is refused.
    A folder that cannot be listed (unreadable, or its path over PATH_MAX) comes with the problem instead."""
    for path in paths:
        if not (path.is_dir() and not path.is_symlink()):
            yield path, None, None
            continue
        root = path.resolve()
        # A stack of listings, not recursion: a chain of thousands of nested folders must not overflow.
        listings: list[Iterator[os.DirEntry[str]]] = []
        problem = _push_listing(listings, path)
        if problem:
            yield path, root, problem
        while listings:
            entry = next(listings[-1], None)
            if entry is None:
                listings.pop()
                continue
            if entry.name.startswith("."):
                continue
            child = Path(entry.path)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if not is_folder:
                yield child, root, None
            elif problem := _push_listing(listings, child):
                yield child, root, problem


def _push_listing(listings: list[Iterator[os.DirEntry[str]]], folder: Path) -> str | None:
    """Push the folder's entries, sorted by name; the reason it could not be listed, if so."""
    try:
        with os.scandir(folder) as listing:
            listings.append(iter(sorted(listing, key=lambda entry: entry.name)))
    except OSError as error:
        return f"the folder could not be listed: {error.strerror or error}"
    return None


EXIT_INTERNAL_ERRORS = 3


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options()
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], output: OutputFormat) -> None:
    """Ingest files or folders in this process, with no broker.

    Every file is ingested, whatever happens to the others. Exit status: 0 when every file was stored
    or rejected (a rejection is bad input, recorded with its reason: see `newsworker rejects`); 3 when
    some files hit an internal error (newsworker's bug: see `newsworker errors`, then `newsworker retry`
    after an upgrade); 1 for an `Error:` that stopped the command (usage, database unavailable).

    Example: newsworker ingest seeds/
    """
    import logging

    from worker.errors import StoreUnavailableError, UnreadableInputError
    from worker.ingest import Ingestor, display_path

    # One line per document is for workers' logs; here the summary below says it all.
    logging.getLogger("worker.ingest").setLevel(logging.CRITICAL)
    ingestor = Ingestor(_settings(ctx), _database(ctx))
    files = list(iter_input_files(paths))
    counts: Counter[str] = Counter()
    rejected: list[dict[str, str | None]] = []
    errors: list[dict[str, str | None]] = []
    show_progress = sys.stderr.isatty() and len(files) > 20 and output is OutputFormat.TEXT
    with click.progressbar(files, label="ingesting", file=sys.stderr) if show_progress else _plain(files) as bar:
        for path, boundary, problem in bar:
            try:
                if problem is None:
                    outcome = ingestor.ingest_file(path, inbox=boundary)
                else:
                    outcome = ingestor.reject(display_path(path), "file", UnreadableInputError(problem))
            except StoreUnavailableError as error:  # read-only or immutable database, full disk: stop, say why
                done = sum(counts.values())
                raise click.ClickException(
                    f"{printable(error.reason)} (at {display_path(path)}; {done} done)"
                ) from error
            if outcome.status == Outcome.REJECTED:
                counts[Outcome.REJECTED.key] += 1
                rejected.append({"source": outcome.source, "reason": outcome.reason})
            elif outcome.status == Outcome.ERROR:
                counts["errors"] += 1
                stage = outcome.failure.stage if outcome.failure else None
                errors.append({"source": outcome.source, "stage": stage, "reason": outcome.reason})
            elif outcome.status == Outcome.IMPORTED:  # an OPML list: its feeds were added to the polled list
                counts["feed_lists"] += 1
                _echo(f"  {outcome.source}: {outcome.reason}", err=True)
            for document in outcome.documents:
                counts[Outcome(document.status).key] += 1
    summary = {
        "files": len(files),
        # Keys from the outcomes (near-duplicate counts as "near_duplicate"): part of `ingest --json`.
        **{
            status.key: counts[status.key]
            for status in (Outcome.STORED, Outcome.DUPLICATE, Outcome.NEAR_DUPLICATE, Outcome.REJECTED)
        },
        "rejections": rejected,
        "errors": counts["errors"],
        "internal_errors": errors,
        "feed_lists": counts["feed_lists"],
    }
    print_result(summary, output, _ingest_lines)
    if errors:
        ctx.exit(EXIT_INTERNAL_ERRORS)


def _ingest_lines(summary: dict[str, Any]) -> Iterator[str]:
    """The counts on standard output; each rejection and internal error on standard error."""
    yield (
        f"{summary['files']} files: {summary['stored']} stored, {summary['duplicate']} duplicate, "
        f"{summary['near_duplicate']} near-duplicate, {summary['rejected']} rejected, {summary['errors']} errors"
    )
    for item in summary["rejections"]:
        _echo(f"  rejected {item['source']}: {item['reason']}", err=True)
    for item in summary["internal_errors"]:
        _echo(f"  error {item['source']}: {item['reason']}", err=True)
    if summary["internal_errors"]:
        _echo("  (internal errors: see `newsworker errors`; `newsworker retry` runs them again)", err=True)


class _plain:
    def __init__(self, items: list[tuple[Path, Path | None, str | None]]) -> None:
        self.items = items

    def __enter__(self) -> list[tuple[Path, Path | None, str | None]]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


# --- reading what is stored -----------------------------------------------------------------------


class _ListByDefault(click.Group):
    """A group that runs its `list` command when given no command: `articles --limit 5` is `articles list --limit 5`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in self.get_help_option_names(ctx)):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_ListByDefault)
def articles() -> None:
    """Stored articles: the newest (`articles` alone is `articles list`), one in full, or a search.

    Example: newsworker articles --limit 5 --csv
    """


@articles.command("list")
@click.option("--limit", default=20, show_default=True, type=LIMIT)
@click.option(
    "--entity", metavar="NAME", help="Only articles mentioning it under any of its names (as `entities NAME`)."
)
@click.option("--language", metavar="CODE", help="Only articles in this language (en, de...).")
@click.option("--feed", "feed_id", type=click.IntRange(1), metavar="ID", help="Only articles seen in this feed.")
@click.option("--published-after", type=MOMENT, help="Only articles published at or after this date or time (UTC).")
@click.option("--published-before", type=MOMENT, help="Only articles published before this date or time (UTC).")
@output_options(listing=True)
@click.pass_context
def articles_list(
    ctx: click.Context,
    limit: int,
    entity: str | None,
    language: str | None,
    feed_id: int | None,
    published_after: Any,
    published_before: Any,
    output: OutputFormat,
) -> None:
    """List the newest articles (what `newsworker articles` alone does), optionally only those that meet every
    filter given. An article whose page gave no publication date is left out by either --published option.

    Example: newsworker articles --entity "United States" --published-after 2026-12-01 --limit 5
    """
    from worker.store import queries

    with _database(ctx).session() as session:
        conditions = queries.article_conditions(
            session,
            feed_id=feed_id,
            language=language,
            entity=entity,
            published_after=published_after,
            published_before=published_before,
        )
        rows = queries.latest_articles(session, limit, conditions)
    print_result(rows, output, _article_lines)


def _article_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        near = f"  ~#{row['near_duplicate_of']}" if row.get("near_duplicate_of") else ""
        yield f"#{row['id']:<6} {(row['published_at'] or '')[:10]:<10}  {row['site'] or '-':<22.22} {row['title']}{near}"


@articles.command("show")
@click.argument("article_id", type=int)
@output_options()
@click.pass_context
def articles_show(ctx: click.Context, article_id: int, output: OutputFormat) -> None:
    """Show one article with its entities, sightings and near-duplicates. Example: newsworker articles show 1"""
    from worker.store import queries

    with _database(ctx).session() as session:
        record = queries.article_detail(session, article_id)
    if record is None:
        raise click.ClickException(f"no article #{article_id}")
    print_result(record, output, _article_detail_lines)


def _article_detail_lines(record: dict[str, Any]) -> Iterator[str]:
    yield f"#{record['id']}  {record['title']}"
    for label in ("site", "url", "authors", "published_at", "language", "source", "content_hash", "tagger_backend"):
        value = record[label]
        yield f"  {label:<15} {', '.join(value) if isinstance(value, list) else value}"
    if record.get("credit"):
        yield f"  {'credit':<15} {record['credit']}"
    if record.get("untagged_reason"):
        yield f"  {'untagged':<15} {record['untagged_reason']}"
    if record["near_duplicate_of"]:
        yield f"  near-duplicate of #{record['near_duplicate_of']}"
    if record["near_duplicates"]:
        yield "  near-duplicates: " + ", ".join(f"#{i}" for i in record["near_duplicates"])
    yield "  seen at: " + "; ".join(
        f"{s['source']}{' via ' + s['via'] if s.get('via') else ''} ({s['first_seen_at'][:19]})"
        for s in record["sightings"]
    )
    yield "  entities: " + ", ".join(f"{e['name']} [{e['type']}] x{e['count']}" for e in record["entities"][:30])
    yield ""
    yield record["text"]


@articles.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=LIMIT)
@output_options(listing=True)
@click.pass_context
def articles_search(ctx: click.Context, text: str, limit: int, output: OutputFormat) -> None:
    """Full-text search over titles and bodies. Example: newsworker articles search "Khamenei" """
    from worker.store import queries

    with _database(ctx).session() as session:
        rows = queries.search_articles(session, text, limit)
    print_result(rows, output, _article_lines)


@cli.command()
@click.argument("name", required=False)
@click.option("--type", "entity_type", help="Only this type (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT).")
@click.option("--limit", default=30, show_default=True, type=LIMIT)
@output_options(listing=True)
@click.pass_context
def entities(ctx: click.Context, name: str | None, entity_type: str | None, limit: int, output: OutputFormat) -> None:
    """Top entities, or the articles mentioning NAME under any of its names ("US" finds United States).
    Example: newsworker entities "Ali Khamenei" """
    from worker.store import queries

    with _database(ctx).session() as session:
        if name:
            print_result(queries.articles_mentioning(session, name, entity_type, limit), output, _mention_lines)
        else:
            print_result(queries.top_entities(session, entity_type, limit), output, _top_entity_lines)


@cli.command()
@click.option(
    "--after",
    "after_id",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Only articles with a higher id (resume an interrupted run from its last id).",
)
@click.option(
    "--batch", default=200, show_default=True, type=click.IntRange(1, 10_000), help="Articles read at a time."
)
@output_options()
@click.pass_context
def retag(ctx: click.Context, after_id: int, batch: int, output: OutputFormat) -> None:
    """Tag stored articles again with the current tagger (after an upgrade of its rules or data).

    Decides each article's language again from its text (a page's wrong <html lang> filed German articles as
    English), replaces its entities, tagger_backend and untagged_reason, and drops gazetteer aliases the
    gazetteer now gives to another place or body. Safe beside running workers. Example: newsworker retag"""
    from worker.ingest import build_pipeline
    from worker.store.retag import retag_articles

    tagger = build_pipeline(_settings(ctx)).tagger

    def progress(summary: Any) -> None:
        if output is OutputFormat.TEXT:
            _echo(f"... {summary.articles} articles, up to #{summary.last_id}", err=True)

    summary = retag_articles(_database(ctx), tagger, after_id=after_id, batch=batch, progress=progress)
    print_result(summary.as_dict(), output, _retag_lines)


def _retag_lines(result: dict[str, Any]) -> Iterator[str]:
    yield f"{result['articles']} articles tagged again, {result['changed']} with other entities than before"
    if result["language_changed"]:
        yield f"{result['language_changed']} filed under another language: the one their text is in"
    yield f"{result['stale_aliases_removed']} stale gazetteer aliases removed; last article #{result['last_id']}"
    if result["failed"]:
        yield f"{len(result['failed'])} could not be tagged (their entities are kept; see the log): " + ", ".join(
            f"#{article_id}" for article_id in result["failed"]
        )


def _mention_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield f"#{row['id']:<6} x{row['count']:<4} {row['title']}  [{row['type']} {row['entity']}]"


def _top_entity_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield f"{row['articles']:>6} articles {row['mentions']:>7} mentions  {row['type']:<7} {row['name']}"


@cli.command()
@click.option("--limit", default=50, show_default=True, type=LIMIT)
@output_options(listing=True)
@click.pass_context
def rejects(ctx: click.Context, limit: int, output: OutputFormat) -> None:
    """What was rejected, and why. Example: newsworker rejects"""
    from worker.store import queries

    with _database(ctx).session() as session:
        rows = queries.rejections(session, limit)
    print_result(rows, output, _rejection_lines)


def _rejection_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        times = f" (x{row['times']})" if row["times"] > 1 else ""
        yield f"{row['rejected_at'][:19]}  {row['source']!r}{times}\n    {row['reason']}"


@cli.command()
@click.option("--limit", default=50, show_default=True, type=LIMIT)
@click.option("--stage", help="Only errors in this stage (read, sniff, decode, extract, tag, store, worker...).")
@click.option("--kind", type=click.Choice(["file", "entry", "url"]), help="Only this kind of input.")
@output_options(listing=True)
@click.pass_context
def errors(ctx: click.Context, limit: int, stage: str | None, kind: str | None, output: OutputFormat) -> None:
    """Inputs that hit an internal error (newsworker's bug, not bad input), with the stage and the reason.

    They are kept (files in the inbox's failed/ folder) until `newsworker retry` runs them again.
    Example: newsworker errors --stage tag
    """
    from worker.store import queries

    with _database(ctx).session() as session:
        rows = queries.input_errors(session, limit, stage=stage, kind=kind)
    print_result(rows, output, _input_error_lines)


def _input_error_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        times = f" (x{row['times']})" if row["times"] > 1 else ""
        yield f"#{row['id']:<5} {row['failed_at'][:19]}  {row['kind']:<5} {row['source']!r}{times}"
        yield f"    {row['stage']}: {row['error_type']}: {row['message']} (newsworker {row['version']})"
        if row["moved_to"]:
            yield f"    kept at {row['moved_to']}"


@cli.command()
@click.argument("ids", nargs=-1, type=int)
@click.option("--stage", help="Only errors in this stage.")
@click.option("--kind", type=click.Choice(["file", "entry", "url"]), help="Only this kind of input.")
@click.option("--queue", is_flag=True, help="Send them to the workers instead of running them in this process.")
@output_options(listing=True)
@click.pass_context
def retry(
    ctx: click.Context, ids: tuple[int, ...], stage: str | None, kind: str | None, queue: bool, output: OutputFormat
) -> None:
    """Run again the inputs that ended in an internal error: all, or those given by id (see `newsworker errors`).

    Files come back from failed/ and, once stored, go to processed/. Exit status 3 when some still fail.
    Example: newsworker retry --stage tag
    """
    from worker.retry import retry_errors

    results = retry_errors(_settings(ctx), _database(ctx), ids=ids, stage=stage, kind=kind, queue=queue)
    print_result([result.record() for result in results], output, _retry_lines)
    if any(result.status in (Outcome.ERROR, RetryStatus.FAILED, RetryStatus.MISSING) for result in results):
        ctx.exit(EXIT_INTERNAL_ERRORS)


def _retry_lines(records: list[dict[str, Any]]) -> Iterator[str]:
    if not records:
        _echo("no errors to retry", err=True)
    for record in records:
        yield f"#{record['id']} {record['source']}: {record['status']}: {record['message']}"


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--since",
    type=click.IntRange(0),
    help="Only articles stored after this change-feed seq (the number the previous export printed).",
)
@click.option("--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, since: int | None, output: Path | None) -> None:
    """Export articles, one JSON record per line (or CSV). Example: newsworker export --output articles.jsonl

    With --since SEQ only the articles stored after that seq, in the order they were stored. The last seq the
    export covers is printed at the end: alone on standard output with --output (so a script can keep it), on
    standard error with --since to standard output; pass it as --since next time. The file is written under a temporary name and
    renamed into place; the database and the other files of NEWSWORKER_HOME are refused as outputs.
    """
    from worker.export import ExportError, check_output, write_export
    from worker.store import queries
    from worker.store.events import last_sequence

    try:
        if output is not None:
            check_output(output, _settings(ctx))  # before the database is opened: it could be the output
        with _database(ctx).session() as session:
            # Read first: every event up to it is committed (worker/store/events.py), so the next export
            # can start there without missing one.
            through = max(last_sequence(session), since or 0)
            records = (
                queries.export_records(session)
                if since is None
                else queries.stored_since_records(session, since, through)
            )
            count = write_export(records, output, fmt)
    except ExportError as error:
        raise click.ClickException(str(error)) from error
    if output:
        _echo(f"exported {count} articles to {output}; next time: --since {through}", err=True)
        click.echo(through)
    elif since is not None:  # a full export to standard output prints nothing else, as it always did
        _echo(f"exported {count} articles; next time: --since {through}", err=True)


@cli.command()
@click.option("--after", default=0, show_default=True, type=click.IntRange(0), help="Only events after this seq.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in EventKind]),
    help="Only events of this kind (repeat for several).",
)
@click.option(
    "--limit", default=100, show_default=True, type=click.IntRange(1, 10_000), help="Events to print (per poll)."
)
@click.option("--follow", is_flag=True, help="Keep polling and print new events as they commit, until Ctrl-C.")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.05), help="Seconds between polls.")
@output_options(listing=True)
@click.pass_context
def events(
    ctx: click.Context,
    after: int,
    kinds: tuple[str, ...],
    limit: int,
    follow: bool,
    interval: float,
    output: OutputFormat,
) -> None:
    """The change feed: what was stored, seen again, linked, rejected or failed, in commit order.

    Events come in seq order; keep the last seq you read and pass it as --after next time. With --follow the
    command keeps printing (one JSON object per line with --json or --nl) until interrupted.
    Example: newsworker events --after 120 --kind article.stored --json
    """
    from worker.store.events import event_record, events_after

    database = _database(ctx)
    if not follow:
        with database.session() as session:
            rows = [event_record(row) for row in events_after(session, after, limit=limit, kinds=kinds)]
        print_result(rows, output, _event_lines)
        return
    _follow_events(database, after, kinds, limit, interval, output)


def _follow_events(
    database: Any, after: int, kinds: tuple[str, ...], limit: int, interval: float, output: OutputFormat
) -> None:
    """Print batches of new events until SIGINT or SIGTERM, which end the command cleanly (exit status 0); a
    database that cannot be read for a while (a restart) is said on standard error and tried again."""
    import signal
    import threading

    from worker.cli_output import csv_text, json_text
    from worker.store.events import follow_events

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    header_printed = False
    try:
        batches = follow_events(
            database.session,
            after,
            stop,
            limit=limit,
            kinds=kinds,
            interval=interval,
            on_outage=lambda problem: _echo(f"the database cannot be read ({problem}); trying again", err=True),
        )
        for batch in batches:
            if output in (OutputFormat.JSON, OutputFormat.NL):
                for record in batch:
                    click.echo(json_text(record))
            elif output is OutputFormat.CSV:
                lines = csv_text(batch)
                click.echo(lines if not header_printed else lines.partition("\n")[2], nl=False)
                header_printed = True
            else:
                for line in _event_lines(batch):
                    _echo(line)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _event_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        payload = row["payload"]
        what = f"article {row['article_id']}" if row["article_id"] is not None else f"feed {row['feed_id']}"
        if row["article_id"] is None and row["feed_id"] is None:
            what = "-"
        detail = payload.get("title") or payload.get("reason") or payload.get("url") or ""
        yield f"{row['seq']:>8}  {row['created_at'][:19]}  {row['kind']:<22} {what:<14} {row['source'] or ''}"
        if detail:
            yield f"          {detail}"


@cli.command()
@output_options()
@click.pass_context
def status(ctx: click.Context, output: OutputFormat) -> None:
    """Counts of articles, duplicates, rejections and tasks; queues and the workers taking each.

    Warns when tasks wait on a queue no worker takes. Example: newsworker status --json
    """
    from worker.status import collect_status

    print_result(collect_status(_settings(ctx), _database(ctx)), output, _status_lines)


def _status_lines(report: dict[str, Any]) -> Iterator[str]:
    for key, value in report.items():
        if key in ("workers", "warnings"):
            continue
        if isinstance(value, dict):
            yield f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items())
        else:
            yield f"{key}: {value}"
    workers = report["workers"]
    if workers is not None:
        yield f"workers: {len(workers)} answering" + ("" if workers else " (none)")
        for name, queues in workers.items():
            yield f"  {name}: {', '.join(queues) or 'no queue'}"
    for warning in report["warnings"]:
        yield f"warning: {warning}"


# --- feeds -----------------------------------------------------------------------------------------


@cli.group()
def feeds() -> None:
    """The feeds beat polls. Schedules live in the database: adding, removing or re-timing needs no restart.

    Example: newsworker feeds add https://feeds.npr.org/1004/rss.xml --every 30m
    """


@feeds.command("add")
@click.argument("url")
@click.option("--every", help="Time between polls: 30s, 15m, 2h, 1d (default: NEWSWORKER_FEED_EVERY, 15m).")
@click.option("--name", help="What `feeds list` calls it (default: the feed's own title).")
@click.pass_context
def feeds_add(ctx: click.Context, url: str, every: str | None, name: str | None) -> None:
    """Add a feed, polled from beat's next tick; an URL already added is re-timed or renamed.

    Example: newsworker feeds add https://feeds.bbci.co.uk/news/world/rss.xml --every 15m --name "BBC World"
    """
    from worker.feeds import FeedListError, FeedSpec, add_feed, format_duration, parse_every

    try:
        spec = FeedSpec(url=url, name=name, every_seconds=parse_every(every) if every else None)
        with _database(ctx).session() as session, session.begin():
            feed, what = add_feed(session, spec, _settings(ctx).feed_default_every)
            line = f"{what} feed #{feed.id} {feed.url} every {format_duration(feed.every_seconds)}"
    except FeedListError as error:
        raise click.ClickException(str(error)) from error
    _echo(line)


@feeds.command("list")
@output_options(listing=True)
@click.pass_context
def feeds_list(ctx: click.Context, output: OutputFormat) -> None:
    """Every feed: last and next poll, last status, errors, items found. Example: newsworker feeds list"""
    from worker.feeds import feed_rows

    with _database(ctx).session() as session:
        rows = feed_rows(session)
    print_result(rows, output, _feed_lines)


def _feed_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        _echo("no feeds yet: newsworker feeds add URL", err=True)
        return
    yield f"{'ID':>4}  {'EVERY':<6} {'LAST POLL':<19}  {'NEXT POLL':<19}  {'STATUS':<14} {'ERRORS':>6} {'ITEMS':>6}  FEED"
    for row in rows:
        yield (
            f"{row['id']:>4}  {row['every']:<6} {(row['last_polled_at'] or 'never')[:19]:<19}  "
            f"{(row['next_poll_at'] or '')[:19]:<19}  {row['last_status'] or '-':<14.14} {row['error_count']:>6} "
            f"{row['items_found']:>6}  {row['name'] or ''} {row['url']}".rstrip()
        )
        if row["last_error"]:
            yield f"{'':>6}error: {row['last_error']}"
        if row["parse_problem"]:
            yield f"{'':>6}parse problem: {row['parse_problem']}"
        if row["entries_rejected"]:
            yield f"{'':>6}{row['entries_rejected']} entries rejected (see `newsworker rejects`)"
        if row["validators_unreliable"]:
            yield f"{'':>6}validators unreliable: polled without ETag/Last-Modified, unchanged bodies skipped by hash"


@feeds.command("remove")
@click.argument("feed_id", type=int)
@click.pass_context
def feeds_remove(ctx: click.Context, feed_id: int) -> None:
    """Stop polling a feed (its articles stay). Example: newsworker feeds remove 3"""
    from worker.feeds import remove_feed

    with _database(ctx).session() as session, session.begin():
        url = remove_feed(session, feed_id)
    if url is None:
        raise click.ClickException(f"no feed #{feed_id}")
    click.echo(f"removed feed #{feed_id} {url}")


@feeds.command("import")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.pass_context
def feeds_import(ctx: click.Context, path: Path) -> None:
    """Add the feeds of an OPML list, a feeds.toml or a feeds.json (checked against schemas/feeds.schema.json).

    A feeds file also updates the name and interval of feeds already added; an OPML list leaves them alone.
    Example: newsworker feeds import feeds.toml
    """
    from worker.feeds import FeedListError, import_feeds, load_feed_list

    try:
        specs = load_feed_list(path)
    except FeedListError as error:
        raise click.ClickException(f"{path}: {error}") from error
    with _database(ctx).session() as session, session.begin():
        report = import_feeds(
            session,
            specs,
            _settings(ctx).feed_default_every,
            update_existing=path.suffix.lower() in {".toml", ".json"},
            max_feeds=_settings(ctx).max_feeds_per_list,
        )
    _echo(f"{path}: {report.summary()}")


@feeds.command("poll")
@click.argument("feed_id", type=int, required=False)
@click.option("--here", is_flag=True, help="Poll and ingest in this process, with no broker (for cron).")
@click.option(
    "--queue-anyway",
    is_flag=True,
    help="Queue even when no worker listens (workers started later take the polls; each feed stays claimed 10 min).",
)
@output_options(listing=True)
@click.pass_context
def feeds_poll(ctx: click.Context, feed_id: int | None, here: bool, queue_anyway: bool, output: OutputFormat) -> None:
    """Poll one feed, or every feed, now (due or not). Example: newsworker feeds poll --here"""
    settings, database = _settings(ctx), _database(ctx)
    if here:
        from worker.metrics import count_feed_poll
        from worker.sources.poller import poll_feeds_here

        summaries = poll_feeds_here(settings, database, feed_id)
        for summary in summaries:
            if summary["status"] != PollRequest.BUSY:
                count_feed_poll(settings, summary["status"])
    else:
        if not queue_anyway:
            _require_listening_workers(settings)
        from worker.tasks import queue_feed_polls

        summaries = queue_feed_polls(database, feed_id)
    if feed_id is not None and not summaries:
        raise click.ClickException(f"no feed #{feed_id}")
    print_result(summaries, output, _poll_lines)


def _poll_lines(summaries: list[dict[str, Any]]) -> Iterator[str]:
    for summary in summaries:
        yield f"feed #{summary['feed_id']}: {summary['message']}"


def _require_listening_workers(settings: Settings) -> None:
    """Refuse to queue work (and so to claim a feed) that no worker would take: say so, and what to do."""
    from worker.config import redact_url
    from worker.health import BrokerUnavailable, check_broker, workers_listening

    here = "poll in this process instead: newsworker feeds poll --here"
    try:
        check_broker(settings)
    except BrokerUnavailable as error:
        raise click.ClickException(
            f"{error}; nothing was queued. Start the stack (newsworker up), or {here}"
        ) from error
    from worker.celery_app import app

    if not workers_listening(app):
        raise click.ClickException(
            f"no worker is listening on {redact_url(settings.broker_url)}: nothing was queued. "
            f"Start one (newsworker up, or newsworker worker), or {here}"
        )


# --- webhooks ----------------------------------------------------------------------------------------


@cli.group(cls=_ListByDefault)
def hooks() -> None:
    """Webhooks: events POSTed to a URL as they happen, signed, in order, at least once (`hooks` alone lists them).

    Example: newsworker hooks add https://example.com/newsworker --events stored,near-duplicate
    """


@hooks.command("add")
@click.argument("url")
@click.option(
    "--events",
    help="Kinds to send, comma-separated: stored, seen-again, near-duplicate, rejected, error, feed-failing, "
    "feed-recovered (or full names such as article.stored); default: all, including kinds added later.",
)
@click.option("--secret", help="whsec_ and the base64 of 24 to 64 bytes; default: a new random one, printed once.")
@click.option("--from-start", is_flag=True, help="Send every event already recorded too (default: only new ones).")
@click.option("--after", type=click.IntRange(0), help="Start after this event sequence number.")
@output_options()
@click.pass_context
def hooks_add(
    ctx: click.Context,
    url: str,
    events: str | None,
    secret: str | None,
    from_start: bool,
    after: int | None,
    output: OutputFormat,
) -> None:
    """Add a webhook. It receives the events recorded from now on (--from-start: all of them; --after SEQ).

    Example: newsworker hooks add https://example.com/newsworker --events stored
    """
    from worker.hooks import HookError, add_hook, parse_event_filter

    if from_start and after is not None:
        raise click.UsageError("--from-start and --after cannot be used together")
    settings = _settings(ctx)
    try:
        kinds = parse_event_filter(events)
        with _database(ctx).session() as session, session.begin():
            added = add_hook(
                session,
                url,
                event_kinds=kinds,
                secret=secret,
                after=0 if from_start else after,
                allow_private_networks=settings.allow_private_networks,
            )
            hook = added.hook
            result = {
                "id": hook.id,
                "url": hook.url,
                "events": hook.event_kinds,
                "cursor": hook.cursor,
                "secret": added.secret,  # only when generated: shown this once
                "warnings": added.warnings,
            }
    except HookError as error:
        raise click.ClickException(str(error)) from error
    print_result(result, output, _hook_added_lines)


def _hook_added_lines(result: dict[str, Any]) -> Iterator[str]:
    from worker.hooks import short_name

    kinds = ",".join(short_name(kind) for kind in result["events"]) if result["events"] else "all"
    yield f"added hook #{result['id']} {result['url']}: events {kinds}, after event {result['cursor']}"
    if result["secret"]:
        yield f"secret: {result['secret']}"
        _echo("(shown only now: the receiver verifies each delivery's signature with it)", err=True)
    for warning in result["warnings"]:
        _echo(f"warning: {warning}", err=True)


@hooks.command("list")
@output_options(listing=True)
@click.pass_context
def hooks_list(ctx: click.Context, output: OutputFormat) -> None:
    """Every hook: state, cursor, events behind, failures, last error. Example: newsworker hooks list --json"""
    from worker.hooks import hook_rows

    with _database(ctx).session() as session:
        rows = hook_rows(session)
    print_result(rows, output, _hook_lines)


def _hook_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    if not rows:
        _echo("no hooks yet: newsworker hooks add URL", err=True)
        return
    yield f"{'ID':>4}  {'STATE':<7} {'CURSOR':>8} {'BEHIND':>7} {'SENT':>7} {'FAILS':>5}  {'LAST SUCCESS':<19}  EVENTS / URL"
    for row in rows:
        yield (
            f"{row['id']:>4}  {row['state']:<7} {row['cursor']:>8} {row['behind']:>7} {row['delivered']:>7} "
            f"{row['failures']:>5}  {(row['last_success_at'] or 'never')[:19]:<19}  {row['events']} {row['url']}"
        )
        if row["last_error"]:
            yield f"{'':>6}error: {row['last_error']}"
        if row["next_attempt_at"] and row["state"] == "active":
            yield f"{'':>6}next attempt: {row['next_attempt_at'][:19]}"


@hooks.command("remove")
@click.argument("hook_id", type=int)
@click.pass_context
def hooks_remove(ctx: click.Context, hook_id: int) -> None:
    """Stop and delete a hook (the events stay). Example: newsworker hooks remove 1"""
    from worker.hooks import remove_hook

    with _database(ctx).session() as session, session.begin():
        url = remove_hook(session, hook_id)
    if url is None:
        raise click.ClickException(f"no hook #{hook_id}")
    _echo(f"removed hook #{hook_id} {url}")


@hooks.command("resume")
@click.argument("hook_id", type=int)
@click.pass_context
def hooks_resume(ctx: click.Context, hook_id: int) -> None:
    """Deliver again to a paused hook, from its cursor (nothing was skipped). Example: newsworker hooks resume 1"""
    from worker.hooks import resume_hook

    with _database(ctx).session() as session, session.begin():
        hook = resume_hook(session, hook_id)
        line = None if hook is None else f"resumed hook #{hook_id} {hook.url}: delivering after event {hook.cursor}"
    if line is None:
        raise click.ClickException(f"no hook #{hook_id}")
    _echo(line)


@hooks.command("rotate")
@click.argument("hook_id", type=int)
@click.option("--secret", help="The new secret (whsec_ and base64); default: a new random one, printed once.")
@click.option(
    "--overlap",
    default="24h",
    show_default=True,
    help="How long the old secret also signs each delivery (30m, 24h, 7d; 0: it stops at once).",
)
@output_options()
@click.pass_context
def hooks_rotate(ctx: click.Context, hook_id: int, secret: str | None, overlap: str, output: OutputFormat) -> None:
    """Give a hook a new signing secret. Until --overlap has passed, each delivery carries two signatures, by the
    new secret and the old, so the receiver can switch to the new one whenever it likes without a refused delivery.

    Example: newsworker hooks rotate 1 --overlap 2h
    """
    from datetime import timedelta

    from worker.config import parse_duration
    from worker.hooks import HookError, rotate_secret
    from worker.store.models import iso_utc

    try:
        overlap_seconds = 0.0 if overlap.strip() in ("0", "0s", "0m", "0h", "0d") else parse_duration(overlap)
    except ValueError:
        raise click.BadParameter(
            f"not a duration: {overlap!r} (use e.g. 30m, 24h, 7d, or 0)", param_hint="--overlap"
        ) from None
    try:
        with _database(ctx).session() as session, session.begin():
            rotated = rotate_secret(session, hook_id, secret, timedelta(seconds=overlap_seconds))
            result = None
            if rotated is not None:
                result = {
                    "id": hook_id,
                    "url": rotated.hook.url,
                    "secret": rotated.secret,  # only when generated: shown this once
                    "old_secret_signs_until": iso_utc(rotated.old_signs_until),
                }
    except HookError as error:
        raise click.ClickException(str(error)) from error
    if result is None:
        raise click.ClickException(f"no hook #{hook_id}")
    print_result(result, output, _hook_rotated_lines)


def _hook_rotated_lines(result: dict[str, Any]) -> Iterator[str]:
    until = result["old_secret_signs_until"]
    yield f"rotated the secret of hook #{result['id']} {result['url']}: " + (
        f"the old secret also signs until {until}" if until else "the old secret no longer signs"
    )
    if result["secret"]:
        yield f"secret: {result['secret']}"
        _echo("(shown only now: give it to the receiver)", err=True)


@hooks.command("test")
@click.argument("hook_id", type=int)
@output_options()
@click.pass_context
def hooks_test(ctx: click.Context, hook_id: int, output: OutputFormat) -> None:
    """Send a signed test event (kind hook.test) to the hook now and say what the receiver answered.

    Its cursor, counts and state stay as they are. Exit 1 unless the answer is 2xx. Example: newsworker hooks test 1
    """
    from worker.errors import FetchError
    from worker.hooks import send_ping
    from worker.sources.poller import make_http_client

    settings = _settings(ctx)
    with _database(ctx).session() as session, make_http_client(settings) as client:
        try:
            event_id, answer = send_ping(session, client, hook_id, settings)
        except LookupError as error:
            raise click.ClickException(str(error)) from error
        except FetchError as error:
            raise click.ClickException(f"hook #{hook_id}: {printable(error.reason)}") from error
    result = {
        "hook_id": hook_id,
        "event_id": event_id,
        "url": answer.url,
        "status": answer.status,
        "elapsed_ms": round(answer.elapsed_ms, 1),
        "answer": answer.body.decode("utf-8", "replace"),
    }
    print_result(result, output, _hook_test_lines)


def _hook_test_lines(result: dict[str, Any]) -> Iterator[str]:
    yield (
        f"hook #{result['hook_id']}: {result['url']} answered HTTP {result['status']} in {result['elapsed_ms']:.0f} ms "
        f"(test event {result['event_id']})"
    )


@cli.command()
@click.option(
    "--check",
    "only",
    multiple=True,
    type=click.Choice(["database", "broker", "workers", "beat", "watcher"]),
    help="Check only this (repeatable); default: everything.",
)
@click.option("--worker", "worker_name", help="With the workers check: this worker (e.g. celery@HOST) must answer.")
@output_options()
@click.pass_context
def health(ctx: click.Context, only: tuple[str, ...], worker_name: str | None, output: OutputFormat) -> None:
    """Exit 0 only if the database, broker, workers, beat and watcher are alive and recent.

    Beat and the watcher are judged by the heartbeats they write into Redis. Example: newsworker health --json
    """
    from worker.health import CHECKS, run_checks

    checks = run_checks(_settings(ctx), only or CHECKS, worker=worker_name)
    healthy = all(check.ok for check in checks)
    report = {"ok": healthy, "checks": {check.name: check.as_dict() for check in checks}}
    print_result(report, output, _health_lines)
    ctx.exit(0 if healthy else 1)


def _health_lines(report: dict[str, Any]) -> Iterator[str]:
    for name, check in report["checks"].items():
        yield f"{'ok' if check['ok'] else 'FAILED':<7} {name:<9} {check['detail']}"


@cli.command()
@click.option("--address", help="Address to listen on (default: NEWSWORKER_METRICS_ADDRESS, else all interfaces).")
@click.option("--port", type=int, help="Port (default: NEWSWORKER_METRICS_PORT, 9808).")
@click.pass_context
def metrics(ctx: click.Context, address: str | None, port: int | None) -> None:
    """Serve Prometheus metrics (newsworker_*) at /metrics, read from the database and Redis at each scrape.

    One is enough for a whole deployment, whatever the number of workers and hosts. Example: newsworker metrics
    """
    from worker.metrics import serve_metrics

    settings = _settings(ctx)
    serve_metrics(settings, address or settings.metrics_address or "", port or settings.metrics_port)


@cli.command()
@click.option("--host", help="Address to listen on (default: NEWSWORKER_API_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default: NEWSWORKER_API_PORT, 8808).")
@click.pass_context
def api(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (read-only, plus POST /ingest); every endpoint but /healthz needs the bearer token.

    The token: NEWSWORKER_API_TOKEN, else the one `newsworker up` keeps in NEWSWORKER_HOME/api-token.
    Example: NEWSWORKER_API_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(32))') newsworker api
    """
    from worker.api import ApiConfigError, serve_api

    settings = _settings(ctx)
    try:
        serve_api(settings, host or settings.api_host, settings.api_port if port is None else port)
    except ApiConfigError as error:
        raise click.ClickException(str(error)) from error


# --- the event-driven runtime ----------------------------------------------------------------------


@cli.command()
@click.option("--inbox", type=click.Path(path_type=Path), help="Folder to watch (default: NEWSWORKER_INBOX).")
@click.option("--polling", is_flag=True, help="Poll instead of inotify (network filesystems).")
@click.pass_context
def watch(ctx: click.Context, inbox: Path | None, polling: bool) -> None:
    """Watch the inbox and send each finished file to the workers. Example: newsworker watch"""
    import signal

    from worker.health import Heartbeat
    from worker.sources.watcher import InboxWatcher
    from worker.tasks import enqueue_files

    settings = _settings(ctx)
    folder = (inbox or settings.inbox).expanduser().resolve()
    watcher = InboxWatcher(
        folder,
        _database(ctx),
        enqueue_files,
        stable_seconds=settings.stable_seconds,
        settle_seconds=settings.settle_seconds,
        resend_after=settings.resend_after,
        rescan_seconds=settings.rescan_seconds,
        polling=polling or settings.watch_polling,
        heartbeat=Heartbeat(settings, "watcher"),
    )
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    click.echo(f"watching {folder}", err=True)
    try:
        watcher.run()
    except KeyboardInterrupt:
        watcher.stop()


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run a Celery worker (extra options go to `celery worker`). Example: newsworker worker --concurrency 2

    It takes the file tasks of the watcher's inbox while it reads the same inbox identity at NEWSWORKER_INBOX;
    --no-files: never take file tasks; --files-only: take nothing else.
    """
    from worker.celery_app import app

    app.worker_main(["worker", "--loglevel", _settings(ctx).log_level, *ctx.args])


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def beat(ctx: click.Context) -> None:
    """Run Celery beat, which enqueues `poll_due_feeds` on schedule. Example: newsworker beat"""
    from worker.celery_app import app

    schedule = _settings(ctx).home / "celerybeat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    app.start(["beat", "--loglevel", _settings(ctx).log_level, "--schedule", str(schedule), *ctx.args])


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option(
    "--insecure-no-auth",
    is_flag=True,
    help="Start without FLOWER_BASIC_AUTH (anyone reaching the port sees every task).",
)
@click.pass_context
def flower(ctx: click.Context, insecure_no_auth: bool) -> None:
    """Run Flower on FLOWER_PORT with FLOWER_BASIC_AUTH=user:password; history kept in NEWSWORKER_HOME/flower.db.

    Extra options go to `celery flower`. Example: FLOWER_BASIC_AUTH=admin:s3cret newsworker flower
    """
    from worker.flower import FlowerAuthError, exec_flower

    if insecure_no_auth and not _settings(ctx).flower_basic_auth:
        click.echo("warning: Flower starts WITHOUT authentication (--insecure-no-auth)", err=True)
    try:
        exec_flower(_settings(ctx), require_auth=not insecure_no_auth, extra=tuple(ctx.args))
    except FlowerAuthError as error:
        raise click.ClickException(str(error)) from error


@cli.command()
@click.option("--concurrency", type=int, default=None, help="Worker processes (default: one per core).")
@click.pass_context
def up(ctx: click.Context, concurrency: int | None) -> None:
    """Run everything: Redis (unless REDIS_URL is set), a worker, beat, the watcher, Flower, metrics and the API; Ctrl-C stops all.

    Example: newsworker up
    """
    from worker.supervisor import StartupError, run_up

    try:
        raise SystemExit(run_up(_settings(ctx), concurrency=concurrency))
    except StartupError as error:
        raise click.ClickException(str(error)) from error


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
