"""Near-duplicate stories: MinHash signatures over normalized word shingles, and LSH band keys to find candidates.

The same wire story republished by several outlets differs in headline, boilerplate, small edits and trimmed or
reordered paragraphs, so its content hash differs; its shingle set barely does. The store keeps each article's
signature and band keys; a new article's candidates are the articles sharing any band key, and `best_match` picks
the first-seen one whose estimated Jaccard similarity reaches the threshold. The settings were chosen by
measurement (`python -m bench.neardup_eval`, see docs/quality.md).

Every hash here is defined by this module alone (CRC-32, a SplitMix64 mixer and fixed constants), never by
Python's salted `hash()` or numpy's random streams, so all workers on all machines compute the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

SIGNATURE_DTYPE = np.dtype("<u4")  # little-endian on every machine, so the stored bytes mean the same everywhere
EMPTY_SLOT = 0xFFFFFFFF  # a text without words has this in every slot: see `fingerprint`
PERMUTATION_SEED = 0x6E65_7773_6475_7031  # "newsdup1": changing it changes every stored signature
BAND_SEED = 0x6261_6E64_6B65_7931  # "bandkey1"
SHINGLE_CHUNK = 2048  # shingles permuted per step: a 1 MB buffer at 128 slots, whatever the text's length

# SplitMix64's constants (Steele, Lea and Flood, 2014), and one odd multiplier for combining hashes in order.
MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
MIX_MULTIPLIER_1 = np.uint64(0xBF58476D1CE4E5B9)
MIX_MULTIPLIER_2 = np.uint64(0x94D049BB133111EB)
COMBINE_MULTIPLIER = np.uint64(0x9FB21C651E98DF25)

APOSTROPHES = re.compile(r"['\u2019\u02bc]")  # "don't" and "don’t" become "dont", not "don t"
NON_WORD = re.compile(r"[\W_]+")  # punctuation, symbols and runs of whitespace all become one space
CJK_CHARACTER = re.compile(
    r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
)  # one word each, as in pipeline/words.py
# The same rules for ASCII bytes, applied by bytes.translate at C speed: letters and digits stay, the apostrophe
# goes, everything else becomes a space.
ASCII_WORD_BYTES = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ASCII_TO_SPACE = bytes.maketrans(
    bytes(byte for byte in range(128) if byte not in ASCII_WORD_BYTES),
    b" " * (128 - len(ASCII_WORD_BYTES)),
)
# News text is full of curly quotes and dashes; replacing their UTF-8 bytes directly (UTF-8 never hides one
# character's bytes inside another's) keeps the words around them on the fast path. Same rules as above.
TYPOGRAPHIC_BYTES = tuple(
    (character.encode("utf-8"), b"" if APOSTROPHES.match(character) else b" ") for character in "’ʼ“”‘‚„«»‹›—–‐‑‒―…•·"
)


@dataclass(frozen=True)
class NearDupSettings:
    """How signatures are built and compared. Changing num_perm, bands or shingle_size invalidates stored keys."""

    num_perm: int = 128  # signature length: 128 slots of 4 bytes, 512 bytes per article
    # 42 bands of 3 rows (126 of the 128 slots): a pair becomes a candidate with probability 1 - (1 - J**3)**42,
    # 0.5% at Jaccard 0.05 (unrelated stories on one beat), 29% at 0.2, 68% at 0.3, 94% at 0.4, >99% at 0.5.
    bands: int = 42
    shingle_size: int = 3  # words per shingle
    threshold: float = 0.25  # estimated Jaccard at or above which a candidate is a near-duplicate

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {self.num_perm}")
        if not 1 <= self.bands <= self.num_perm:
            raise ValueError(f"bands must be between 1 and num_perm ({self.num_perm}), got {self.bands}")
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be positive, got {self.shingle_size}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    @property
    def rows(self) -> int:
        """Signature slots per band; the last num_perm % bands slots are in no band."""
        return self.num_perm // self.bands


DEFAULT_SETTINGS = NearDupSettings()


# --- text to shingles ---------------------------------------------------------------------------------------


def _unicode_words(text: str) -> list[str]:
    """The words of casefolded text by the Unicode rules: apostrophes dropped, other non-word characters split."""
    spaced = NON_WORD.sub(" ", APOSTROPHES.sub("", text))
    if CJK_CHARACTER.search(spaced):
        spaced = CJK_CHARACTER.sub(r" \1 ", spaced)
    return spaced.split()


def _normalized_word_bytes(text: str) -> list[bytes]:
    """The text's normalized words as UTF-8 bytes (see `normalized_words`).

    The regular expressions cost more than everything else in `fingerprint` together, so the ASCII rules run on
    the whole text with bytes.translate and only the words that still hold non-ASCII characters (curly quotes,
    dashes, accents, CJK) go through them; the result is the same as applying them to the whole text.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    encoded = folded.encode("utf-8")
    if not encoded.isascii():
        for typographic, replacement in TYPOGRAPHIC_BYTES:
            encoded = encoded.replace(typographic, replacement)
    tokens = encoded.translate(ASCII_TO_SPACE, b"'").split()
    if encoded.isascii():
        return tokens
    words: list[bytes] = []
    for token in tokens:
        if token.isascii():
            words.append(token)
        else:
            words.extend(word.encode("utf-8") for word in _unicode_words(token.decode("utf-8")))
    return words


