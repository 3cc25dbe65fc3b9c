"""Area codes of CBS (indeling 2025): their patterns, the level a code belongs to, and a clean form.

One place for what a code looks like, so the build, the URL and the uploads agree:
NL00 (Nederland), AMxx (arbeidsmarktregio, codes AM01–AM38 with gaps), PVxx (provincie),
GMxxxx (gemeente), WKxxxxxx (wijk; Amsterdam's end in letters: WK0363AA), BUxxxxxxxx (buurt).
"""

from __future__ import annotations

import re

NEDERLAND = "NL00"

PATRONEN: dict[str, re.Pattern] = {
    "nederland": re.compile(r"NL00"),
    "arbeidsmarktregio": re.compile(r"AM\d{2}"),
    "provincie": re.compile(r"PV\d{2}"),
    "gemeente": re.compile(r"GM\d{4}"),
    "wijk": re.compile(r"WK\d{4}[0-9A-Z]{2}"),
    "buurt": re.compile(r"BU\d{4}[0-9A-Z]{4}"),
}
# How a message describes the expected form ("GM gevolgd door vier cijfers").
VORM = {
    "arbeidsmarktregio": "AM gevolgd door twee cijfers",
    "provincie": "PV gevolgd door twee cijfers",
    "gemeente": "GM gevolgd door vier cijfers",
    "wijk": "WK gevolgd door zes tekens, bijvoorbeeld WK036300",
    "buurt": "BU gevolgd door acht tekens",
}


def schoon(value) -> str | None:
    """A code as typed or linked (" am12 ") in its canonical form ("AM12"); None for no text."""
    if not isinstance(value, str):
        return None
    return value.strip().upper() or None


def niveau_van(code) -> str | None:
    """"AM12" -> "arbeidsmarktregio", "GM0363" -> "gemeente", …; None when the form matches no level."""
    if not isinstance(code, str):
        return None
    for niveau, patroon in PATRONEN.items():
        if patroon.fullmatch(code):
            return niveau
    return None


def is_code(code, niveau: str) -> bool:
    """True when `code` has the form of a code of `niveau` (whether it exists is for the data to say)."""
    return isinstance(code, str) and PATRONEN[niveau].fullmatch(code) is not None


def gemeente_van_wijk(wijk: str) -> str:
    """The gemeente of a wijk code: "WK036300" -> "GM0363", "WK0363AA" -> "GM0363"."""
    if not is_code(wijk, "wijk"):
        raise ValueError(f"{wijk!r} is geen geldige wijkcode (verwacht {VORM['wijk']}).")
    return "GM" + wijk[2:6]
