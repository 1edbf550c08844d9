"""schemas/ and seeds/ are package data (worker/data links to the root folders), found by importlib.resources."""

from __future__ import annotations

from pathlib import Path

from worker.installed_data import installed_data_folder

ROOT = Path(__file__).resolve().parents[2]


def test_schemas_and_seeds_are_package_data() -> None:
    schemas = installed_data_folder("schemas")
    seeds = installed_data_folder("seeds")
    assert schemas is not None and (schemas / "feeds.schema.json").is_file()
    assert seeds is not None
    assert sorted(p.name for p in seeds.glob("*.txt")) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert (schemas / "feeds.schema.json").read_bytes() == (ROOT / "schemas" / "feeds.schema.json").read_bytes()


def test_an_unknown_data_folder_is_none() -> None:
    assert installed_data_folder("no-such-folder") is None


def test_the_image_copies_the_linked_folders() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY schemas ./schemas" in dockerfile and "COPY seeds ./seeds" in dockerfile