def normalized_words(text: str) -> list[str]:
    """The text's words after NFKC, case folding and punctuation removal; each CJK character is one word."""
    return [word.decode("utf-8") for word in _normalized_word_bytes(text)]


def _mix64(values: U64) -> U64:
    """SplitMix64's finalizer applied to each value: every output bit depends on every input bit."""
    values = (values ^ (values >> np.uint64(30))) * MIX_MULTIPLIER_1
    values = (values ^ (values >> np.uint64(27))) * MIX_MULTIPLIER_2
    return values ^ (values >> np.uint64(31))


def _word_hashes(words: list[bytes]) -> U64:
    """A well-mixed 64-bit hash per word, from its CRC-32 (C speed, and the same everywhere)."""
    crcs = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    return _mix64(crcs + np.uint64(GOLDEN_GAMMA))


def shingle_hashes(text: str, shingle_size: int) -> U64:
    """The 64-bit hashes of the text's runs of `shingle_size` consecutive normalized words, in text order.

    A shingle that recurs is hashed each time: MinHash takes minimums, so repeats cost a little time but change
    nothing, and skipping np.unique saves more. A text shorter than the shingle size gives one shingle of all
    its words; a text without words gives none.
    """
    word_hashes = _word_hashes(_normalized_word_bytes(text))
    if word_hashes.size == 0:
        return word_hashes
    size = min(shingle_size, int(word_hashes.size))
    count = word_hashes.size - size + 1
    combined = word_hashes[:count].copy()
    for offset in range(1, size):
        # Multiply-then-add is order-sensitive, so "a b c" and "c b a" are different shingles.
        combined = combined * COMBINE_MULTIPLIER + word_hashes[offset : offset + count]
    return _mix64(combined + np.uint64(size))


# --- shingles to signature ----------------------------------------------------------------------------------


def _splitmix64(seed: int, count: int) -> list[int]:
    """`count` pseudo-random 64-bit integers from SplitMix64, in pure Python so no library version can change them."""
    numbers = []
    state = seed & MASK64
    for _ in range(count):
        state = (state + GOLDEN_GAMMA) & MASK64
        value = state
        value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & MASK64
        numbers.append(value ^ (value >> 31))
    return numbers


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[U32, U32]:
    """(multipliers, offsets), each shaped (num_perm, 1): slot i hashes a shingle x to multipliers[i] * x + offsets[i]
    modulo 2**32.

    Multipliers are odd, so each slot's hash is a bijection on 32-bit integers. A linear hash is a weak permutation
    in general, but the shingle hashes it is applied to are already thoroughly mixed; the estimate's bias and
    spread measured on random sets match the ideal binomial ones. 32-bit arithmetic halves the memory traffic
    of the (num_perm x shingles) matrix, the largest cost in `fingerprint`.
    """
    numbers = _splitmix64(PERMUTATION_SEED, 2 * num_perm)
    multipliers = np.array([(number >> 32) | 1 for number in numbers[0::2]], dtype=np.uint32).reshape(num_perm, 1)
    offsets = np.array([number >> 32 for number in numbers[1::2]], dtype=np.uint32).reshape(num_perm, 1)
    return multipliers, offsets


