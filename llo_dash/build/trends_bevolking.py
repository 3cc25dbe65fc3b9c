"""Rows of table `trends` for population and first generation, on the 2025 indeling.

- 85458NED (1 January 2022, 2023, 2024): inwoners (herkomstland and geboorteland Totaal) and
  eerste generatie (herkomstland Totaal × geboren buiten Nederland); the two slices the mirror has
  complete for every region and year (its SOURCES.md, 6.1). 2022 still holds Brielle,
  Hellevoetsluis, Westvoorne and Weesp: summed into Voorne aan Zee and Amsterdam by code history.
- 70072NED (1 January 2025): inwoners of the 342 gemeenten and Nederland.

KWB 2024 has the same inwoners as 85458NED 2024 (checked by the mirror's scout), so it adds no year.
Regions are the sum of their 2025 gemeenten; Nederland is CBS's own figure, which equals the sum of
the gemeenten in 2023 and 2024 (see `tests/test_trends_bevolking.py`).
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.context import BuildContext
from llo_dash.build.indeling import NEDERLAND_CODE, Indeling, map_region_names
from llo_dash.build.trends import _lang_per_jaar, _per_gemeente_2025, jaar, parse_periode
from llo_dash.errors import BuildError
from llo_dash.ingest.readers import find_header, to_number

HERKOMST = {"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "Totaal", "Herkomstland": "Totaal"}
NOTE_85458 = "Bevolking op 1 januari (85458NED)."
NOTE_70072 = "Bevolking op 1 januari (70072NED, Regionale kerncijfers Nederland)."
NEDERLAND_NOTE = "Landelijk cijfer van CBS."


def _herkomst(ctx: BuildContext, indeling: Indeling) -> list[pd.DataFrame]:
    """Wide frames (gemeenten, regios, nederland) with inwoners, eerste_generatie and its share per year."""
    parts = {}
    for name, geboorteland in (("inwoners", "Totaal"), ("eerste_generatie", "Persoon geboren buiten Nederland")):
        parts[name] = _per_gemeente_2025(ctx, "herkomst_geboorteland", {**HERKOMST, "Geboorteland": geboorteland},
                                         {name: "Bevolking"}, indeling)
    frames = []
    for level in range(3):
        total, first = parts["inwoners"][level], parts["eerste_generatie"][level]
        wide = total.merge(first[["code", "jaar", "eerste_generatie"]], on=["code", "jaar"], how="outer")
        wide["eerste_generatie_pct"] = (wide["eerste_generatie"] / wide["inwoners"] * 100).round(1)
        if "toelichting" not in wide:
            wide["toelichting"] = NEDERLAND_NOTE
        frames.append(wide)
    return frames


def _kerncijfers_2025(ctx: BuildContext, indeling: Indeling) -> list[pd.DataFrame]:
    """Inwoners on 1 January 2025 per gemeente, region (sum) and Nederland (CBS) from 70072NED."""
    frame, file = ctx.read("kerncijfers_2025"), ctx.file_label("kerncijfers_2025")
    column = find_header(list(frame.columns), "Totale bevolking", file=file)
    values = pd.DataFrame({"inwoners": to_number(frame[column], decimal_comma=True, file=file, column=column)})
    values["naam"] = frame[find_header(list(frame.columns), "Regio's", file=file)].to_numpy()
    values["jaar"] = frame["Perioden"].map(lambda label: jaar(parse_periode(str(label).rstrip("*")))).to_numpy()
    mapped = map_region_names(values, "naam", indeling, ["inwoners"], file=file)
    gemeenten = mapped[mapped["niveau"] == "gemeente"]
    missing = indeling.gemeente_codes() - set(gemeenten.loc[gemeenten["inwoners"].notna(), "code"])
    if missing:
        raise BuildError(f"gemeenten zonder bevolking: {', '.join(sorted(missing)[:5])}", file=file)
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    regios = gemeenten.assign(code=gemeenten["code"].map(region_of)).groupby(["code", "jaar"], as_index=False)["inwoners"].sum()
    gemeenten = gemeenten[["code", "jaar", "inwoners"]].assign(toelichting="")
    regios["toelichting"] = "Som van de gemeenten van 2025."
    nederland = mapped.loc[mapped["code"] == NEDERLAND_CODE, ["code", "jaar", "inwoners"]].assign(toelichting=NEDERLAND_NOTE)
    return [gemeenten, regios, nederland]


def build(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    """Long rows: inwoners 2022–2025, eerste_generatie and eerste_generatie_pct 2022–2024."""
    indicatoren = {"inwoners": "personen", "eerste_generatie": "personen", "eerste_generatie_pct": "%"}
    parts = [_lang_per_jaar(wide, indicatoren, "herkomst_geboorteland", NOTE_85458) for wide in _herkomst(ctx, indeling)]
    parts += [_lang_per_jaar(wide, {"inwoners": "personen"}, "kerncijfers_2025", NOTE_70072) for wide in _kerncijfers_2025(ctx, indeling)]
    return pd.concat(parts)
