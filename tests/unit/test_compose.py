"""docker-compose.yml: accepted by Docker Compose, and Redis is never published to the host."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO

COMPOSE_FILE = REPO / "docker-compose.yml"
DUMMY_ENV = {
    "FLOWER_BASIC_AUTH": "admin:test-password",
    "REDIS_PASSWORD": "test-redis-password",
    "NEWSWORKER_API_TOKEN": "test-api-token-0123456789",
}


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin), else the standalone `docker-compose`, else None."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    if standalone and subprocess.run([standalone, "version"], capture_output=True).returncode == 0:
        return [standalone]
    return None


def run_config(env_overrides: dict[str, str], unset: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    command = compose_command()
    if command is None:
        pytest.skip("neither the docker CLI's compose plugin nor docker-compose is installed")
    env = {**os.environ, **env_overrides}
    for name in unset:
        env.pop(name, None)
    # `config` only reads and validates the file: no Docker engine is needed.
    return subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config"], env=env, capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_compose_accepts_the_file() -> None:
    result = run_config(DUMMY_ENV)
    assert result.returncode == 0, result.stderr
    assert "admin:test-password" in result.stdout  # FLOWER_BASIC_AUTH reaches the flower service


def test_compose_refuses_to_run_the_api_without_a_token() -> None:
    result = run_config({"FLOWER_BASIC_AUTH": "admin:x", "REDIS_PASSWORD": "x"}, unset=("NEWSWORKER_API_TOKEN",))
    assert result.returncode != 0
    assert "NEWSWORKER_API_TOKEN" in result.stderr


def test_compose_refuses_to_run_flower_without_credentials() -> None:
    result = run_config({"REDIS_PASSWORD": "x", "NEWSWORKER_API_TOKEN": "x" * 20}, unset=("FLOWER_BASIC_AUTH",))
    assert result.returncode != 0
    assert "FLOWER_BASIC_AUTH" in result.stderr


@pytest.fixture(scope="module")
def compose() -> dict:  # type: ignore[type-arg]
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_redis_and_postgres_are_not_published(compose: dict) -> None:  # type: ignore[type-arg]
    assert "ports" not in compose["services"]["redis"]
    assert "ports" not in compose["services"]["postgres"]
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"flower", "api"}
    assert compose["services"]["api"]["ports"] == ["127.0.0.1:${NEWSWORKER_API_PORT:-8808}:8808"]


def test_services_and_configuration(compose: dict) -> None:  # type: ignore[type-arg]
    services = compose["services"]
    assert set(services) == {"redis", "postgres", "worker", "beat", "watcher", "flower", "metrics", "api"}
    assert "--requirepass" in " ".join(services["redis"]["command"])
    assert "${FLOWER_BASIC_AUTH:?" in services["flower"]["environment"]["FLOWER_BASIC_AUTH"]
    assert "${NEWSWORKER_API_TOKEN:?" in services["api"]["environment"]["NEWSWORKER_API_TOKEN"]
    for name in ("worker", "beat", "watcher", "flower", "metrics", "api"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgresql://") and "@postgres:" in environment["DATABASE_URL"]
        assert "@redis:6379" in environment["REDIS_URL"]
        assert environment["NEWSWORKER_INBOX"] == "/data/inbox"
        assert "./inbox:/data/inbox" in services[name]["volumes"]


def test_dockerfile_runs_as_a_non_root_user() -> None:
    lines = [line.strip() for line in (REPO / "Dockerfile").read_text().splitlines()]
    assert lines[[i for i, line in enumerate(lines) if line.startswith("FROM ")][0]] == "FROM python:3.11-slim"
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any(line.startswith("RUN pip install .") for line in lines)


def test_every_service_has_a_health_check_of_its_own(compose: dict) -> None:  # type: ignore[type-arg]
    services = compose["services"]
    assert all("healthcheck" in service for service in services.values()), [
        name for name, service in services.items() if "healthcheck" not in service
    ]
    checks = {name: " ".join(services[name]["healthcheck"]["test"][1:]) for name in services}
    assert checks["worker"] == 'newsworker health --check workers --worker "celery@$$HOSTNAME"'
    assert checks["beat"] == "newsworker health --check beat"
    assert checks["watcher"] == "newsworker health --check watcher"
    assert "http://127.0.0.1:5555/healthcheck" in checks["flower"]
    assert "http://127.0.0.1:9808/metrics" in checks["metrics"]
    assert "ports" not in services["metrics"]  # scraped inside the compose network only
    assert "http://127.0.0.1:8808/healthz" in checks["api"]
