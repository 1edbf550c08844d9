"""The hand-made gold files are well-formed: known splits and types, names that occur in the text, offsets
that point at what they claim, and bylines with a list of people each. A broken gold file would silently
skew every score computed from it, so it fails here instead."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.support.gold import GOLD_SPLITS

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold"
ENTITY_FILES = sorted((GOLD / "entities").glob("*.json"))
BYLINES_FILE = GOLD / "bylines.json"
# Written blind, after the parser was frozen, to be scored once (bench/gold/quality.md); real pages only.
BYLINES2_FILE = GOLD / "bylines2.json"

# OntoNotes types used since the first batch, plus PRODUCT (products and works) from posthoc4 on.
ENTITY_TYPES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "PRODUCT"}
# MISC only as an accepted alternative: issue 16 allows a MISC fallback instead of PRODUCT.
ALT_TYPES = ENTITY_TYPES | {"MISC"}
# Batches annotated with mention offsets (bench/gold/quality.md); older ones list distinct entities only.
SPLITS_WITH_MENTIONS = set(GOLD_SPLITS[GOLD_SPLITS.index("posthoc4") :])  # and every batch after it


def load(path: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def normalise(name: str) -> str:
    """The matching key bench/entities_eval.py uses: case, accents, a trailing possessive, spacing ignored."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()
    return " ".join(re.sub(r"'s$", "", text).split())


def test_gold_files_exist() -> None:
    assert len(ENTITY_FILES) >= 92
    assert BYLINES_FILE.exists()
    assert BYLINES2_FILE.exists()


@pytest.mark.parametrize("path", ENTITY_FILES, ids=lambda p: p.stem)
def test_gold_document_is_well_formed(path: Path) -> None:
    record = load(path)
    assert record["id"] == path.stem
    assert record["split"] in GOLD_SPLITS
    assert ("text" in record) != ("text_file" in record), "a document has its text inline or a seed file, not both"
    assert record["entities"], "a gold document without entities scores nothing"
    seen_keys: dict[str, str] = {}
    for entity in record["entities"]:
        assert set(entity) <= {"name", "type", "aliases", "alt_types", "optional", "mentions"}, entity
        assert entity["name"].strip() == entity["name"] != ""
        assert entity["type"] in ENTITY_TYPES, f"{entity['name']}: unknown type {entity['type']}"
        assert set(entity.get("alt_types", ())) <= ALT_TYPES
        assert entity["type"] not in entity.get("alt_types", ())
        assert isinstance(entity.get("optional", False), bool)
        assert all(isinstance(alias, str) and alias.strip() == alias != "" for alias in entity["aliases"])
        # One surface form may belong to one entity only, or the scorer's match would be ambiguous.
        for key in {normalise(form) for form in (entity["name"], *entity["aliases"])}:
            assert key not in seen_keys, f"{key!r} belongs to both {seen_keys[key]} and {entity['name']}"
            seen_keys[key] = entity["name"]


WRITTEN_FILES = [p for p in ENTITY_FILES if "text" in load(p)]
# The helper-written batches were checked alias by alias when written; the first ones only name by name.
SPLITS_WITH_CHECKED_ALIASES = set(GOLD_SPLITS[GOLD_SPLITS.index("posthoc2") :])


@pytest.mark.parametrize("path", WRITTEN_FILES, ids=lambda p: p.stem)
def test_every_entity_occurs_in_the_text(path: Path) -> None:
    record = load(path)
    haystack = normalise(f"{record.get('title') or ''}\n{record['text']}")
    for entity in record["entities"]:
        forms = (entity["name"], *entity["aliases"])
        assert any(normalise(form) in haystack for form in forms), f"{entity['name']} is not in the text"
        if record["split"] in SPLITS_WITH_CHECKED_ALIASES:
            for alias in entity["aliases"]:
                assert normalise(alias) in haystack, f"alias {alias!r} of {entity['name']} is not in the text"


MENTION_FILES = [p for p in ENTITY_FILES if load(p)["split"] in SPLITS_WITH_MENTIONS]


