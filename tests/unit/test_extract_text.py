from datetime import UTC, datetime

from tests.conftest import SEEDS
from worker.pipeline.extract_text import extract_plain_text, parse_date

MTIME = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)


def test_atlantic_seed_headers_become_metadata() -> None:
    doc = extract_plain_text((SEEDS / "000_2fe5d32d2245608e.txt").read_text(), MTIME)
    assert doc.title == "What Iranians Want From Trump"
    assert doc.site == "theatlantic.com"
    assert doc.published_at == datetime(2026, 1, 20, 8, 0, tzinfo=UTC)  # "4 hours ago" from the mtime
    assert doc.text.startswith("When Shahrzad went to demonstrate")
    assert "Source: theatlantic.com" not in doc.text
    assert "Published 4 hours ago" not in doc.text
    assert "What Iranians Want From Trump" not in doc.text


def test_ioffe_seed_byline_date_and_caption() -> None:
    doc = extract_plain_text((SEEDS / "004_46e91d2e242a848f.txt").read_text(), MTIME)
    assert doc.title == "The Moscow-Tehran Axis of Evil"
    assert doc.authors == ["Julia Ioffe"]
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2022-10-25"
    assert doc.text.startswith("Last month, protests erupted in Iran")
    assert "Getty Images" not in doc.text.split("\n\n")[0]
    assert "October 25, 2022" not in doc.text


def test_by_prefix_and_two_authors() -> None:
    doc = extract_plain_text("Title here\nBy Jane Doe and John Roe\n\nBody text starts here and goes on.")
    assert doc.authors == ["Jane Doe", "John Roe"]
    assert doc.text == "Body text starts here and goes on."


def test_body_line_that_looks_like_a_name_is_not_a_byline_after_the_header() -> None:
    text = "A title\n\nFirst paragraph of the body, long enough to end the header.\n\nJane Doe\n\nMore body."
    doc = extract_plain_text(text)
    assert doc.authors == []
    assert "Jane Doe" in doc.text


def test_paragraphs_are_folded() -> None:
    doc = extract_plain_text("T\n\nline one\ncontinues   here\n\n\n\nsecond")
    assert doc.text == "line one continues here\n\nsecond"


def test_parse_date_relative_and_absolute() -> None:
    assert parse_date("2 days ago", MTIME) == datetime(2026, 1, 18, 12, 0, tzinfo=UTC)
    assert parse_date("Published", MTIME) is None
    assert parse_date("not a date at all", MTIME) is None


def test_byline_with_apostrophe_names() -> None:
    doc = extract_plain_text("A title\nBy Zainab O'Connell and Mina Hargreaves\nMarch 3, 2024\n\nThe body begins here.")
    assert doc.authors == ["Zainab O'Connell", "Mina Hargreaves"]
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2024-03-03"
    assert doc.text == "The body begins here."
