"""The API's response models (worker/api.py) have the fields of the JSON Schemas in schemas/: a field added on one
side only would make the OpenAPI document and the schema files disagree."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import REPO
from worker import api

SCHEMAS = REPO / "schemas"


def schema(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return document


API = schema("api.schema.json")["$defs"]


@pytest.mark.parametrize(
    ("model", "definition"),
    [
        (api.ArticleRecord, schema("article.schema.json")),
        (api.EventOut, schema("event.schema.json")),
        (api.ArticlePage, API["article_page"]),
        (api.EventPage, API["event_page"]),
        (api.TopEntity, API["top_entity"]),
        (api.EntityMention, API["entity_mention"]),
        (api.FeedHealth, API["feed"]),
        (api.RejectionRow, API["rejection"]),
        (api.InputErrorRow, API["input_error"]),
        (api.IngestAccepted, API["ingest_accepted"]),
        (api.HealthOut, API["health"]),
        (api.Problem, API["problem"]),
    ],
)
def test_models_have_the_schema_fields(model: Any, definition: dict[str, Any]) -> None:
    assert set(model.model_fields) == set(definition["properties"])
    assert set(definition.get("required", [])) <= set(model.model_fields)


def test_article_detail_is_the_record_and_its_cluster() -> None:
    extras = set(API["article_detail_extras"]["properties"])
    assert set(api.ArticleDetail.model_fields) == set(api.ArticleRecord.model_fields) | extras


def test_sightings_and_entities_match_the_article_schema() -> None:
    article = schema("article.schema.json")["properties"]
    assert set(api.SightingOut.model_fields) == set(article["sightings"]["items"]["properties"])
    assert set(api.EntityCount.model_fields) == set(article["entities"]["items"]["properties"])