def minhash(shingles: U64, num_perm: int) -> U32:
    """The MinHash signature of a set of shingle hashes: per slot, the minimum of the slot's hash over the set.

    Each shingle enters as the high 32 bits of its hash. An empty set gives 0xFFFFFFFF in every slot.
    """
    multipliers, offsets = _permutations(num_perm)
    keys = (shingles >> np.uint64(32)).astype(np.uint32)
    minimum = np.full(num_perm, EMPTY_SLOT, dtype=np.uint32)
    # One reused buffer and in-place arithmetic: allocating a fresh (num_perm x shingles) matrix per operation
    # costs more than the arithmetic itself.
    buffer = np.empty((num_perm, min(SHINGLE_CHUNK, max(keys.size, 1))), dtype=np.uint32)
    for start in range(0, keys.size, SHINGLE_CHUNK):
        chunk = keys[start : start + SHINGLE_CHUNK]
        permuted = buffer[:, : chunk.size]
        np.multiply(multipliers, chunk, out=permuted)
        np.add(permuted, offsets, out=permuted)
        np.minimum(minimum, permuted.min(axis=1), out=minimum)
    return minimum


def fingerprint(text: str, settings: NearDupSettings = DEFAULT_SETTINGS) -> bytes:
    """The MinHash signature of the text's normalized word shingles, packed as bytes (store as LargeBinary).

    The bytes are `settings.num_perm` little-endian unsigned 32-bit integers. A text without words (empty, or only
    punctuation) gets the empty signature, every slot 0xFFFFFFFF: it has no band keys and a similarity of 0.0 to
    everything, including another empty signature, so it is never anyone's near-duplicate.
    """
    shingles = shingle_hashes(text, settings.shingle_size)
    return minhash(shingles, settings.num_perm).astype(SIGNATURE_DTYPE).tobytes()


def signature_slots(signature: bytes) -> U32:
    """The signature's slots as an array; raises ValueError if the bytes cannot be a signature."""
    if not signature or len(signature) % SIGNATURE_DTYPE.itemsize:
        raise ValueError(f"a signature is a non-empty multiple of 4 bytes, got {len(signature)} bytes")
    return np.frombuffer(signature, dtype=SIGNATURE_DTYPE).astype(np.uint32)


# --- lookup -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _band_seeds(bands: int) -> U64:
    """One pseudo-random 64-bit seed per band, so equal rows in different bands give different keys."""
    return np.array(_splitmix64(BAND_SEED, bands), dtype=np.uint64)


