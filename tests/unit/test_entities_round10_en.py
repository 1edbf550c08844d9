"""The tagger's tenth round, real pages, English side: general shapes of web pages that recur across sites (a
known name with "and" in a longer run, dates in capitals, credits with a role, the site's name in the page title,
a quoted nickname inside a name). Each rule is checked with the rule switched off too, and with cases it must
leave alone. No example is taken from the gold texts."""

from __future__ import annotations

from tests.support.tagging import english, without
from worker.pipeline.entities.builtin import BuiltinTagger


def test_known_name_with_and_stays_whole_in_a_longer_run(tagger: BuiltinTagger) -> None:
    text = "The squad meets Trinidad and Tobago on Tuesday, then St. Vincent and the Grenadines on Friday."
    found = english(tagger, text)
    assert found.get("Trinidad and Tobago") == "GPE", found
    assert found.get("St. Vincent and the Grenadines") == "GPE", found
    before = english(without("known-and-names"), text)
    assert "Trinidad and Tobago" not in before and "Tobago" in before, before


def test_a_known_name_with_and_keeps_its_place_in_a_longer_name(tagger: BuiltinTagger) -> None:
    text = "Brighton and Hove Albion beat Chelsea. Jammu and Kashmir Police said on Friday they had arrests."
    found = english(tagger, text)
    assert "Brighton and Hove Albion" in found, found
    assert "Jammu and Kashmir Police" in found, found
    before = english(without("known-and-names"), text)
    assert "Brighton and Hove Albion" not in before and "Jammu and Kashmir Police" not in before, before


def test_known_and_names_leave_other_runs_alone(tagger: BuiltinTagger) -> None:
    text = (
        "The Department of Energy and Climate Change on Monday said so. "
        "Fans from Canada and Bosnia and Herzegovina on Sunday cheered."
    )
    found = english(tagger, text)
    assert "Department of Energy and Climate Change" in found, found
    assert {"Canada", "Bosnia and Herzegovina"} <= found.keys(), found
    assert "Canada and Bosnia and Herzegovina" not in found, found


def test_days_and_months_in_capitals_are_dates(tagger: BuiltinTagger) -> None:
    text = "Great show.\nSUNDAY OCTOBER 4\nTHE RUBY LOUNGE, PERTH\nTUESDAY NOVEMBER 10\nTHE RUBY LOUNGE, PERTH"
    found = english(tagger, text)
    assert not any("SUNDAY" in name or "TUESDAY" in name for name in found), found
    assert found.get("Perth") == "GPE", found
    before = english(without("shouted-dates"), text)
    assert any("TUESDAY" in name for name in before), before


def test_shouted_dates_leave_names_in_capitals(tagger: BuiltinTagger) -> None:
    text = "Read it in THE SUN today. We met at the MARCH FOR SCIENCE rally in Leeds."
    found = english(tagger, text)
    assert any("SUN" in name or "Sun" in name for name in found), found


def test_a_credit_with_a_role_names_a_person(tagger: BuiltinTagger) -> None:
    text = "A warm record with a bright finish.\n– Jenna Carlisle, Writer\nAnother view follows."
    found = english(tagger, text)
    assert found.get("Jenna Carlisle") == "PERSON", found
    before = english(without("role-credits"), text)
    assert "Jenna Carlisle" not in before, before


def test_role_credits_need_a_given_name_and_a_role(tagger: BuiltinTagger) -> None:
    text = "Trains were late.\nVictoria Station, Platform Manager\nMarlow Quay, Harbour Road\nMore soon."
    found = english(tagger, text)
    assert found.get("Victoria Station") != "PERSON", found
    assert "Marlow Quay" not in found or found["Marlow Quay"] != "PERSON", found


def test_the_page_title_names_the_site(tagger: BuiltinTagger) -> None:
    text = "The band played a long set on Friday night."
    found = english(tagger, text, title="Five records to hear this week | Loud Hollow")
    assert found.get("Loud Hollow") == "ORG", found
    found = english(tagger, text, title="A night at the opera - Velvet Parlour Magazine")
    assert found.get("Velvet Parlour Magazine") == "ORG", found
    before = english(without("site-title"), text, title="Five records to hear this week | Loud Hollow")
    assert before.get("Loud Hollow") != "ORG", before


def test_site_title_leaves_headline_halves_people_and_places(tagger: BuiltinTagger) -> None:
    text = "The band played a long set on Friday night."
    how_to = "Grow basil at home | Step-by-Step Guide"  # a how-to's label: the rule adds nothing
    assert english(tagger, text, title=how_to) == english(without("site-title"), text, title=how_to)
    found = english(tagger, text, title="Why I quit - Pamela Anderson")
    assert found.get("Pamela Anderson") == "PERSON", found
    found = english(tagger, text, title="A week of rain - Scotland")
    assert found.get("Scotland") == "GPE", found
    assert not english(tagger, text, title="Fares go up - and then down again"), "a headline's second half"


def test_a_quoted_nickname_stays_out_of_the_name(tagger: BuiltinTagger) -> None:
    text = "The club thanked striker Marcus “Bullet” Ollendorf for ten seasons."
    found = english(tagger, text)
    assert found.get("Marcus Ollendorf") == "PERSON", found
    assert "Bullet" not in found, found
    before = english(without("quoted-nicknames"), text)
    assert "Marcus Ollendorf" not in before, before


def test_quoted_nicknames_need_a_given_name_first(tagger: BuiltinTagger) -> None:
    text = "The studio released “Harbour” Tuesday. Critics called it “Brilliant” Overall."
    found = english(tagger, text)
    assert not any(" " in name and "Harbour" in name for name in found), found


def test_a_legal_form_alone_is_no_firm(tagger: BuiltinTagger) -> None:
    text = "Both apps are owned by Velmora Global, Inc., which also runs Grelling Labs, LLC in Ohio."
    found = english(tagger, text)
    assert not {"Inc", "LLC"} & found.keys(), found
    assert {"Velmora Global", "Grelling Labs"} <= found.keys(), found
    before = english(without("lone-legal-forms"), text)
    assert {"Inc", "LLC"} & before.keys(), before


def test_lone_legal_forms_leave_names_that_hold_them(tagger: BuiltinTagger) -> None:
    text = "Velmora Global Inc said on Monday that PLC Holdings would buy its rival."
    found = english(tagger, text)
    assert any("Velmora" in name for name in found), found
    assert "PLC Holdings" in found, found


def test_fedora_is_software(tagger: BuiltinTagger) -> None:
    found = english(tagger, "For Red Hat or Fedora, install the python3 package first.")
    assert found.get("Fedora") == "PRODUCT", found
