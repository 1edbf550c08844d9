"""An article is filed and tagged under its page's declared language unless its text is, beyond doubt, in
another: a template's lang="en" on a German article had it tagged with English rules ("Jahr", "Menschen" as
organisations). Pure functions; the real pages that showed it are checked in tests/store/test_language_real.py."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.pipeline_strategies import news_text
from worker.pipeline.language import OVERRULE_MIN_WORDS, article_language, language_probability

GERMAN = (
    "Der Norweger Marius Lindvik hat den abschließenden Wettkampf des Wochenendes in Willingen gewonnen. Er setzte "
    "sich mit Sprüngen auf 147 und 145 Meter vor dem Österreicher Stefan Kraft durch, der nach dem ersten Durchgang "
    "noch geführt hatte. Die deutschen Springer blieben hinter den Erwartungen zurück, nur einer schaffte es unter "
    "die besten zehn. Der Bundestrainer sagte nach dem Springen, man müsse die Fehler in Ruhe analysieren."
)
ENGLISH = (
    "The harbour authority said on Tuesday that the new quay would open in the spring, two years later than "
    "planned, after a dispute with the contractor over the cost of dredging the channel. Shipping lines had been "
    "told to expect delays. The authority's chair said the money was now in place and work would resume in March, "
    "once the last of the permits had been signed by the regional government."
)


def test_a_declared_language_the_text_contradicts_is_overruled() -> None:
    assert len(GERMAN.split()) >= OVERRULE_MIN_WORDS
    assert article_language("en", GERMAN) == "de"
    assert article_language("de", ENGLISH) == "en"


def test_a_declared_language_the_text_confirms_or_cannot_contradict_stays() -> None:
    assert article_language("de", GERMAN) == "de"
    assert article_language("en", ENGLISH) == "en"
    short = " ".join(GERMAN.split()[: OVERRULE_MIN_WORDS - 1])
    assert article_language("en", short) == "en"  # too little text to overrule the page
    assert article_language(None, short) == "de"  # nothing declared: the detection decides


def test_probability_is_a_probability() -> None:
    language, probability = language_probability(GERMAN)
    assert language == "de" and 0.95 <= probability <= 1.0
    assert language_probability("") == (None, 0.0)


@given(declared=st.sampled_from([None, "", "en", "de", "fr"]), text=news_text() | st.text())
def test_article_language_raises_nothing_and_keeps_or_detects(declared: str | None, text: str) -> None:
    language = article_language(declared, text)
    assert language is None or (isinstance(language, str) and language)
    if declared and len(text.split()) < OVERRULE_MIN_WORDS:
        assert language == declared
    _detected, probability = language_probability(text)
    assert 0.0 <= probability <= 1.0
