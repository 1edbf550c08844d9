"""How fast one webhook delivers: N events in the events table, one hook, a receiver on 127.0.0.1 answering 204.

Runs worker/hooks.deliver_hook_events in this process (what the `deliver_hook` task runs, without the broker):
each event is read in seq order, signed, POSTed, and the hook's cursor written after the answer.

    python -m bench.hook_delivery                      # 2000 events, SQLite in a temporary folder
    python -m bench.hook_delivery --events 5000 --database-url postgresql://postgres@127.0.0.1:5432/test

PostgreSQL: the URL's database gets a private schema, dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text


class _Answer204(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver behind a web server would

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


def measure(database_url: str, events: int) -> dict[str, Any]:
    from worker.config import load_settings
    from worker.hooks import add_hook, deliver_hook_events
    from worker.sources.poller import make_http_client
    from worker.states import EventKind
    from worker.store.db import Database
    from worker.store.events import record_event

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer204)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = load_settings({"DATABASE_URL": database_url, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1"})
    database = Database(database_url)
    try:
        with database.session() as session, session.begin():
            hook = add_hook(
                session,
                f"http://127.0.0.1:{server.server_address[1]}/hook",
                event_kinds=None,
                secret=None,
                after=0,
                allow_private_networks=True,
            ).hook
            hook_id = hook.id
        with database.session() as session, session.begin():  # one transaction: the events, not their writing, matter
            for number in range(events):
                record_event(
                    session, EventKind.ARTICLE_STORED, source=f"inbox/{number}.txt", payload={"title": "x" * 60}
                )
        with make_http_client(settings) as client:
            started = time.perf_counter()
            delivered = 0
            while delivered < events:
                run = deliver_hook_events(database, client, hook_id, settings, run_seconds=3600)
                delivered += len(run.delivered)
                if run.error:
                    raise SystemExit(f"a delivery failed: {run.error}")
            seconds = time.perf_counter() - started
    finally:
        database.dispose()
        server.shutdown()
        server.server_close()
    return {
        "database": database_url.split(":", 1)[0],
        "events": events,
        "seconds": round(seconds, 2),
        "events_per_second": round(events / seconds, 1),
        "ms_per_event": round(seconds * 1000 / events, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hook_delivery", description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events to deliver (default 2000)")
    parser.add_argument("--database-url", help="a PostgreSQL URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    if args.events < 1:
        parser.error("--events must be at least 1")
    if args.database_url:
        base = args.database_url.replace("postgresql://", "postgresql+psycopg://", 1)
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            separator = "&" if "?" in base else "?"
            result = measure(f"{base}{separator}options=-csearch_path%3D{schema}", args.events)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        with tempfile.TemporaryDirectory() as folder:
            result = measure(f"sqlite:///{Path(folder) / 'bench.db'}", args.events)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
