"""`newsworker api`: a read-only HTTP API over what is stored (FastAPI on uvicorn), plus `POST /ingest`.

Every endpoint but `GET /healthz` asks for `Authorization: Bearer <token>`. The endpoints call the same
query functions as the command line (worker/store/queries.py, worker/feeds.py), so both show the same rows.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from worker.config import Settings, redact_url
from worker.errors import StoreUnavailableError
from worker.states import EventKind

log = logging.getLogger(__name__)

MAX_ID = 2**63 - 1  # what SQLite and PostgreSQL integers hold; a bigger id or cursor is a bad request
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"]


class ApiConfigError(Exception):
    """The API cannot start as configured (no token); the message says what to set."""


# --- response models: the shapes of schemas/article.schema.json and schemas/api.schema.json ---------------


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityCount(_Shape):
    name: str
    type: str
    count: int


class SightingOut(_Shape):
    source: str
    kind: Literal["file", "url", "feed"]
    first_seen_at: str
    via: str | None = None  # feed sightings only (left out otherwise, as in the export)
    feed_id: int | None = None


class ArticleRecord(_Shape):
    """One article as `newsworker export` writes it (schemas/article.schema.json)."""

    id: int
    content_hash: str
    title: str | None
    authors: list[str]
    credit: str | None
    published_at: str | None
    site: str | None
    source: str
    url: str | None
    language: str | None
    text: str
    word_count: int
    entities: list[EntityCount]
    tagger_backend: str
    untagged_reason: str | None
    near_duplicate_of: int | None
    sightings: list[SightingOut]
    ingested_at: str


class ArticleDetail(ArticleRecord):
    """The record with the article's near-duplicate cluster (what `newsworker articles show ID --json` prints)."""

    near_duplicates: list[int] = Field(description="Articles stored as near-duplicates of this one.")
    near_duplicate_similarity: float | None
    near_duplicate_cluster: list[int] = Field(description="The story's first-seen article and all its variants.")


class ArticlePage(_Shape):
    items: list[ArticleRecord]
    next_cursor: int = Field(description="Pass as `after` for the next page; the same value when nothing is new.")


class EventOut(_Shape):
    """One change-feed event (schemas/event.schema.json); fetch the article itself by `article_id`."""

    id: str
    seq: int
    kind: str
    created_at: str
    article_id: int | None
    feed_id: int | None
    source: str | None
    task_id: str | None
    payload: dict[str, Any]


class EventPage(_Shape):
    items: list[EventOut]
    next_cursor: int = Field(description="Pass as `after` for the next page; the same value when nothing is new.")


class TopEntity(_Shape):
    name: str
    type: str
    articles: int
    mentions: int


class EntityMention(_Shape):
    id: int = Field(description="The article's id.")
    title: str | None
    entity: str
    type: str
    count: int


class FeedHealth(_Shape):
    """One feed as `newsworker feeds list --json` shows it."""

    id: int
    url: str
    name: str | None
    every: str
    every_seconds: float
    last_polled_at: str | None
    last_success_at: str | None
    next_poll_at: str | None
    last_status: str | None
    last_error: str | None
    parse_problem: str | None
    error_count: int = Field(description="Consecutive failed polls; 0 once a poll succeeds.")
    items_found: int
    entries_rejected: int
    validators_unreliable: bool


class RejectionRow(_Shape):
    source: str
    kind: str
    reason: str
    error_type: str
    size: int | None
    times: int
    moved_to: str | None
    rejected_at: str


class InputErrorRow(_Shape):
    id: int
    kind: str
    source: str
    stage: str
    error_type: str
    message: str
    version: str
    times: int
    entry_id: int | None
    moved_to: str | None
    task_id: str | None
    failed_at: str


class IngestRequest(_Shape):
    url: str = Field(max_length=8192, examples=["https://example.com/news/story.html"])


class IngestAccepted(_Shape):
    task_id: str
    url: str
    status: Literal["queued"]


