"""Near-duplicate detection (worker/pipeline/neardup.py): republished variants are found, different stories on
the same beat are not, and signatures are the same bytes in every process."""

import hashlib
import os
import random
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.neardup_corpus import (
    MAX_STORY_WORDS,
    MIN_STORY_WORDS,
    Story,
    edit_words,
    generate_stories,
    shuffle_paragraphs,
    trim_ending,
)
from worker.pipeline.neardup import (
    CandidateBounds,
    NearDupSettings,
    band_keys,
    best_match,
    bounded_candidates,
    fingerprint,
    minhash,
    normalized_words,
    shingle_hashes,
    similarity,
)

SETTINGS = NearDupSettings()
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stories() -> list[Story]:
    return generate_stories(40, seed=11)


def body_of(story: Story) -> str:
    """The original's paragraphs without headline, dateline and reporting credit."""
    paragraphs = story.variants[0].split("\n\n")[1:-1]
    paragraphs[0] = paragraphs[0].split(") - ", 1)[1]  # "CALDERA (Meridian Wire) - The ..."
    return "\n\n".join(paragraphs)


def is_found(original: str, variant: str) -> bool:
    """Whether the variant, arriving after the original, is linked to it as a near-duplicate."""
    original_signature, variant_signature = fingerprint(original), fingerprint(variant)
    shares_a_band = bool(set(band_keys(original_signature)) & set(band_keys(variant_signature)))
    match = best_match(variant_signature, [(1, original_signature)], SETTINGS.threshold)
    return shares_a_band and match == 1


# --- what must be found -------------------------------------------------------------------------------------


def test_variant_with_ten_percent_word_edits_is_found(stories: list[Story]) -> None:
    for story in stories[:10]:
        original = body_of(story)
        edited = edit_words(random.Random(story.story_id), original, 0.10)
        assert edited != original
        assert is_found(original, edited), story.story_id


def test_reordered_paragraphs_are_found(stories: list[Story]) -> None:
    for story in stories[:10]:
        paragraphs = body_of(story).split("\n\n")
        shuffled = shuffle_paragraphs(random.Random(story.story_id), paragraphs)
        assert shuffled != paragraphs
        assert is_found("\n\n".join(paragraphs), "\n\n".join(shuffled)), story.story_id


def test_trimmed_ending_is_found(stories: list[Story]) -> None:
    for story in stories[:10]:
        paragraphs = body_of(story).split("\n\n")
        trimmed = trim_ending(paragraphs, 0.6)
        assert len(trimmed) < len(paragraphs)
        assert is_found("\n\n".join(paragraphs), "\n\n".join(trimmed)), story.story_id


def test_republished_versions_with_new_headline_and_boilerplate_are_found(stories: list[Story]) -> None:
    """Every kind of variant at once (edits, trims, shuffles, headline and boilerplate): LSH is probabilistic,
    so this asserts a rate; bench/neardup_eval.py measures it on 1,000 stories."""
    found = [is_found(story.variants[0], variant) for story in stories for variant in story.variants[1:]]
    assert len(found) > 100
    assert sum(found) / len(found) >= 0.95


def test_typography_case_and_compatibility_forms_do_not_matter() -> None:
    plain = 'The minister\'s "new" plan - for 2,000 homes... cost $4.2 million (officials said).'
    fancy = "THE MINISTER’S “NEW” PLAN — FOR 2,000 HOMES… COST $4.2 MILLION (Officials said)."
    compatibility = 'The minister\'s "new" plan - for ２,０００ homes... cost $4.2 million (officials said).'
    assert fingerprint(plain) == fingerprint(fancy) == fingerprint(compatibility)


# --- what must not be found ---------------------------------------------------------------------------------


def test_different_stories_on_the_same_topic_with_the_same_people_are_not_matched(stories: list[Story]) -> None:
    by_topic: dict[str, list[Story]] = {}
    for story in stories:
        by_topic.setdefault(story.topic, []).append(story)
    signatures = {story.story_id: fingerprint(story.variants[0]) for story in stories}
    pairs_checked = pairs_sharing_people = 0
    for same_topic in by_topic.values():
        for story_a, story_b in combinations(same_topic, 2):
            pairs_sharing_people += bool(_people(story_a.variants[0]) & _people(story_b.variants[0]))
            signature_a, signature_b = signatures[story_a.story_id], signatures[story_b.story_id]
            assert similarity(signature_a, signature_b) < SETTINGS.threshold, (story_a.story_id, story_b.story_id)
            assert best_match(signature_b, [(1, signature_a)], SETTINGS.threshold) is None
            pairs_checked += 1
    assert pairs_checked > 100
    assert pairs_sharing_people > pairs_checked / 3  # the hard case: same beat, same named people


