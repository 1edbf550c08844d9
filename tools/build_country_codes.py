"""Build worker/pipeline/entities/data/country_codes.json: three-letter country codes as sports results write them
after a name ("Marcus Hill (USA) 9.89", "Lea Bachmann (SUI)"), for the tagger's rule `country-codes`.

    pip install pycountry
    python -m tools.build_country_codes

Each code maps to the gazetteer's identity of the country ("SUI" -> "country:CH"), so the code and the country's
name are one entity. Sources: pycountry's ISO 3166 alpha-3 codes, and the International Olympic Committee's codes
where they differ (below, from the IOC's list of National Olympic Committees), which win where the two disagree
("BRN" is Bahrain to the IOC, Brunei to ISO); the four home nations' football and rugby codes ("ENG", "SCO",
"WAL", "NIR"). Codes whose country the gazetteer does not know are left out.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from worker.pipeline.entities.gazetteer import load_gazetteer

DEFAULT_OUTPUT = (
    Path(__file__).resolve().parents[1] / "worker" / "pipeline" / "entities" / "data" / "country_codes.json"
)

# IOC code -> ISO 3166 alpha-2, where the IOC code is not the ISO alpha-3 code
OLYMPIC_CODES = {
    "ALG": "DZ", "ANG": "AO", "ANT": "AG", "ARU": "AW", "ASA": "AS", "BAH": "BS", "BAN": "BD", "BAR": "BB",
    "BER": "BM", "BHU": "BT", "BIZ": "BZ", "BOT": "BW", "BRN": "BH", "BRU": "BN", "BUL": "BG", "BUR": "BF",
    "CAM": "KH", "CAY": "KY", "CGO": "CG", "CHA": "TD", "CHI": "CL", "CRC": "CR", "CRO": "HR", "DEN": "DK",
    "ESA": "SV", "FIJ": "FJ", "GAM": "GM", "GBS": "GW", "GEQ": "GQ", "GER": "DE", "GRE": "GR", "GRN": "GD",
    "GUA": "GT", "GUI": "GN", "HAI": "HT", "HON": "HN", "INA": "ID", "IRI": "IR", "ISV": "VI", "IVB": "VG",
    "KSA": "SA", "KUW": "KW", "LAT": "LV", "LBA": "LY", "LES": "LS", "LIB": "LB", "MAD": "MG", "MAS": "MY",
    "MAW": "MW", "MGL": "MN", "MRI": "MU", "MTN": "MR", "MYA": "MM", "NCA": "NI", "NED": "NL", "NEP": "NP",
    "NGR": "NG", "NIG": "NE", "OMA": "OM", "PAR": "PY", "PHI": "PH", "PLE": "PS", "POR": "PT", "PUR": "PR",
    "RSA": "ZA", "SAM": "WS", "SEY": "SC", "SIN": "SG", "SKN": "KN", "SLO": "SI", "SOL": "SB", "SRI": "LK",
    "SUD": "SD", "SUI": "CH", "TAN": "TZ", "TGA": "TO", "TOG": "TG", "TPE": "TW", "TRI": "TT", "UAE": "AE",
    "URU": "UY", "VAN": "VU", "VIE": "VN", "VIN": "VC", "ZAM": "ZM", "ZIM": "ZW",
}  # fmt: skip
HOME_NATIONS = {"ENG": "GB-ENG", "SCO": "GB-SCT", "WAL": "GB-WLS", "NIR": "GB-NIR"}


def build() -> dict[str, object]:
    import pycountry

    known = {str(entry[1]) for entry in load_gazetteer().names.values()}
    codes = {country.alpha_3: country.alpha_2 for country in pycountry.countries}
    codes.update(OLYMPIC_CODES)
    codes.update(HOME_NATIONS)
    keyed = {code: f"country:{iso}" for code, iso in sorted(codes.items()) if f"country:{iso}" in known}
    return {"format": 1, "codes": keyed}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    payload = build()
    args.output.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(payload['codes'])} codes")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
