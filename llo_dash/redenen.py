"""Why values are missing: the reason codes the build records, and their Dutch texts.

The build records a reason per indicator and level as a code with parameters (`Part.redenen`,
the `ontbrekend` section of `data/manifest.json`: `code`, `parameters`). The texts are made
from the code in one place, `tekst`, for two audiences:

- `"bouw"`: the build's words, naming the mirror (the local copy of the public sources);
  shown on the Bronnen page next to the build's other records;
- `"gebruikers"`: the dashboard's words: a coordinator needs to know that the figure exists
  at CBS but is not in this dashboard. The manifest keeps this text as `reden` too, for
  readers that do not know the codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

BOUW = "bouw"
GEBRUIKERS = "gebruikers"

_NIET_INGELEZEN = "Niet in dit dashboard (de CBS-bron is hier maar deels ingelezen)"

# code: {audience: text}; parameters are filled in with str.format.
TEKSTEN: dict[str, dict[str, str]] = {
    "kleine_gebieden_onderdrukt": {
        BOUW: "CBS onderdrukt waarden van kleine gebieden (privacy) of het gebied heeft geen inwoners.",
        GEBRUIKERS: "CBS onderdrukt waarden van kleine gebieden (privacy) of het gebied heeft geen inwoners.",
    },
    "geen_cbs_waarde": {
        BOUW: "CBS publiceert geen waarde (onderdrukt of onbekend).",
        GEBRUIKERS: "CBS publiceert geen waarde (onderdrukt of onbekend).",
    },
    "onderwijs_onderdrukt": {
        BOUW: "CBS onderdrukt het onderwijsniveau van zeer kleine gemeenten (enquête te klein).",
        GEBRUIKERS: "CBS onderdrukt het onderwijsniveau van zeer kleine gemeenten (enquête te klein).",
    },
    "herkomstverdeling_onbekend": {
        BOUW: "Verdeling Europa / buiten Europa onbekend: beide percentages van 2023 zijn nul (zeer kleine gemeente).",
        GEBRUIKERS: "Verdeling Europa / buiten Europa onbekend: beide percentages van 2023 zijn nul (zeer kleine gemeente).",
    },
    "optelling_onvolledig": {
        BOUW: "Optelling onvolledig: niet alle gemeenten van de regio staan in de mirror.",
        GEBRUIKERS: "Optelling onvolledig: niet alle gemeenten van de regio zijn ingelezen.",
    },
    # An optional source that covers part of the areas is absent from the mirror.
    "bron_ontbreekt": {
        BOUW: "Niet in de mirror: het aanvullende bestand {bestand} ({titel}) ontbreekt; CBS publiceert deze cijfers wel.",
        GEBRUIKERS: f"{_NIET_INGELEZEN}: het aanvullende bestand {{bestand}} ({{titel}}) ontbreekt; "
                    "CBS publiceert deze cijfers wel.",
    },
    # The mirror's copy of a source covers only `aantal` gemeenten (and their wijken and buurten).
    "gemeenten_deels": {
        BOUW: "Niet in de mirror: per gemeente alleen de {aantal} gemeenten van de KWB-export (CBS publiceert ze wel).",
        GEBRUIKERS: f"{_NIET_INGELEZEN}: per gemeente alleen de {{aantal}} gemeenten van de KWB-export "
                    "(CBS publiceert ze wel).",
    },
    "wijken_deels": {
        BOUW: "Niet in de mirror: wijken en buurten alleen voor {aantal} gemeenten; kleine gebieden ook door CBS onderdrukt.",
        GEBRUIKERS: f"{_NIET_INGELEZEN}: wijken en buurten alleen voor {{aantal}} gemeenten; "
                    "kleine gebieden ook door CBS onderdrukt.",
    },
    "wijken_deels_live": {
        BOUW: "Niet in de mirror: wijken en buurten alleen voor {aantal} gemeenten (CBS publiceert ze wel, live op te "
              "halen); kleine gebieden ook door CBS onderdrukt.",
        GEBRUIKERS: f"{_NIET_INGELEZEN}: wijken en buurten alleen voor {{aantal}} gemeenten (CBS publiceert ze wel); "
                    "kleine gebieden ook door CBS onderdrukt.",
    },
    "sectoren_deels": {
        BOUW: "Niet in de mirror: bedrijfsvestigingen per sector alleen voor {aantal} gemeenten en hun wijken en buurten.",
        GEBRUIKERS: f"{_NIET_INGELEZEN}: bedrijfsvestigingen per sector alleen voor {{aantal}} gemeenten en hun wijken "
                    "en buurten.",
    },
}
ONBEKEND = "CBS publiceert hier geen cijfer (onderdrukt of niet beschikbaar)."


@dataclass(frozen=True)
class Reden:
    """A reason code with its parameters (source id, file, number of gemeenten covered, …)."""

    code: str
    parameters: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in TEKSTEN:
            raise ValueError(f"Onbekende redencode '{self.code}'.")

    def manifest(self) -> dict:
        """The reason as the manifest records it: code, parameters and the users' text."""
        return {"code": self.code, "parameters": dict(self.parameters), "reden": tekst(self, GEBRUIKERS)}


def reden(code: str, **parameters) -> Reden:
    return Reden(code, parameters)


def tekst(reden: Reden | Mapping | str | None, voor: str = GEBRUIKERS) -> str:
    """The Dutch text of a reason for `voor` ("gebruikers" or "bouw").

    `reden` is a `Reden`, an entry of the manifest's `ontbrekend` section (`code` and
    `parameters`; a manifest without codes has only the text `reden`, shown as it is) or such
    a text itself.
    """
    if reden is None:
        return ONBEKEND
    if isinstance(reden, str):
        return reden
    if isinstance(reden, Reden):
        code, parameters, text = reden.code, reden.parameters, None
    else:
        code, parameters, text = reden.get("code"), reden.get("parameters") or {}, reden.get("reden")
    if voor not in (BOUW, GEBRUIKERS):
        raise ValueError(f"Onbekend publiek voor een reden: '{voor}'.")
    if code not in TEKSTEN:  # a manifest without codes, or from a newer version
        return text or ONBEKEND
    try:
        return TEKSTEN[code][voor].format(**parameters)
    except KeyError:  # a parameter the code needs is not recorded
        return text or ONBEKEND