def _people(text: str) -> set[str]:
    """Capitalised two-word names followed by a role, e.g. "Isabel Novak, the health minister"."""
    return set(re.findall(r"([A-Z][a-z]+ [A-Z][a-zA-Z']+), (?:the|a|an) ", text))


def test_different_short_texts_do_not_match() -> None:
    assert similarity(fingerprint("markets rallied"), fingerprint("storm warning")) == 0.0


# --- determinism --------------------------------------------------------------------------------------------


def test_fingerprint_and_band_keys_are_the_same_in_another_process(stories: list[Story]) -> None:
    text = stories[0].variants[1]
    code = (
        "import sys\n"
        "from worker.pipeline.neardup import fingerprint, band_keys\n"
        "signature = fingerprint(sys.stdin.read())\n"
        "print(signature.hex())\n"
        "print(band_keys(signature))\n"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, env=environment, check=True
    )
    signature_hex, keys = completed.stdout.splitlines()
    assert signature_hex == fingerprint(text).hex()
    assert keys == str(band_keys(fingerprint(text)))


def test_signature_bytes_are_pinned() -> None:
    """Stored signatures are compared with new ones for years: any change to the hashing must be deliberate
    (and needs the stored signatures and band keys recomputed)."""
    signature = fingerprint("Wire services republish the same story under many headlines, with small edits.")
    assert len(signature) == 4 * SETTINGS.num_perm
    assert hashlib.sha256(signature).hexdigest()[:16] == "26702518d1725673"
    assert band_keys(signature)[:2] == [600770831270453153, 6435758380888451856]


# --- band keys ----------------------------------------------------------------------------------------------


def test_band_keys_fit_signed_64_bits_one_per_band(stories: list[Story]) -> None:
    for story in stories[:10]:
        keys = band_keys(fingerprint(story.variants[0]))
        assert len(keys) == SETTINGS.bands
        assert all(isinstance(key, int) and -(2**63) <= key < 2**63 for key in keys)
        assert len(set(keys)) == len(keys)


def test_equal_rows_in_different_bands_give_different_keys() -> None:
    uniform = np.full(SETTINGS.num_perm, 7, dtype="<u4").tobytes()
    keys = band_keys(uniform)
    assert len(set(keys)) == SETTINGS.bands


def test_band_keys_follow_the_settings() -> None:
    settings = NearDupSettings(bands=16)
    assert settings.rows == 8
    assert len(band_keys(fingerprint("a short text of several words", settings), settings)) == 16
    with pytest.raises(ValueError):
        band_keys(fingerprint("some words", NearDupSettings(num_perm=64)), settings)


# --- edges --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t", "— … !!! ?", "“”"])
def test_text_without_words_gets_a_signature_that_matches_nothing(text: str) -> None:
    signature = fingerprint(text)
    assert len(signature) == 4 * SETTINGS.num_perm
    assert band_keys(signature) == []
    assert similarity(signature, signature) == 0.0
    assert similarity(signature, fingerprint("some real words here")) == 0.0
    assert best_match(signature, [(1, fingerprint(""))], SETTINGS.threshold) is None


def test_texts_shorter_than_a_shingle_still_work() -> None:
    one_word, two_words = fingerprint("Flooding"), fingerprint("Flooding closes")
    assert band_keys(one_word) and band_keys(two_words)
    assert similarity(one_word, fingerprint("flooding!")) == 1.0
    assert similarity(one_word, two_words) < 1.0
    assert shingle_hashes("two words", 3).size == 1


def test_long_text_is_hashed_in_chunks_with_the_same_result() -> None:
    rng = random.Random(3)
    text = " ".join(f"w{rng.randrange(50_000)}" for _ in range(6000))
    shingles = shingle_hashes(text, 3)
    assert shingles.size > 2 * 2048
    from worker.pipeline.neardup import _permutations

    multipliers, offsets = _permutations(SETTINGS.num_perm)
    keys = (shingles >> np.uint64(32)).astype(np.uint32)
    unchunked = (multipliers * keys + offsets).min(axis=1)
    assert np.array_equal(minhash(shingles, SETTINGS.num_perm), unchunked)


def test_estimated_similarity_tracks_true_jaccard() -> None:
    rng = random.Random(5)
    words = [f"w{rng.randrange(1_000_000)}" for _ in range(800)]
    for cut in (100, 250, 400, 600, 750):
        text_a, text_b = " ".join(words), " ".join(words[:cut])
        set_a = set(shingle_hashes(text_a, 3).tolist())
        set_b = set(shingle_hashes(text_b, 3).tolist())
        true_jaccard = len(set_a & set_b) / len(set_a | set_b)
        # 128 slots: the standard error is at most 0.044, so 0.13 is three of them.
        assert abs(similarity(fingerprint(text_a), fingerprint(text_b)) - true_jaccard) < 0.13


