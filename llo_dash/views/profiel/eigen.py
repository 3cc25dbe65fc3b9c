"""The collective's own files in the profile: its partners and its participants (reach), as uploaded on
Vindplaatsen in this session or kept in the folder of uploads (`config.toml [data] uploads`).

Files in the folder are checked with the same functions as the uploads on Vindplaatsen
(`bereik.valideer_partners_upload`, `bereik.valideer_bereik_upload`); a file that is neither (a UWV file, say) is
passed over. The newest good file of each kind is used; a session upload wins over the folder (the page decides).
Nothing here is written anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from llo_dash.columns import Tabel
from llo_dash.views import bereik, queries
from llo_dash.views.bereik import partners as eigen_partners
from llo_dash.views.bereik.controle import Upload

SOORTEN = (".csv", ".xlsx")
HOE_TOEVOEGEN = (
    "Eigen partners en deelnemers van het collectief staan hier zodra je ze uploadt op de pagina Vindplaatsen "
    "(sjablonen daar), of als bestand in de map met uploads zet (`uploads` onder `[data]` in config.toml)."
)


@dataclass(frozen=True)
class EigenBestanden:
    """The partner and participant files used (None: none), each with where it came from."""

    partners: Upload | None = None
    deelnemers: bereik.BereikUpload | None = None

    def __bool__(self) -> bool:
        return self.partners is not None or self.deelnemers is not None


@dataclass
class EigenDeel:
    """What the profile shows of the own files: sentences, tables (title, table) and source lines."""

    zinnen: list[str]
    tabellen: list[tuple[str, Tabel]]
    bronnen: list[str]


def uit_map(map_: Path | None, df: pd.DataFrame, typen: Sequence[str]) -> EigenBestanden:
    """The newest good partner file and participant file in folder `map_` (None or unreadable: none)."""
    if map_ is None:
        return EigenBestanden()
    try:
        paden = sorted((p for p in Path(map_).iterdir() if p.is_file() and p.suffix.lower() in SOORTEN),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return EigenBestanden()
    gemeenten = bereik.gemeente_namen(df)
    wijken = eigen_partners.wijk_gemeenten(df)
    partners = deelnemers = None
    for pad in paden:
        inhoud = pad.read_bytes()
        if partners is None and (p := eigen_partners.valideer_partners_upload(
                pad.name, inhoud, gemeenten=gemeenten, wijken=wijken, typen=typen)).ok:
            partners = p
        elif deelnemers is None and (d := bereik.valideer_bereik_upload(pad.name, inhoud, gemeenten=gemeenten)).ok:
            deelnemers = d
    return EigenBestanden(partners, deelnemers)


def eigen_deel(df: pd.DataFrame, regio: str, code: str, eigen: EigenBestanden, typen: Sequence[str]) -> EigenDeel:
    """Partners per gemeente of the region (and the list in area `code`), and the reach in the newest period;
    without own files one sentence on how to add them."""
    if not eigen:
        return EigenDeel([HOE_TOEVOEGEN], [], [])
    naam = queries.naam(df, code)
    gemeente_codes = bereik.gemeente_codes(df, regio, pd.DataFrame({"gemeente_code": []}))
    in_gebied = [code] if code.startswith("GM") else gemeente_codes
    zinnen, tabellen, bronnen = [], [], []
    if (p := eigen.partners) is not None:
        bron = f"Bron: eigen partners uit {p.filename}."
        gebruikt = p.data[p.data["gemeente_code"].isin(in_gebied)]
        aantal = f"{len(gebruikt)} eigen partner{'' if len(gebruikt) == 1 else 's'}"
        zinnen.append(f"Het collectief heeft **{aantal}** in {naam} (uit {p.filename}).")
        tabellen += [(f"Eigen partners per gemeente, {queries.naam(df, regio)}", eigen_partners.partners_per_gemeente(
                          p.data, {c: queries.naam(df, c) for c in gemeente_codes}, typen)),
                     (f"Eigen partners, {naam}", eigen_partners.partnerlijst(p.data, in_gebied))]
        bronnen.append(bron)
    if (d := eigen.deelnemers) is not None:
        periode = d.periodes[-1] if d.periodes else None
        rijen = bereik.in_periode(d.data, periode)
        per_gemeente = bereik.bereik_per_gemeente(df, rijen, gemeente_codes, regio)  # a gemeente is one of its rows
        zinnen.append(bereik.bereik_zin(per_gemeente.iloc[-1], queries.naam(df, regio), periode))
        tabellen.append((f"Bereik van het collectief per gemeente, {queries.naam(df, regio)}",
                         bereik.bereik_tabel(per_gemeente)))
        bronnen.append(bereik.bron_regel(d.filename, periode).replace(" (alleen in deze sessie)", ""))
    return EigenDeel(zinnen, tabellen, bronnen)
