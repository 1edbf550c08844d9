"""`newsworker api` as a real server for tests: started as a subprocess on a free port, called with httpx, and
its responses checked against schemas/api.schema.json and schemas/article.schema.json."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema
from referencing import Registry, Resource

from tests.conftest import REPO
from tests.integration import stack

TOKEN = "api-test-token-0123456789abcdef"
SCHEMAS = REPO / "schemas"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        document = json.loads(path.read_text())
        resources.append((document["$id"], Resource.from_contents(document)))
    return Registry().with_resources(resources)


REGISTRY = _registry()
API_SCHEMA = json.loads((SCHEMAS / "api.schema.json").read_text())
ARTICLE_SCHEMA = json.loads((SCHEMAS / "article.schema.json").read_text())


def check_shape(value: Any, definition: str) -> None:
    """Validate `value` against a definition of api.schema.json (`article` for the article record)."""
    if definition == "article":
        schema: dict[str, Any] = ARTICLE_SCHEMA
    else:
        schema = {"$ref": f"{API_SCHEMA['$id']}#/$defs/{definition}"}
    jsonschema.Draft202012Validator(schema, registry=REGISTRY).validate(value)


@dataclass
class Api:
    """A running `newsworker api` and an httpx client for it (the token sent unless told otherwise)."""

    proc: stack.Proc
    base_url: str

    def request(self, method: str, path: str, *, token: str | None = TOKEN, **options: Any) -> httpx.Response:
        headers = dict(options.pop("headers", {}) or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        # Generous: the machine is shared and loaded; nothing here measures time.
        return httpx.request(method, self.base_url + path, headers=headers, timeout=60.0, **options)

    def get(self, path: str, **options: Any) -> httpx.Response:
        return self.request("GET", path, **options)

    def json(self, path: str, **params: Any) -> Any:
        """The JSON body of a GET that must answer 200."""
        response = self.get(path, params=params)
        assert response.status_code == 200, (path, params, response.status_code, response.text[:1000])
        return response.json()

    def follow_articles(self, after: int = 0, limit: int = 7, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """Every article from the cursor on, page by page, until a page comes back empty; and the last cursor."""
        items: list[dict[str, Any]] = []
        while True:
            page = self.json("/articles", after=after, limit=limit, **filters)
            check_shape(page, "article_page")
            assert page["next_cursor"] >= after
            if not page["items"]:
                return items, page["next_cursor"]
            items += page["items"]
            after = page["next_cursor"]

    def stop(self) -> None:
        self.proc.stop()


def start_api(env: dict[str, str], logs: Path, *extra: str, token: str | None = TOKEN) -> Api:
    """`newsworker api --port FREE` with the token in NEWSWORKER_API_TOKEN; returns once it answers HTTP."""
    port = stack.free_port()
    api_env = dict(env)
    if token is not None:
        api_env["NEWSWORKER_API_TOKEN"] = token
    proc = stack.Proc(
        "api",
        [sys.executable, "-m", "worker.cli", "api", "--port", str(port), *extra],
        api_env,
        logs / f"api-{port}.log",
    ).start()
    api = Api(proc, f"http://127.0.0.1:{port}")

    def answers() -> bool:
        assert proc.alive(), proc.output()[-3000:]
        return stack.http_get(api.base_url + "/healthz")[0] != 0

    stack.wait_for(answers, 60, interval=0.2, what="the API to answer")
    return api