def band_keys(signature: bytes, settings: NearDupSettings = DEFAULT_SETTINGS) -> list[int]:
    """One key per LSH band, each a signed 64-bit int (fits PostgreSQL BIGINT), band index mixed in so bands don't
    collide.

    Two signatures share a key when all the rows of one band are equal. The empty signature has no keys.
    Raises ValueError if the signature was not made with `settings.num_perm` slots.
    """
    slots = signature_slots(signature)
    if slots.size != settings.num_perm:
        raise ValueError(f"signature has {slots.size} slots, settings expect num_perm={settings.num_perm}")
    if (slots == EMPTY_SLOT).all():
        return []
    rows = settings.rows
    band_rows = slots[: settings.bands * rows].reshape(settings.bands, rows).astype(np.uint64)
    keys = _band_seeds(settings.bands).copy()
    for row in range(rows):
        keys = (keys ^ band_rows[:, row]) * COMBINE_MULTIPLIER
    return [int(key) for key in _mix64(keys).view(np.int64)]


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of slots where they agree.

    0.0 when either is the empty signature. Raises ValueError if their lengths differ.
    """
    return _slot_agreement(signature_slots(sig_a), signature_slots(sig_b))


def _slot_agreement(slots_a: U32, slots_b: U32) -> float:
    """The share of equal slots; 0.0 if either is the empty signature."""
    if slots_a.size != slots_b.size:
        raise ValueError(f"signatures differ in length: {slots_a.size} and {slots_b.size} slots")
    if (slots_a == EMPTY_SLOT).all() or (slots_b == EMPTY_SLOT).all():
        return 0.0
    return float(np.count_nonzero(slots_a == slots_b)) / slots_a.size


def best_match(signature: bytes, candidates: Iterable[tuple[int, bytes]], threshold: float) -> int | None:
    """Among (article_id, signature) candidates, the lowest id (first seen) whose similarity >= threshold, else None.

    All candidates are compared in one array operation: a large archive hands back hundreds of candidates per
    lookup, and comparing them one by one in Python cost more than finding them.
    """
    slots = signature_slots(signature)
    if (slots == EMPTY_SLOT).all():
        return None
    ids: list[int] = []
    blobs: list[bytes] = []
    for article_id, candidate in candidates:
        if len(candidate) != len(signature):
            raise ValueError(f"signatures differ in length: {len(signature)} and {len(candidate)} bytes")
        ids.append(article_id)
        blobs.append(candidate)
    if not ids:
        return None
    matrix = np.frombuffer(b"".join(blobs), dtype=SIGNATURE_DTYPE).reshape(len(ids), slots.size)
    agreement = np.count_nonzero(matrix == slots, axis=1) / slots.size
    empty = (matrix == EMPTY_SLOT).all(axis=1)
    matching = [
        article_id
        for article_id, share, blank in zip(ids, agreement, empty, strict=True)
        if share >= threshold and not blank
    ]
    return min(matching) if matching else None


# --- bounding the lookup ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateBounds:
    """How much of the archive one lookup may read, so that its cost does not grow with the archive.

    Measured in docs/performance.md (growth) and docs/quality.md (what the bounds cost in recall).
    """

    # Only articles ingested this long before the new one are candidates (None: the whole archive).
    # Republications come within hours or days; an older story resurfacing is stored as a new article.
    window_seconds: float | None = 30 * 86400.0
    # Per band key, only the first-seen `per_key` articles inside the window are read. A key that hundreds of
    # articles share (a stock paragraph, boilerplate) says little about any one of them, and the first-seen
    # ones are those a near-duplicate links to anyway. Recall was unchanged down to 4 (bench.neardup_eval, and
    # the rewrites of bench.perf_growth's 100,000-article archive); 16 keeps a margin of four.
    per_key: int = 16
    limit: int = 200  # candidates compared at most, the first-seen first

    def __post_init__(self) -> None:
        if self.window_seconds is not None and not self.window_seconds > 0:
            raise ValueError(f"window_seconds must be positive or None, got {self.window_seconds}")
        if self.per_key < 1 or self.limit < 1:
            raise ValueError(f"per_key and limit must be positive, got {self.per_key} and {self.limit}")


def bounded_candidates(postings: Iterable[Iterable[int]], floor: int, per_key: int, limit: int) -> list[int]:
    """The candidate ids a bounded lookup returns, in id order: per key (its article ids in ascending order), the
    first `per_key` ids at or above `floor`; of their union, the `limit` lowest.

    This is what the store's candidate query computes (worker/store/repository.py), in plain Python: the
    benchmarks' in-memory index uses it, and the store's tests compare the two.
    """
    found: set[int] = set()
    for ids in postings:
        taken = 0
        for article_id in ids:
            if article_id < floor:
                continue
            if taken == per_key:
                break
            found.add(article_id)
            taken += 1
    return sorted(found)[:limit]
