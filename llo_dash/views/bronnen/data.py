"""Bronnen & methode: the sources, the build manifest, the region differences, the indicators and the
reference tables, each as a `columns.Tabel`. Pure, no Streamlit.

Inputs are the registries (`llo_dash.sources`, `llo_dash.indicators`), the reference tables in
`reference/`, the built tables and `data/manifest.json` (passed in as a dict, so tests can hand in a
small one; the page reads it with `ui.manifest`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from llo_dash import indicators, redenen, sources
from llo_dash.columns import PER_RIJ, Kolom, Tabel
from llo_dash.formatting import GEEN_GEGEVENS, getal, is_missing, rounded, tijdstip
from llo_dash.reference import REFERENCE_DIR, read_reference
from llo_dash.tables import TABLES
from llo_dash.views import queries
from llo_dash.views.bronnen.text import REFERENTIE_OMSCHRIJVING, REFERENTIE_STANDAARD

HERKOMST = {
    "mirror": "mirror (lokale kopie)",
    "download": "gedownload van de openbare URL",
    "cache": "eerder gedownload (cache)",
}
NIET_GEBRUIKT = "niet gelezen bij deze bouw"

REKENREGELS = {
    "som": "Aantal: een regio is de som van haar gemeenten, Nederland de som van alle gemeenten; "
           "ontbreekt één gemeente, dan ontbreekt de regio.",
    "aandeel": "Percentage: op elk niveau opnieuw berekend als 100 × teller / noemer uit de opgetelde aantallen.",
    "gepubliceerd": "Regio's en Nederland: het cijfer dat CBS zelf publiceert (enquêtecijfer); het verschil met de "
                    "optelling van de gemeenten staat in 'Regiocijfers van CBS en de som van de gemeenten'.",
    "schatting": "Schatting van het dashboard: per gemeente berekend, een regio is de som van haar gemeenten.",
}

# Columns of a reference table that name its sources (titles or URLs).
BRON_KOLOMMEN = ("bron", "bron_titel", "bron_lijst", "bron_url", "bron_pct_url", "bron_url_afwijkend")

# What a link column shows on screen: the site ("opendata.cbs.nl"), the first group of this (JavaScript) regex.
# A whole URL does not fit a table column ("ht…"); the downloads keep the full URL.
LINK_TEKST = r"^https?://(?:www\.)?([^/?#]+)"


def _tekst(**labels: str) -> dict[str, Kolom]:
    """Text columns: id=header."""
    return {kolom: Kolom(label) for kolom, label in labels.items()}


def _tabel(records: Sequence[Mapping], kolommen: Mapping[str, Kolom]) -> Tabel:
    """A `Tabel` of `records` (dicts by column id) in the order of `kolommen`: counts as nullable integers,
    other numbers as floats (missing stays missing)."""
    frame = pd.DataFrame.from_records(list(records), columns=list(kolommen))
    for kolom, spec in kolommen.items():
        if spec.numeriek and spec.soort != PER_RIJ:
            geheel = spec.soort == "getal" and not spec.aantal_decimalen
            frame[kolom] = pd.to_numeric(frame[kolom], errors="coerce").astype("Int64" if geheel else "float64")
    return Tabel(frame, kolommen)


def url_kolommen(kolommen: Iterable) -> list[str]:
    """The columns (names, or a frame's columns) that hold links ("bron_url", "Bron-URL", "bron_url_afwijkend")."""
    return [kolom for kolom in kolommen if "url" in str(kolom).lower().replace("-", "_").split("_")]


# --- sources ---------------------------------------------------------------------------


BRONNEN_KOLOMMEN = {
    **_tekst(id="Id", titel="Titel", uitgever="Uitgever", periode="Periode", licentie="Licentie", url="URL",
             cbs_tabel="CBS-tabel", mirror="Bestand in mirror", kanttekening="Kanttekening",
             bronvermelding="Bronvermelding", herkomst="Herkomst", gelezen="Bestand gelezen"),
    "bytes": Kolom("Bytes", "getal"),
    "sha256": Kolom("SHA-256"),
}
# On screen the reader's columns first, the link next to the title (visible without scrolling sideways);
# the technical ones (checksum, paths) at the end. Headers, for `st.dataframe(column_order=…)`.
BRONNEN_VOLGORDE = ("Titel", "URL", "Uitgever", "Periode", "Licentie", "Kanttekening", "Herkomst", "Bestand in mirror",
                    "Bytes", "SHA-256", "CBS-tabel", "Bronvermelding", "Id", "Bestand gelezen")


def _herkomst(origin: str | None) -> str:
    if not origin:
        return NIET_GEBRUIKT
    return HERKOMST.get(origin, origin)


def bronnen_tabel(manifest: Mapping, registry: Sequence[sources.Source] = sources.SOURCES) -> Tabel:
    """Every source of the registry, merged with what the build recorded about it.

    Columns: Id, Titel, Uitgever, Periode, Licentie, URL, CBS-tabel, Bestand in mirror, Kanttekening,
    Bronvermelding, Herkomst (mirror / download / live / niet gelezen), Bestand gelezen, Bytes, SHA-256.
    Sources the manifest names but the registry does not (an older build) are added at the end.
    """
    gebruikt = {entry.get("id"): entry for entry in manifest.get("bronnen") or []}

    def gelezen(entry: Mapping) -> dict:
        return {"herkomst": _herkomst(entry.get("origin")), "gelezen": entry.get("path", ""),
                "bytes": entry.get("bytes"), "sha256": entry.get("sha256", "")}

    records = [
        {"id": source.id, "titel": source.title, "uitgever": source.publisher, "periode": source.period,
         "licentie": source.licence, "url": source.url, "cbs_tabel": source.table or "", "mirror": source.mirror_path,
         "kanttekening": source.caveat, "bronvermelding": source.attribution, **gelezen(gebruikt.get(source.id, {}))}
        for source in registry
    ]
    bekend = {source.id for source in registry}
    records += [
        {"id": source_id, "titel": entry.get("titel", source_id), "uitgever": "", "periode": entry.get("periode", ""),
         "licentie": entry.get("licentie", ""), "url": entry.get("url", ""), "cbs_tabel": "", "mirror": "",
         "kanttekening": "Staat in de bouwgegevens, niet (meer) in het bronnenregister.", "bronvermelding": "",
         **gelezen(entry)}
        for source_id, entry in gebruikt.items() if source_id not in bekend
    ]
    return _tabel(records, BRONNEN_KOLOMMEN)


# --- the manifest ------------------------------------------------------------------


def bouw_samenvatting(manifest: Mapping) -> Tabel:
    """Key facts of the build (Onderdeel, Waarde; text): when, code version, mirror, duration, number of
    sources, files and checks."""
    versie = manifest.get("code_versie") or {}
    if isinstance(versie, Mapping):
        versie_tekst = " · ".join(f"{k}: {v}" for k, v in versie.items()) or GEEN_GEGEVENS
    else:
        versie_tekst = str(versie)
    duur = manifest.get("duur_seconden")
    rows = [
        ("Gebouwd op", tijdstip(manifest.get("gebouwd_op"))),
        ("Codeversie", versie_tekst),
        ("Mirror (map met bronbestanden)", str(manifest.get("mirror") or "geen (alles van de openbare bronnen)")),
        ("Duur van de bouw", f"{getal(duur, 1)} seconden" if duur is not None else GEEN_GEGEVENS),
        ("Gebruikte bronbestanden", getal(len(manifest.get("bronnen") or []))),
        ("Gebouwde bestanden", getal(len(manifest.get("bestanden") or []))),
        ("Geslaagde controles", getal(len(manifest.get("controles") or []))),
    ]
    return _tabel([{"onderdeel": onderdeel, "waarde": waarde} for onderdeel, waarde in rows],
                  _tekst(onderdeel="Onderdeel", waarde="Waarde"))


def _inhoud(bestand: str) -> str:
    for table in TABLES.values():
        if table.path == bestand:
            return table.description
    if bestand.startswith("geo/"):
        return f"Grenzen ({bestand.removeprefix('geo/').removesuffix('.geojson')}), vereenvoudigd, voor de kaarten."
    return ""


def bestanden_tabel(manifest: Mapping) -> Tabel:
    """The built files: Bestand, Inhoud, Rijen, Kolommen (none for a map), Bytes, SHA-256; one row per manifest
    entry, same order."""
    records = [
        {"bestand": entry.get("bestand", ""), "inhoud": _inhoud(entry.get("bestand", "")), "rijen": entry.get("rijen"),
         "kolommen": entry.get("kolommen"), "bytes": entry.get("bytes"), "sha256": entry.get("sha256", "")}
        for entry in manifest.get("bestanden") or []
    ]
    return _tabel(records, {**_tekst(bestand="Bestand", inhoud="Inhoud"), "rijen": Kolom("Rijen", "getal"),
                            "kolommen": Kolom("Kolommen", "getal"), "bytes": Kolom("Bytes", "getal"),
                            "sha256": Kolom("SHA-256")})


def controles_tabel(manifest: Mapping) -> Tabel:
    """The checks the build ran (a build only completes when all of them pass): Controle, Uitkomst."""
    return _tabel([{"controle": controle, "uitkomst": "geslaagd"} for controle in manifest.get("controles") or []],
                  _tekst(controle="Controle", uitkomst="Uitkomst"))


def _indicator_label(kolom: str) -> str:
    indicator = indicators.BY_KOLOM.get(kolom)
    if indicator is None:
        return kolom
    return indicator.label + (f" ({indicator.eenheid})" if indicator.eenheid != "personen" else "")


def ontbrekend_tabel(manifest: Mapping) -> Tabel:
    """Per indicator and level: how many values are missing, out of how many, and why.

    Columns: Indicator, Niveau, Ontbrekend, Totaal, Percentage ontbrekend, Reden, Kolom. The reason is
    the build's text for its code (it names the mirror; `llo_dash.redenen`).
    """
    records = []
    for kolom, per_niveau in (manifest.get("ontbrekend") or {}).items():
        for niveau, info in per_niveau.items():
            ontbrekend, totaal = info.get("ontbrekend"), info.get("totaal")
            records.append({
                "indicator": _indicator_label(kolom),
                "niveau": queries.NIVEAU_ENKELVOUD.get(niveau, niveau),
                "ontbrekend": ontbrekend,
                "totaal": totaal,
                "percentage": 100 * ontbrekend / totaal if ontbrekend is not None and totaal else float("nan"),
                "reden": redenen.tekst(info, redenen.BOUW) if info.get("code") or info.get("reden") else "",
                "kolom": kolom,
            })
    return _tabel(records, {**_tekst(indicator="Indicator", niveau="Niveau"), "ontbrekend": Kolom("Ontbrekend", "getal"),
                            "totaal": Kolom("Totaal", "getal"), "percentage": Kolom("Percentage ontbrekend", "procent"),
                            **_tekst(reden="Reden", kolom="Kolom")})


# --- CBS's region figures next to the sum of the gemeenten ------------------------------------


GEBRUIKT = {"cbs_waarde": "cijfer van CBS", "aggregaat_gemeenten": "som van de gemeenten"}
ALLE_INDICATOREN = "Alle indicatoren"


@dataclass(frozen=True)
class _VerschilPerRij(Kolom):
    """A difference in the unit of its row: "+0,4 procentpunt" in a row of percentages, "-100" in one of counts."""

    def tekst(self, value, soort: str | None = None, decimalen: int | None = None) -> str:
        return Kolom(self.label, "verschil", decimalen, "procentpunt" if soort == "procent" else "").tekst(value)


REGIO_VERSCHILLEN_KOLOMMEN = {
    **_tekst(niveau="Niveau", code="Code", naam="Naam", indicator="Indicator"),
    "cbs": Kolom("Cijfer CBS", PER_RIJ),
    "som": Kolom("Som gemeenten", PER_RIJ),
    "verschil": _VerschilPerRij("Verschil", PER_RIJ),
    "verschil_pct": Kolom("Verschil (%)", "verschil", 2, eenheid=""),
    **_tekst(gebruikt="Getoond in het dashboard", eenheid="Eenheid", kolom="Kolom"),
}


def _regio_verschillen(frame: pd.DataFrame) -> Tabel:
    # Each row in its own unit: percentages with one decimal, counts without.
    opmaak = [("procent", 1) if eenheid == "%" else ("getal", 0) for eenheid in frame["eenheid"]]
    return Tabel(frame.reset_index(drop=True), REGIO_VERSCHILLEN_KOLOMMEN, rij_opmaak=opmaak)


def regio_verschillen_tabel(verschillen: pd.DataFrame, gebieden: pd.DataFrame | None = None) -> Tabel:
    """CBS's own figures for regions and Nederland next to the sum of their gemeenten.

    Columns: Niveau, Code, Naam, Indicator, Cijfer CBS, Som gemeenten, Verschil, Verschil (%),
    Getoond in het dashboard, Eenheid, Kolom. For percentages the difference is in percentage points
    and the sum of gemeenten is 100 × summed teller / summed noemer.
    """
    namen = dict(zip(gebieden["code"], gebieden["naam"])) if gebieden is not None else {}

    def getallen(kolom: str) -> pd.Series:
        return pd.to_numeric(verschillen[kolom], errors="coerce").astype("float64")

    return _regio_verschillen(pd.DataFrame({
        "niveau": [queries.NIVEAU_ENKELVOUD.get(n, n) for n in verschillen["niveau"]],
        "code": verschillen["code"].astype(str),
        "naam": [namen.get(code, code) for code in verschillen["code"]],
        "indicator": [_indicator_label(k) for k in verschillen["kolom"]],
        "cbs": getallen("cbs_waarde"),
        "som": getallen("aggregaat_gemeenten"),
        "verschil": getallen("verschil"),
        "verschil_pct": getallen("verschil_pct"),
        "gebruikt": [GEBRUIKT.get(g, g) for g in verschillen["gebruikt"]],
        "eenheid": [indicators.BY_KOLOM[k].eenheid if k in indicators.BY_KOLOM else "" for k in verschillen["kolom"]],
        "kolom": verschillen["kolom"].astype(str),
    }))


def regio_verschillen_indicatoren(tabel: Tabel) -> list[str]:
    """The choices of the indicator filter: `ALLE_INDICATOREN`, then each indicator of the table once."""
    return [ALLE_INDICATOREN, *dict.fromkeys(tabel.frame["indicator"])]


def regio_verschillen_filter(tabel: Tabel, indicator: str = ALLE_INDICATOREN, alleen: bool = False) -> Tabel:
    """The rows of `regio_verschillen_tabel` for one indicator (or all), and with `alleen` only the rows with a
    difference. A row whose difference is unknown (no sum of the gemeenten) is kept: unknown is not zero."""
    frame = tabel.frame
    if indicator != ALLE_INDICATOREN:
        frame = frame[frame["indicator"] == indicator]
    if alleen:
        frame = frame[frame["verschil"].ne(0)]
    return _regio_verschillen(frame)


def regio_verschillen_bronnen(tabel: Tabel) -> list[str]:
    """The source lines of the indicators (columns of `gebieden`) in `regio_verschillen_tabel`."""
    return queries.bronregels([kolom for kolom in dict.fromkeys(tabel.frame["kolom"]) if kolom in indicators.BY_KOLOM])


# --- indicators ---------------------------------------------------------------------


def _bron_titels(bron_ids: Sequence[str]) -> str:
    return "; ".join(sources.BY_ID[s].title if s in sources.BY_ID else s for s in bron_ids)


def indicatoren_tabel(registry: Sequence[indicators.Indicator] = indicators.INDICATOREN) -> Tabel:
    """Every indicator of the registry, one row each, in registry order (text).

    Columns: Kolom, Label, Eenheid, Thema, Bronnen, Peildatum, Rekenregel, Teller, Noemer,
    Niveaus, Schatting (ja/nee), Toelichting.
    """
    records = [
        {"kolom": indicator.kolom, "label": indicator.label, "eenheid": indicator.eenheid, "thema": indicator.thema,
         "bronnen": _bron_titels(indicator.bronnen), "peildatum": indicator.peildatum,
         "rekenregel": REKENREGELS.get(indicator.aggregatie, indicator.aggregatie),
         "teller": indicator.teller or "", "noemer": indicator.noemer or "",
         "niveaus": ", ".join(queries.NIVEAU_ENKELVOUD.get(n, n) for n in indicator.niveaus),
         "schatting": "ja" if indicator.schatting else "nee", "toelichting": indicator.toelichting}
        for indicator in registry
    ]
    return _tabel(records, _tekst(kolom="Kolom", label="Label", eenheid="Eenheid", thema="Thema", bronnen="Bronnen",
                                  peildatum="Peildatum", rekenregel="Rekenregel", teller="Teller", noemer="Noemer",
                                  niveaus="Niveaus", schatting="Schatting", toelichting="Toelichting"))


# --- reference tables --------------------------------------------------------------

MAX_DECIMALEN = 3  # a number in a table read as it is: as few decimals as it needs, at most this many


def getal_kort(value, max_decimalen: int = MAX_DECIMALEN) -> str:
    """A number with as few decimals as it needs (at most `max_decimalen`): 15.9 -> "15,9", 4000 -> "4.000",
    0.15 -> "0,15"; missing -> "geen gegevens"."""
    text = getal(value, max_decimalen)
    if text == GEEN_GEGEVENS or "," not in text:
        return text
    return text.rstrip("0").rstrip(",")


@dataclass(frozen=True)
class _KortGetal(Kolom):
    """A column of numbers, each with as few decimals as it needs (`getal_kort`), at most the column's."""

    def tekst(self, value, soort: str | None = None, decimalen: int | None = None) -> str:
        return getal_kort(value, self.aantal_decimalen)


def _nodige_decimalen(reeks: pd.Series) -> int:
    """The fewest decimals (at most `MAX_DECIMALEN`) that show every number of `reeks` as with the most."""
    waarden = [float(v) for v in reeks if not is_missing(v)]
    return next(d for d in range(MAX_DECIMALEN + 1)
                if all(rounded(v, d) == rounded(v, MAX_DECIMALEN) for v in waarden))


def referentie_tabel(frame: pd.DataFrame) -> Tabel:
    """A table read as it is (a reference table, the parameters of the estimate), headers unchanged: numbers
    with as few decimals as they need (rounded to at most 3 in the downloads), empty text cells empty."""
    frame = frame.reset_index(drop=True).copy()
    kolommen = {}
    for kolom in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[kolom]):
            kolommen[kolom] = _KortGetal(str(kolom), "getal", _nodige_decimalen(frame[kolom]))
        else:
            frame[kolom] = ["" if is_missing(value) else value for value in frame[kolom]]
            kolommen[kolom] = Kolom(str(kolom))
    return Tabel(frame, kolommen)


