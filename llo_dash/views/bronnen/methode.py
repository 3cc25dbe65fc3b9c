"""Bronnen & methode: the estimate of laaggeletterdheid — its method text, parameters, check against the
published figures, fitted effects and scenarios — each table as a `columns.Tabel`. Pure, no Streamlit."""

from __future__ import annotations

import pandas as pd

from llo_dash import indicators
from llo_dash.columns import Kolom, Tabel
from llo_dash.estimate.method import method_markdown, parameter_table, scenario_labels
from llo_dash.views import queries
from llo_dash.views.bronnen.data import referentie_tabel

# Two decimals: published figures such as 16,85% must not look different from the model's 16,85%.
CONTROLE_KOLOMMEN = {
    "groep": Kolom("Groep"),
    "gepubliceerd_2012_pct": Kolom("Gepubliceerd 2012 (%)", "getal", 2),
    "doel_2012_pct": Kolom("Doel van de fit 2012 (%)", "getal", 2),
    "model_2012_pct": Kolom("Model 2012 (%)", "getal", 2),
    "verschil_2012_procentpunt": Kolom("Verschil 2012 (procentpunt)", "verschil", 2),
    "model_2023_pct": Kolom("Model 2023 (%)", "getal", 2),
    "rol": Kolom("Rol in het model"),
    "bron": Kolom("Bron"),
}
DIMENSIES = {"opleiding": "Opleiding", "leeftijd": "Leeftijd", "herkomst": "Herkomst", "arbeid": "Arbeid"}
# The model's categories: groups of origin, work and age as in the registry (`indicators.GROEP_LABELS`); education
# exists only in the model, and its "werkloos" keeps the label the downloads have always had.
CATEGORIEEN = {
    "basisonderwijs": "Hoogstens basisonderwijs", "vmbo_mbo1": "Vmbo, mbo-1, havo/vwo-onderbouw",
    "middelbaar": "Middelbaar", "hoog": "Hoog",
    **indicators.GROEP_LABELS,
    "werkloos": "Werkloos (werkzoekend)",
}
SCHATTING_BRON = queries.bronvermelding("laaggeletterd_16_65_pct")


def methode_tekst() -> str:
    """The method text (Markdown), with the numbers of the central scenario and of the current build's check."""
    return method_markdown()


def parameters_tabel() -> Tabel:
    """Every parameter of `reference/geletterdheid_parameters.csv` with value, population, year and source; the
    column Parameter says in words what it is, Code keeps its code."""
    return referentie_tabel(parameter_table())


def controle_tabel(controle: pd.DataFrame) -> Tabel:
    """The structure check (the built table `schatting_controle`): published national breakdowns (2012) next to
    the model."""
    kolommen = {kolom: spec for kolom, spec in CONTROLE_KOLOMMEN.items() if kolom in controle}
    return Tabel(controle.reset_index(drop=True), kolommen)


def effecten_tabel(effecten: pd.DataFrame) -> Tabel:
    """Fitted odds ratios (three decimals): one row per dimension × category, one column per scenario."""
    scenarios = list(dict.fromkeys(effecten["scenario"]))
    wide = effecten.pivot_table(index=["dimensie", "categorie"], columns="scenario", values="odds_ratio", sort=False)
    wide = wide.reindex(columns=scenarios).reset_index()
    wide.columns.name = None
    wide["dimensie"] = [DIMENSIES.get(d, d) for d in wide["dimensie"]]
    wide["categorie"] = [CATEGORIEEN.get(c, c) for c in wide["categorie"]]
    kolommen = {"dimensie": Kolom("Kenmerk"), "categorie": Kolom("Groep"),
                **{naam: Kolom(label, "getal", 3) for naam, label in zip(scenarios, scenario_labels(scenarios))}}
    return Tabel(wide, kolommen)


def scenarios_tabel(scenarios: pd.DataFrame, gebieden: pd.DataFrame | None = None) -> Tabel:
    """Laaggeletterd 16–65 (%) per arbeidsmarktregio and Nederland in each scenario, Nederland first, then the
    regions by code; with the lowest and highest scenario per row."""
    namen = dict(zip(gebieden["code"], gebieden["naam"])) if gebieden is not None else {}
    names = [c for c in scenarios.columns if c != "code"]
    frame = scenarios.copy()
    frame["_nl"] = frame["code"] != queries.NEDERLAND
    frame = frame.sort_values(["_nl", "code"]).drop(columns="_nl").reset_index(drop=True)
    values = frame[names].apply(pd.to_numeric, errors="coerce").astype("float64")
    result = pd.DataFrame({"code": frame["code"].astype(str), "naam": [namen.get(c, c) for c in frame["code"]]})
    result[names] = values
    result["laagste"] = values.min(axis=1)
    result["hoogste"] = values.max(axis=1)
    kolommen = {"code": Kolom("Code"), "naam": Kolom("Naam"),
                **{naam: Kolom(label, "procent") for naam, label in zip(names, scenario_labels(names))},
                "laagste": Kolom("Laagste scenario", "procent"), "hoogste": Kolom("Hoogste scenario", "procent")}
    return Tabel(result, kolommen)