def test_normalized_words_follow_the_unicode_rules_on_every_path() -> None:
    text = "L’École — “naïve” café_au_lait, don't ＦＵＬＬ ﬁnance ʼokina 東京で会議 Straße\u00a0x2 (U.S.)"

    def reference(raw: str) -> list[str]:
        import unicodedata

        folded = unicodedata.normalize("NFKC", raw).casefold()
        spaced = re.sub(r"[\W_]+", " ", re.sub(r"['\u2019\u02bc]", "", folded))
        return re.sub(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])", r" \1 ", spaced).split()

    assert normalized_words(text) == reference(text)
    assert normalized_words(text)[:4] == ["lécole", "naïve", "café", "au"]
    assert "東" in normalized_words(text) and "strasse" in normalized_words(text)


# --- comparing ----------------------------------------------------------------------------------------------


def test_best_match_is_the_first_seen_match_whatever_the_order() -> None:
    text = "the council approved the new budget after a long debate on tuesday evening in the capital"
    signature = fingerprint(text)
    near = fingerprint(text.replace("tuesday", "monday"))
    unrelated = fingerprint("storms closed three ferry routes and the coastal railway for the weekend")
    candidates = [(9, near), (4, signature), (2, unrelated), (7, signature)]
    assert best_match(signature, candidates, 0.5) == 4
    assert best_match(signature, reversed(candidates), 0.5) == 4
    assert best_match(signature, [(2, unrelated)], 0.5) is None
    assert best_match(signature, [], 0.5) is None


def test_similarity_rejects_signatures_that_cannot_be_compared() -> None:
    assert similarity(fingerprint("same words"), fingerprint("same words")) == 1.0
    with pytest.raises(ValueError):
        similarity(fingerprint("a b c"), fingerprint("a b c", NearDupSettings(num_perm=64)))
    with pytest.raises(ValueError):
        similarity(b"abc", b"abc")


@pytest.mark.parametrize(
    "bad",
    [{"num_perm": 0}, {"bands": 0}, {"bands": 129}, {"shingle_size": 0}, {"threshold": 0.0}, {"threshold": 1.5}],
)
def test_settings_reject_impossible_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        NearDupSettings(**bad)  # type: ignore[arg-type]


# --- the benchmark corpus -----------------------------------------------------------------------------------


def test_corpus_is_deterministic_and_shaped_as_documented(stories: list[Story]) -> None:
    assert generate_stories(5, seed=11) == stories[:5]
    assert generate_stories(5, seed=12) != stories[:5]
    for story in stories:
        assert 3 <= len(story.variants) <= 6 and story.variant_kinds[0] == "original"
        assert MIN_STORY_WORDS <= len(body_of(story).split()) <= MAX_STORY_WORDS
    assert len({story.topic for story in stories}) >= 5


# --- the bounded lookup (CandidateBounds, bounded_candidates) ------------------------------------------------

posting_lists = st.lists(st.lists(st.integers(1, 60), max_size=30).map(lambda ids: sorted(set(ids))), max_size=8)


@given(posting_lists, st.integers(0, 70), st.integers(1, 40), st.integers(1, 300))
def test_bounded_candidates_read_at_most_per_key_ids_per_key_from_the_floor(
    postings: list[list[int]], floor: int, per_key: int, limit: int
) -> None:
    found = bounded_candidates(postings, floor, per_key, limit)
    assert found == sorted(set(found)) and len(found) <= limit
    allowed = {i for ids in postings for i in [i for i in ids if i >= floor][:per_key]}
    assert set(found) <= allowed
    # Within the limit nothing allowed is left out, and what is left out comes after everything kept.
    assert found == sorted(allowed)[:limit]


@given(posting_lists, st.integers(0, 70), st.integers(1, 40))
def test_bounded_candidates_grow_with_their_bounds(postings: list[list[int]], floor: int, per_key: int) -> None:
    unbounded = sorted({i for ids in postings for i in ids})
    assert bounded_candidates(postings, 0, 10**6, 10**6) == unbounded
    smaller = set(bounded_candidates(postings, floor, per_key, 10**6))
    assert smaller <= set(bounded_candidates(postings, floor, per_key + 1, 10**6))
    # Without a per-key bound, a later floor only drops the ids below it.
    assert bounded_candidates(postings, floor, 10**6, 10**6) == [i for i in unbounded if i >= floor]


def test_a_key_shared_by_many_articles_yields_only_its_first_seen_ones() -> None:
    common = list(range(1, 501))  # a stock paragraph's key
    rare = [250]  # the near-duplicate, also reached through a key only it and the new article share
    assert bounded_candidates([common, rare], 0, 3, 200) == [1, 2, 3, 250]
    assert bounded_candidates([common, rare], 300, 3, 200) == [300, 301, 302]


@pytest.mark.parametrize("bad", [{"window_seconds": 0}, {"per_key": 0}, {"limit": 0}])
def test_candidate_bounds_reject_impossible_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        CandidateBounds(**bad)  # type: ignore[arg-type]
