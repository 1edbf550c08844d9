"""Build worker/pipeline/entities/data/companies.json: the names of listed companies, for the tagger's rule
`listed-companies` (an unknown one-word firm defaults to a weak ORG that a list or a title can turn into a person:
"Elering" and "Maserati" were PERSON).

    pip install pytickersymbols==1.17.10 wordfreq english-words
    python -m tools.build_companies

Source: pytickersymbols (MIT), about 1,800 members of twenty stock indices (S&P 500, FTSE 100, DAX, CAC 40,
Nikkei 225, IBEX 35, OMX...), as the package ships them, nothing downloaded. Each name is kept as written
("Abbott Laboratories") and without its legal form ("Adobe Inc." -> "Adobe", "Aegon N.V." -> "Aegon"). Left
out, because a capital alone would then make them a firm: one-word names that are everyday English words
("Target", "Visa", "Box": Webster's lowercase words, or wordfreq Zipf 4.2 and up), given names or known places (the shipped gazetteer decides), and names shorter than
three letters. The output is sorted, so a rebuild from the same package version is byte for byte the same.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

from worker.pipeline.entities.gazetteer import COMPANY_SOURCE, load_gazetteer

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "companies.json"
EVERYDAY_ZIPF = 4.2  # wordfreq: a one-word name this frequent in English is mostly the word ("Box", "Shell")
LEGAL_FORMS = re.compile(
    r",?\s+(?:Inc\.?|Corp\.?|Corporation|Co\.|Company|plc|PLC|N\.V\.|NV|S\.A\.|SA|SE|AG|ASA|AB|Ltd\.?|Limited|Oyj|"
    r"S\.p\.A\.|SpA|KGaA|GmbH|Holdings?|Group)$"
)


def company_names(raw_names: list[str], is_english_word: Callable[[str], bool]) -> dict[str, str]:
    """Surface form -> canonical name (the name as the package writes it, legal form removed)."""
    gazetteer = load_gazetteer()
    names: dict[str, str] = {}
    for raw in raw_names:
        raw = " ".join(raw.split())
        short = raw
        while True:  # "Adamas Trust, Inc." -> "Adamas Trust"; "HSBC Holdings plc" -> "HSBC"
            stripped = LEGAL_FORMS.sub("", short).rstrip(" ,&")  # "Merck & Co." -> "Merck"
            if stripped == short:
                break
            short = stripped
        canonical = short or raw
        for surface in {raw, short}:
            if len(surface) < 3 or not surface[0].isalnum():
                continue
            if " " not in surface:
                if (
                    gazetteer.is_common_word(surface)
                    or is_english_word(surface.lower())
                    or surface in gazetteer.given_names
                    or surface.title() in gazetteer.given_names
                ):
                    continue
            known = gazetteer.lookup(surface)
            if known is not None and known.source != COMPANY_SOURCE:
                continue  # a place, a country, or a firm the curated list already has
            names.setdefault(surface, canonical)
    return dict(sorted(names.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    from english_words import get_english_words_set
    from pytickersymbols import PyTickerSymbols
    from wordfreq import zipf_frequency

    dictionary = {word for word in get_english_words_set(["web2"]) if word.islower()}

    def is_english_word(word: str) -> bool:
        return word in dictionary or zipf_frequency(word, "en") >= EVERYDAY_ZIPF

    raw_names = sorted({stock["name"] for stock in PyTickerSymbols().get_all_stocks() if stock.get("name")})
    names = company_names(raw_names, is_english_word)
    payload = {"format": 1, "source": "pytickersymbols", "companies": names}
    args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} company names from {len(raw_names)} listed companies to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