class CheckOut(BaseModel):
    ok: bool
    detail: str


class HealthOut(_Shape):
    ok: bool
    checks: dict[str, CheckOut]


class Problem(_Shape):
    detail: str


# --- the application -------------------------------------------------------------------------------


class _LazyDatabase:
    """The Database, opened (and migrated) on first use: the API starts, and /healthz answers, while the
    database is down."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._database: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        with self._lock:
            if self._database is None:
                from worker.store.db import Database

                # Deferred transactions on SQLite: a request reads a snapshot and never waits for the workers.
                self._database = Database(self.url, deferred_begin=True)
            return self._database


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


_bearer = HTTPBearer(auto_error=False, description="NEWSWORKER_API_TOKEN, or the token `newsworker up` printed.")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """401 unless the request carries the bearer token. Compared in constant time, as digests of equal length."""
    expected: bytes = request.app.state.token_digest
    given = _digest(credentials.credentials) if credentials is not None else b""
    if not hmac.compare_digest(given, expected):
        raise HTTPException(
            401, "a valid bearer token is required (Authorization: Bearer TOKEN)", {"WWW-Authenticate": "Bearer"}
        )


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.database.get().session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows (1 to 1000).")]


def _utc(value: datetime) -> datetime:
    """A timestamp from a query string as UTC; one without an offset is taken to be UTC already."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def create_app(settings: Settings) -> FastAPI:
    """The API for these settings; ApiConfigError when no token is configured."""
    token = settings.bearer_token
    if not token:
        raise ApiConfigError(
            "the HTTP API needs a token: set NEWSWORKER_API_TOKEN "
            "(`python -c 'import secrets; print(secrets.token_urlsafe(32))'` makes one), or run `newsworker up`, "
            "which generates one in NEWSWORKER_HOME/api-token"
        )
    from worker.feeds import feed_rows
    from worker.health import check_broker_alive, check_database
    from worker.sources.http import fetch_problem
    from worker.store import queries
    from worker.tasks import enqueue_url

    # No Swagger UI or ReDoc: both load their scripts from a CDN. The OpenAPI document is served below, behind
    # the token like everything else.
    app = FastAPI(
        title="newsworker",
        summary="Read what newsworker stored: articles by change-feed cursor, entities, feeds, rejections, errors.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.token_digest = _digest(token)
    app.state.database = _LazyDatabase(settings.database_url)
    authorized = [Depends(require_token)]

    @app.exception_handler(RequestValidationError)
    def bad_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        """400 with one readable sentence per bad parameter (FastAPI's default is a 422 with a nested list)."""
        problems = []
        for item in error.errors():
            location = tuple(item.get("loc", ()))
            if location == ("body",):  # no body, or not JSON (curl -d without a Content-Type sends a form)
                problems.append(
                    'the body must be a JSON object, {"url": "..."}, sent as Content-Type: application/json'
                )
                continue
            where = ".".join(str(part) for part in location[1:]) or "request"
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        return JSONResponse({"detail": "; ".join(problems)}, status_code=400)

    @app.exception_handler(queries.CursorError)
    def bad_cursor(_request: Request, error: queries.CursorError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(SQLAlchemyError)
    def database_unavailable(_request: Request, error: SQLAlchemyError) -> JSONResponse:
        message = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
        log.warning("database error: %s", message)
        if isinstance(error, DBAPIError) or "connect" in message.lower():
            return JSONResponse({"detail": f"the database is unavailable: {message}"}, status_code=503)
        return JSONResponse({"detail": f"the database could not answer: {message}"}, status_code=500)

    @app.exception_handler(StoreUnavailableError)
    def store_unavailable(_request: Request, error: StoreUnavailableError) -> JSONResponse:
        return JSONResponse({"detail": error.reason}, status_code=503)

    @app.get("/healthz", response_model=HealthOut, responses={503: {"model": HealthOut}}, tags=["health"])
    def healthz() -> JSONResponse:
        """The database and the broker answer (200), or not (503). Needs no token."""
        checks = [check_database(settings), check_broker_alive(settings)]
        healthy = all(check.ok for check in checks)
        body = {"ok": healthy, "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in checks}}
        return JSONResponse(body, status_code=200 if healthy else 503)

    @app.get("/openapi.json", include_in_schema=False, dependencies=authorized)
    def openapi() -> JSONResponse:
        return JSONResponse(_openapi_document(app))

    @app.get(
        "/articles",
        response_model=ArticlePage,
        response_model_exclude_unset=True,
        dependencies=authorized,
        tags=["articles"],
    )
    def list_articles(
        session: SessionDep,
        after: Annotated[int, Query(ge=0, le=MAX_ID, description="The `next_cursor` of the previous page.")] = 0,
        limit: Annotated[int, Query(ge=1, le=500, description="At most this many articles (1 to 500).")] = 50,
        feed: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only articles seen in this feed.")] = None,
        language: Annotated[str | None, Query(max_length=16, description="Only this language (en, de...).")] = None,
        entity: Annotated[
            str | None, Query(max_length=255, description="Only articles mentioning it under any of its names.")
        ] = None,
        since: Annotated[datetime | None, Query(description="Only articles stored at or after this time.")] = None,
        published_after: Annotated[
            datetime | None,
            Query(description="Only articles published at or after this time (articles without a date are left out)."),
        ] = None,
        published_before: Annotated[
            datetime | None,
            Query(description="Only articles published before this time (articles without a date are left out)."),
        ] = None,
    ) -> dict[str, Any]:
        """Stored articles in the order they were stored, from a cursor: follow `next_cursor` to get each
        article once, those stored later included."""
        conditions = queries.article_conditions(
            session,
            feed_id=feed,
            language=language,
            entity=entity,
            since=_utc(since) if since else None,
            published_after=_utc(published_after) if published_after else None,
            published_before=_utc(published_before) if published_before else None,
        )
        records, next_cursor = queries.article_page(session, after, limit, conditions)
        return {"items": records, "next_cursor": next_cursor}

    @app.get(
        "/articles/{article_id}",
        response_model=ArticleDetail,
        response_model_exclude_unset=True,
        responses={404: {"model": Problem}},
        dependencies=authorized,
        tags=["articles"],
    )
    def show_article(session: SessionDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
        """One article with its sightings, its entities and its near-duplicate cluster."""
        record = queries.article_detail(session, article_id)
        if record is None:
            raise HTTPException(404, f"no article #{article_id}")
        return record

    @app.get("/events", response_model=EventPage, dependencies=authorized, tags=["events"])
    def list_events(
        session: SessionDep,
        after: Annotated[int, Query(ge=0, le=MAX_ID, description="The `next_cursor` of the previous page.")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000, description="At most this many events (1 to 1000).")] = 100,
        kind: Annotated[list[EventKind] | None, Query(description="Only these kinds (repeatable).")] = None,
    ) -> dict[str, Any]:
        """The change feed: every event after the cursor, in the order they were committed."""
        records, next_cursor = queries.event_page(session, after, limit, kind)
        return {"items": records, "next_cursor": next_cursor}

    @app.get("/entities", response_model=list[TopEntity], dependencies=authorized, tags=["entities"])
    def list_entities(
        session: SessionDep,
        limit: Limit = 30,
        entity_type: Annotated[EntityType | None, Query(alias="type")] = None,
    ) -> list[dict[str, Any]]:
        """The entities named in the most articles (what `newsworker entities` prints)."""
        return queries.top_entities(session, entity_type, limit)

    @app.get(
        "/entities/{name}/articles", response_model=list[EntityMention], dependencies=authorized, tags=["entities"]
    )
    def entity_articles(
        session: SessionDep,
        name: Annotated[str, Path(min_length=1, max_length=255)],
        limit: Limit = 30,
        entity_type: Annotated[EntityType | None, Query(alias="type")] = None,
    ) -> list[dict[str, Any]]:
        """Articles mentioning the entity under any of its names ("US" finds United States), most mentions first
        (what `newsworker entities NAME` prints)."""
        return queries.articles_mentioning(session, name, entity_type, limit)

    @app.get("/feeds", response_model=list[FeedHealth], dependencies=authorized, tags=["feeds"])
    def list_feeds(session: SessionDep) -> list[dict[str, Any]]:
        """Every feed with its health: last status and error, consecutive failures, next poll."""
        return feed_rows(session)

    @app.get("/rejections", response_model=list[RejectionRow], dependencies=authorized, tags=["outcomes"])
    def list_rejections(session: SessionDep, limit: Limit = 50) -> list[dict[str, Any]]:
        """Inputs that were rejected, and why, newest first (what `newsworker rejects` prints)."""
        return queries.rejections(session, limit)

    @app.get("/errors", response_model=list[InputErrorRow], dependencies=authorized, tags=["outcomes"])
    def list_errors(
        session: SessionDep,
        limit: Limit = 50,
        stage: Annotated[str | None, Query(max_length=32)] = None,
        kind: Annotated[Literal["file", "entry", "url"] | None, Query()] = None,
    ) -> list[dict[str, Any]]:
        """Inputs that hit an internal error, newest first (what `newsworker errors` prints)."""
        return queries.input_errors(session, limit, stage=stage, kind=kind)

    @app.post(
        "/ingest",
        status_code=202,
        response_model=IngestAccepted,
        responses={400: {"model": Problem}, 503: {"model": Problem}},
        dependencies=authorized,
        tags=["ingest"],
    )
    def ingest(request: Annotated[IngestRequest, Body()]) -> dict[str, Any]:
        """Queue an `ingest_url` task for the workers: the page, feed or OPML list at the URL is fetched and
        stored. The URL must be http(s), carry no credentials and (unless NEWSWORKER_ALLOW_PRIVATE_NETWORKS=1)
        resolve to public addresses only."""
        from worker.health import BrokerUnavailable, check_broker

        url = request.url.strip()
        problem = fetch_problem(url, settings.allow_private_networks)
        if problem is not None:
            raise HTTPException(400, problem)
        try:
            check_broker(settings)  # Celery would retry a dead broker for seconds before giving up
        except BrokerUnavailable as error:
            raise HTTPException(503, f"{error}; nothing was queued") from error
        task_id = enqueue_url(app.state.database.get(), url)
        log.info("queued ingest_url task=%s url=%s", task_id, redact_url(url))
        return {"task_id": task_id, "url": url, "status": "queued"}

    return app


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("newsworker")
    except metadata.PackageNotFoundError:
        return "0"


def _openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's OpenAPI document, saying what this API answers to bad parameters: 400 with a `detail`
    sentence (bad_request above), never FastAPI's default 422."""
    if app.openapi_schema is None:
        document = jsonable_encoder(app.openapi())
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if responses.pop("422", None) is not None:
                    responses["400"] = {
                        "description": "A parameter is missing or invalid",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    }
                if path != "/healthz":
                    responses.setdefault("401", {"description": "No bearer token, or a wrong one"})
        schemas = document.get("components", {}).get("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas.setdefault("Problem", Problem.model_json_schema())
        app.openapi_schema = document
    return app.openapi_schema


def serve_api(settings: Settings, host: str, port: int) -> None:
    """Serve the API with uvicorn until SIGINT or SIGTERM."""
    import uvicorn

    app = create_app(settings)
    log.info("HTTP API on http://%s:%d/ (database %s)", host, port, redact_url(settings.database_url))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,  # keep newsworker's logging (text or JSON lines) for uvicorn's messages too
        log_level=settings.log_level.lower(),
        server_header=False,
    )
