"""Redis memory per queued task message: what a deep backlog costs the broker.

Starts a private redis-server (no persistence), sends N `ingest_file` messages to an inbox queue and N
`ingest_feed_entry` messages to the shared queue exactly as the watcher and the poller do (no worker runs, so
they all wait), and reports `used_memory` growth per message, plus the same for N task results of the size a
finished `ingest_file` leaves in Redis for `result_expires` (7 days).

    python -m bench.queue_footprint --messages 20000
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis

# A finished ingest_file's summary as the workers return it (shape from a real run; a hash of 64 hex characters).
_SUMMARY = {
    "task_id": "0" * 32,
    "redelivered": False,
    "source": "/srv/newsworker/inbox/2026/12/04/some-outlet-some-story-title-000000.html",
    "status": "stored",
    "article_id": 123456,
    "content_hash": "f" * 64,
    "near_duplicate_of": None,
    "documents": [{"status": "stored", "article_id": 123456, "content_hash": "f" * 64, "near_duplicate_of": None}],
    "reason": None,
    "timings_ms": {"read": 0.4, "extract": 41.2, "hash": 0.3, "neardup_fingerprint": 1.1, "tag": 9.8, "store": 7.4},
    "moved_to": "/srv/newsworker/inbox/processed/2026/12/04/some-outlet-some-story-title-000000.html",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])  # type: ignore[index]


def measure(messages: int) -> dict[str, float]:
    from worker.celery_app import make_celery
    from worker.config import load_settings
    from worker.queues import inbox_queue

    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed")
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="queue-footprint-"))
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        app = make_celery(load_settings({"REDIS_URL": url, "NEWSWORKER_HOME": str(workdir)}))
        inbox_id = uuid.uuid4().hex
        figures: dict[str, float] = {}
        before = _used_memory(client)
        with app.producer_or_acquire() as producer:
            for number in range(messages):
                path = f"/srv/newsworker/inbox/2026/12/04/some-outlet-some-story-title-{number:06d}.html"
                app.send_task(
                    "worker.tasks.ingest_file", args=[path], kwargs={"inbox_id": inbox_id},
                    queue=inbox_queue(inbox_id), task_id=uuid.uuid4().hex, producer=producer,
                )  # fmt: skip
        figures["ingest_file message (inbox queue)"] = (_used_memory(client) - before) / messages
        before = _used_memory(client)
        with app.producer_or_acquire() as producer:
            for number in range(messages):
                app.send_task(
                    "worker.tasks.ingest_feed_entry", args=[number], task_id=uuid.uuid4().hex, producer=producer
                )
        figures["ingest_feed_entry message (shared queue)"] = (_used_memory(client) - before) / messages
        before = _used_memory(client)
        for _number in range(messages):
            task_id = uuid.uuid4().hex
            app.backend.store_result(task_id, {**_SUMMARY, "task_id": task_id}, "SUCCESS")
        figures["ingest_file result (kept result_expires)"] = (_used_memory(client) - before) / messages
        app.close()
        return figures
    finally:
        client.close()
        server.terminate()
        server.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=20000, help="messages (and results) of each kind")
    args = parser.parse_args(argv)
    figures = measure(args.messages)
    print(f"redis used_memory growth per item, {args.messages} items of each kind:")
    for label, value in figures.items():
        print(f"  {label:<45} {value:8.0f} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
