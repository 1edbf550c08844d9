"""The README's Webhooks section works as written: its receiver (the Python block) verifies a real delivery from
`newsworker hooks test`, run by the section's own shell lines, and refuses one signed with another secret."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.webhook_receiver import free_port

pytestmark = pytest.mark.integration


def webhooks_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Webhooks\n")
    return readme[start : readme.index("\n## ", start + 1)]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", webhooks_section(), flags=re.S)


def test_the_readme_receiver_verifies_what_hooks_test_sends(settings_env: dict[str, str], tmp_path: Path) -> None:
    [receiver] = blocks("python")
    (tmp_path / "receiver.py").write_text(receiver, encoding="utf-8")
    trial = next(block for block in blocks("bash") if "receiver.py" in block)
    port = str(free_port())
    python = shlex.quote(sys.executable)
    script = re.sub(r"^newsworker ", f"{python} -m worker.cli ", trial.replace("8000", port), flags=re.M)
    script = re.sub(r"^python ", f"{python} ", script, flags=re.M)
    # Typed by hand the receiver is up long before `hooks test`; a script waits for its port.
    script = script.replace(
        "receiver.py &\n",
        f"receiver.py &\nuntil {python} -c 'import socket; socket.create_connection((\"127.0.0.1\", {port}))' 2>/dev/null;"
        " do sleep 0.1; done\n",
    )
    script = "set -e\ntrap 'kill $(jobs -p)' EXIT\n" + script
    env = {**settings_env, "PYTHONPATH": str(REPO), "PORT": port}
    shell = subprocess.Popen(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = shell.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGKILL)  # the receiver too, whatever happened
    done = subprocess.CompletedProcess(shell.args, shell.returncode, stdout, stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"hook #1: http://127.0.0.1:{port}/ answered HTTP 204 in" in done.stdout
    # The receiver printed the verified event: seq (none for a test), kind, id.
    assert re.search(r"^None hook\.test test_[0-9a-f]{32}$", done.stdout, flags=re.M), done.stdout

    # The same receiver refuses a delivery signed with another secret: `hooks test` exits 1 with its answer.
    other = subprocess.Popen(
        [sys.executable, "receiver.py"],
        cwd=tmp_path,
        env={**env, "PORT": port, "WEBHOOK_SECRET": "whsec_" + "QUFB" * 8},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        command = [sys.executable, "-m", "worker.cli", "hooks", "test", "1"]
        hook_env = {**env, "NEWSWORKER_ALLOW_PRIVATE_NETWORKS": "1"}
        for _ in range(300):
            refused = subprocess.run(command, env=hook_env, capture_output=True, text=True, timeout=60)
            if "could not be reached" not in refused.stderr:
                break
        assert refused.returncode == 1 and "HTTP 401" in refused.stderr, refused.stderr
    finally:
        other.terminate()
        other.wait(10)
