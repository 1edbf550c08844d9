"""Bylines into people: roles, desks, agencies, organisations and URLs are not authors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.pipeline.bylines import INVISIBLE, Byline, clean_authors, parse_byline
from worker.pipeline.document import SourceInfo
from worker.pipeline.extract import extract_documents


@pytest.mark.parametrize(
    ("raw", "people", "credit"),
    [
        ("Tom Krisher, Ap Auto Writer", ["Tom Krisher"], "Associated Press"),  # stored as two authors before
        ("By TOM KRISHER and DEE-ANN DURBIN, Associated Press", ["Tom Krisher", "Dee-Ann Durbin"], "Associated Press"),
        ("Jane Doe - Staff Writer", ["Jane Doe"], None),
        ("Jane Doe, John Roe and Mary-Kate O'Brien", ["Jane Doe", "John Roe", "Mary-Kate O'Brien"], None),
        ("By J. K. Rowling | Reuters", ["J. K. Rowling"], "Reuters"),
        ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"], None),
        ("Juan de la Cruz", ["Juan de la Cruz"], None),
        ("Jane Doe and jane doe", ["Jane Doe"], None),
        ("National Desk", [], None),
        ("Staff Writer", [], None),
        ("Associated Press", [], "Associated Press"),
        ("Reuters Staff", [], "Reuters"),
        ("https://www.example.com/authors/jane-doe", [], None),
        ("jane.doe@example.com", [], None),
        ("The Atlantic", [], None),
        ("Riverton Gazette", [], None),
        ("New York", [], None),
        ("", [], None),
        # Evidence of a person: a given name, initials, or no everyday word; examples made up, not from the gold.
        ("Dr. Hannah Vogt, Prof. Ingrid Sæther", ["Hannah Vogt", "Ingrid Sæther"], None),
        ("By P.J. Okafor", ["P.J. Okafor"], None),
        ("Marcus Webb Jr.", ["Marcus Webb Jr."], None),
        ("Elena Ruiz T.", ["Elena Ruiz T."], None),
        ("Kwame Mensah for The Evening Courier", ["Kwame Mensah"], None),
        ("Von Ha\u00adra\u00adld Kern", ["Harald Kern"], None),
        ("sofia lindqvist | tomas berg", ["Sofia Lindqvist", "Tomas Berg"], None),
        ("TOM KRISHER", ["Tom Krisher"], None),
        ("Von Friederike", ["Friederike"], None),
        ("Von Sabine", [], None),  # also an everyday English word: a lone first name needs to be only a name
        ("Friederike, Tom Krisher", ["Tom Krisher"], None),  # a first name among others is not enough
        ("Gesundheits-Expertin Karin Lutz", ["Karin Lutz"], None),
        ("Staff Reporter, Harbour Chronicle", [], None),
        ("Kreisverwaltung Neustadt", [], None),
        ("Landesamt für Umwelt", [], None),
        ("Grupo Editorial Sol", [], None),
        ("La Voz Diaria", [], None),
        ("Super User", [], None),
        ("No Author", [], None),
        # Surname first, as library catalogues and DC.creator write it.
        ("Harm, Robert", ["Robert Harm"], None),
        ("By Okafor, Hannah; Lindqvist, Sofia", ["Hannah Okafor", "Sofia Lindqvist"], None),
        ("Webb, Marcus J. and Elena Ruiz", ["Marcus J. Webb", "Elena Ruiz"], None),
        ("Reuters, Anna", [], "Reuters"),  # an agency is no surname
        ("Berlin, Anna", [], None),  # nor is a place
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"], None),
        # A full name, a comma and a lone given name: the given name is no second half of the first name (a case
        # hypothesis found: "Tom Krisher, Jean-Pierre" came back as "Tom Jean-Pierre Krisher").
        ("Tom Krisher, Jean-Pierre", ["Tom Krisher"], None),
        ("Anna Meier and Harm, Robert", ["Anna Meier", "Robert Harm"], None),
    ],
)
def test_parse_byline(raw: str, people: list[str], credit: str | None) -> None:
    assert parse_byline(raw) == Byline(people, credit)


def test_clean_authors_merges_values_and_keeps_the_first_credit() -> None:
    values = ["Tom Krisher", "Tom Krisher, AP Auto Writer", "Reuters", "Jane Doe"]
    assert clean_authors(values) == (["Tom Krisher", "Jane Doe"], "Associated Press")


def test_clean_authors_joins_a_surname_and_given_name_that_trafilatura_split() -> None:
    # trafilatura turns the meta value "Harm, Robert" into "Harm; Robert", two values
    assert clean_authors(["Harm", "Robert"]) == (["Robert Harm"], None)
    assert clean_authors(["Julia", "Heiko"]) == (["Julia", "Heiko"], None)  # two given names: two people
    assert clean_authors(["Staff", "Friederike"]) == (["Friederike"], None)


def test_a_page_whose_author_is_written_surname_first_stores_one_person() -> None:
    page = (
        b'<html><head><title>Publikumsvoting</title><meta name="author" content="Harm, Robert"></head><body>'
        b"<article><h1>Publikumsvoting</h1>"
        + b"<p>Das Voting ist er\xc3\xb6ffnet und l\xc3\xa4uft zwei Wochen.</p>" * 12
        + b"</article></body></html>"
    )
    document = extract_documents(page, SourceInfo(source="voting.html", kind="file"))[0]
    assert document.authors == ["Robert Harm"]


def _folded(text: str) -> str:
    return " ".join(INVISIBLE.sub("", text).casefold().split())


BYLINE_PIECES = st.sampled_from(
    [
        "By ",
        "Tom Krisher",
        ", ",
        " and ",
        "AP Auto Writer",
        "Associated Press",
        "Staff Writer",
        "O'Brien",
        "DEE-ANN DURBIN",
        " | ",
        "https://x.example/a",
        "Jean-Pierre",
        " de la ",
        "Müller",
        " & ",
        "\n",
        "—",
        "محمد علي",
        "李 明",
        "J.",
        "National Desk",
        ";",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(BYLINE_PIECES, max_size=12).map("".join)))
def test_parse_byline_never_raises_and_only_returns_names_from_the_input(raw: str) -> None:
    byline = parse_byline(raw)
    for person in byline.people:
        assert 1 <= len(person.split()) <= 5
        *given, surname = person.split()
        surname_first = f"{surname}, {' '.join(given)}"
        # title-cased or written given name first at most: never invented
        assert _folded(person) in _folded(raw) or _folded(surname_first) in _folded(raw)