@pytest.mark.parametrize("path", MENTION_FILES, ids=lambda p: p.stem)
def test_mention_offsets_point_at_the_mention(path: Path) -> None:
    record = load(path)
    fields = {"title": record.get("title") or "", "text": record["text"]}
    spans: dict[str, list[tuple[int, int]]] = {"title": [], "text": []}
    for entity in record["entities"]:
        assert entity.get("mentions"), f"{entity['name']} has no mentions"
        forms = {form.casefold() for form in (entity["name"], *entity["aliases"])}
        for mention in entity["mentions"]:
            field_text = fields[mention["field"]]
            start, end = mention["start"], mention["end"]
            assert 0 <= start < end <= len(field_text)
            assert field_text[start:end] == mention["text"], f"{entity['name']}: offsets {start}:{end}"
            assert mention["text"].casefold() in forms, f"{mention['text']!r} is not a form of {entity['name']}"
            # A mention is a whole word run, not part of a longer word.
            assert not (start > 0 and field_text[start - 1].isalnum()), mention
            assert not (end < len(field_text) and field_text[end].isalnum()), mention
            spans[mention["field"]].append((start, end))
        used = {m["text"].casefold() for m in entity["mentions"]}
        assert {alias.casefold() for alias in entity["aliases"]} <= used, f"{entity['name']}: alias never mentioned"
    for field, field_spans in spans.items():
        ordered = sorted(field_spans)
        for (_, end), (next_start, _) in zip(ordered, ordered[1:], strict=False):
            assert end <= next_start, f"overlapping mentions in {field} at {next_start}"


@pytest.mark.parametrize("split", sorted(SPLITS_WITH_MENTIONS))
def test_batches_with_mentions_annotate_products(split: str) -> None:
    records = [load(p) for p in MENTION_FILES if load(p)["split"] == split]
    assert len(records) >= 12
    products = [e for r in records for e in r["entities"] if e["type"] == "PRODUCT"]
    assert products
    # Issue 16 allows a MISC fallback for products, so every PRODUCT accepts it (bench/gold/quality.md); posthoc4
    # gave "App Store" and "Google Play" ORG instead and is left as it was scored.
    if split != "posthoc4":
        assert all("MISC" in e.get("alt_types", ()) for e in products)


@pytest.mark.parametrize("path", [BYLINES_FILE, BYLINES2_FILE], ids=lambda p: p.stem)
def test_bylines_file_is_well_formed(path: Path) -> None:
    record = load(path)
    assert set(record) == {"bylines", "conventions"}
    assert record["conventions"].strip()
    raws = [entry["raw"] for entry in record["bylines"]]
    assert len(raws) == len(set(raws)), "each byline string once"
    real = 0
    for entry in record["bylines"]:
        assert set(entry) == {"raw", "people", "source"}, entry
        assert entry["raw"].strip(), entry
        assert isinstance(entry["people"], list)
        assert all(isinstance(person, str) and person.strip() == person != "" for person in entry["people"]), entry
        assert len(entry["people"]) == len(set(entry["people"])), entry
        # People are written as the byline writes them (compare case-insensitively); nothing is invented.
        raw = " ".join(entry["raw"].replace("\u00ad", "").split()).casefold()  # soft hyphens split words
        assert all(person.casefold() in raw for person in entry["people"]), entry
        if entry["source"] == "written":
            assert path != BYLINES2_FILE, "the blind set has real values only"
            continue
        real += 1
        assert re.fullmatch(r"pages/[^/]+\.html", entry["source"]), entry["source"]
    assert real >= 60


def test_blind_bylines_set_is_disjoint_from_the_first() -> None:
    first = load(BYLINES_FILE)["bylines"]
    second = load(BYLINES2_FILE)["bylines"]
    assert len(second) >= 120
    assert len({entry["source"] for entry in second}) >= 110
    assert not {entry["source"] for entry in first} & {entry["source"] for entry in second}, "pages not reused"
    assert not {entry["raw"] for entry in first} & {entry["raw"] for entry in second}, "values not reused"