def referentie_bron(naam: str) -> str:
    """The source line of a reference table as a whole (each row names its own source)."""
    return f"Referentietabel reference/{naam}.csv van het LLO Regiodashboard; de bron staat per rij."


def referentie_namen(directory: Path | None = None) -> list[str]:
    """The names of the reference tables (`reference/*.csv`), sorted."""
    return sorted(path.stem for path in (directory or REFERENCE_DIR).glob("*.csv"))


def _bronnen_van(frame: pd.DataFrame) -> list[str]:
    seen: list[str] = []
    for column in BRON_KOLOMMEN:
        if column not in frame:
            continue
        for value in frame[column].dropna().astype(str):
            value = value.strip()
            if value and value not in seen:
                seen.append(value)
    return seen


def referentie_tabellen(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every reference table (`reference/*.csv`), read once, by name."""
    return {name: read_reference(name, directory) for name in referentie_namen(directory)}


def referentie_overzicht(tabellen: Mapping[str, pd.DataFrame] | None = None) -> Tabel:
    """One row per reference table (`referentie_tabellen`, read here when not given): Tabel, Bestand,
    Omschrijving, Rijen, Kolommen, Aantal bronnen, Bronnen (all distinct titles and URLs named in its
    source columns)."""
    records = []
    for name, frame in (referentie_tabellen() if tabellen is None else tabellen).items():
        bronnen = _bronnen_van(frame)
        records.append({"tabel": name, "bestand": f"reference/{name}.csv",
                        "omschrijving": REFERENTIE_OMSCHRIJVING.get(name, REFERENTIE_STANDAARD),
                        "rijen": len(frame), "kolommen": len(frame.columns), "aantal_bronnen": len(bronnen),
                        "bronnen": " · ".join(bronnen)})
    return _tabel(records, {**_tekst(tabel="Tabel", bestand="Bestand", omschrijving="Omschrijving"),
                            "rijen": Kolom("Rijen", "getal"), "kolommen": Kolom("Kolommen", "getal"),
                            "aantal_bronnen": Kolom("Aantal bronnen", "getal"), "bronnen": Kolom("Bronnen")})
