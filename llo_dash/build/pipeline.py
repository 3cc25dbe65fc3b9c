"""`python -m llo_dash build`: all sources → validated tables in `data/`, written atomically.

Everything is built in a staging folder next to `data/`; only when every step and every
check has passed is the old `data/` swapped out for the new one. A failure leaves the
previous `data/` untouched and removes the staging folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd

from llo_dash import __version__, sources
from llo_dash.build import beroepen, bevolking, herkomst, onderwijs_arbeid, uitkeringen_economie
from llo_dash.build.aggregate import assemble
from llo_dash.build import beroepen_trend, beroepsklassen, vacatures
from llo_dash.build import banen_sector  # issue 11: jobs per SBI section, live only
from llo_dash.build import trends
from llo_dash.build.checks import check_gebieden
from llo_dash.build.context import BuildContext
from llo_dash.build.indeling import Indeling, indeling_from_frame
from llo_dash.build.schatting import check_estimate, join_estimate
from llo_dash.build.slot import bouwslot, staging_pad
from llo_dash.build.waarschuwingen import bouw_waarschuwingen
from llo_dash.estimate.run import estimate_areas
from llo_dash.config import PROJECT_ROOT, Settings
from llo_dash.errors import LloDashError
from llo_dash.ingest.fetch import sha256_file
from llo_dash.indicators import BY_KOLOM, INDICATOREN
from llo_dash.redenen import Reden, reden
from llo_dash.reference import REFERENCE_DIR, read_reference
from llo_dash.tables import TABLES

Progress = Callable[[float, str], None]
MANIFEST = "manifest.json"


def _no_progress(fraction: float, message: str) -> None:
    pass


def code_version() -> dict:
    """Package version and, when run from a git checkout, the commit (with a flag for local changes)."""
    version = {"pakket": __version__, "git": None}
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=5)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=5)
        if commit.returncode == 0:
            version["git"] = commit.stdout.strip() + ("+lokale-wijzigingen" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return version


def _write_parquet(frame: pd.DataFrame, path: Path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(path, index=False)
    return {"bestand": str(path.relative_to(path.parents[1])), "rijen": len(frame), "kolommen": len(frame.columns),
            "bytes": path.stat().st_size, "sha256": sha256_file(path)}


DEFAULT_REASON = {"wijk": reden("kleine_gebieden_onderdrukt"), "buurt": reden("kleine_gebieden_onderdrukt")}


def reason_for(redenen: dict[str, dict[str, Reden]], kolom: str, niveau: str) -> Reden:
    """Why `kolom` is missing at `niveau`: its own reason, else that of the count it is a share of."""
    indicator = BY_KOLOM[kolom]
    for column in (kolom, indicator.teller, indicator.noemer):
        by_level = redenen.get(column or "", {})
        if niveau in by_level or "*" in by_level:
            return by_level.get(niveau, by_level.get("*"))
    return DEFAULT_REASON.get(niveau, reden("geen_cbs_waarde"))


def missing_reasons(gebieden: pd.DataFrame, redenen: dict[str, dict[str, Reden]]) -> dict:
    """Per indicator and level: how many values are missing, and why (for the manifest).

    Why as a code with parameters (`llo_dash.redenen`), and as the text the dashboard shows (`reden`).
    """
    result = {}
    for indicator in INDICATOREN:
        per_level = {}
        for level in indicator.niveaus:
            values = gebieden.loc[gebieden["niveau"] == level, indicator.kolom]
            missing = int(values.isna().sum())
            if missing:
                per_level[level] = {"ontbrekend": missing, "totaal": len(values),
                                    **reason_for(redenen, indicator.kolom, level).manifest()}
        if per_level:
            result[indicator.kolom] = per_level
    return result


def build_tables(ctx: BuildContext, staging: Path, progress: Progress) -> dict:
    """Run every step into `staging`; returns the manifest content (without timing)."""
    progress(0.02, "Gebiedsindeling 2025 lezen (86059NED)")
    indeling: Indeling = indeling_from_frame(ctx.read("gebieden_2025"), file=ctx.file_label("gebieden_2025"))

    progress(0.05, "Bevolking en herkomst per gebied (KWB 2024)")
    population, areas = bevolking.build(ctx, indeling)
    steps = [
        ("Eerste generatie (85458NED)", lambda: herkomst.build(ctx, indeling)),
        ("Onderwijsniveau en arbeidsdeelname", lambda: onderwijs_arbeid.build(ctx, indeling)),
        ("Bijstand, huishoudens met laag inkomen, vestigingen (Fvw)", lambda: uitkeringen_economie.fvw(ctx, indeling)),
        ("Uitkeringen per gemeente, wijk en regio", lambda: uitkeringen_economie.uitkeringen(ctx, indeling)),
        ("Particuliere huishoudens", lambda: uitkeringen_economie.huishoudens(ctx, indeling)),
        ("Banen (83582NED)", lambda: uitkeringen_economie.banen(ctx, indeling)),
        ("Vestigingen per sector (KWB 2024)", lambda: uitkeringen_economie.vestigingen(ctx, indeling)),
    ]
    parts = [population]
    for number, (message, step) in enumerate(steps, start=1):
        progress(0.05 + 0.6 * number / (len(steps) + 1), message)
        parts.append(step())

    progress(0.68, "Koppelen op code en optellen naar arbeidsmarktregio en Nederland")
    gebieden, verschillen = assemble(parts, indeling, areas)
    redenen: dict[str, dict[str, Reden]] = {}
    for part in parts:
        for column, by_level in part.redenen.items():
            redenen.setdefault(column, {}).update(by_level)

    progress(0.72, "Laaggeletterdheid schatten (PIAAC × samenstelling van elk gebied)")
    estimate = estimate_areas(gebieden)
    gebieden = join_estimate(gebieden, estimate)

    progress(0.76, "Controleren")
    checks = check_gebieden(gebieden, indeling, kwb_nederland=population.published) + check_estimate(gebieden)

    progress(0.78, "Beroepen: werkzamen per BRC-beroepsgroep, lijsten handreiking, spanning (85276NED)")
    beroepen_tabel = beroepen.build(ctx)

    progress(0.79, "Vacatures per sector (80472NED, 80567NED, 80474NED, 83599NED), beroepsklassen per regio (84916NED)")
    vacatures_tabel, vacatures_controles = vacatures.build(ctx, indeling)
    beroepsklassen_tabel, beroepsklassen_controles = beroepsklassen.build(ctx, indeling)
    checks = checks + vacatures_controles + beroepsklassen_controles
    beroepen_trend_tabel, beroepen_trend_controles = beroepen_trend.build(ctx)  # issue 11
    checks = checks + beroepen_trend_controles
    banen_sector_tabel, banen_sector_controles = banen_sector.build(ctx, indeling)  # issue 11
    checks = checks + banen_sector_controles

    progress(0.8, "Kaarten maken (gemeente, arbeidsmarktregio, provincie, wijk)")
    from llo_dash.build.geometry import build_boundaries

    geo = build_boundaries(
        ctx.path("grenzen_gemeente_2025"), ctx.path("grenzen_wijk_2024"), indeling.gemeenten, staging / "geo"
    )
    checks = checks + geo["wijk"].pop("meldingen")  # issue 10: wijken with no area inside their gemeente

    progress(0.92, "Tabellen wegschrijven")
    files = [
        _write_parquet(gebieden, staging / TABLES["gebieden"].path),
        _write_parquet(verschillen, staging / TABLES["regio_verschillen"].path),
        _write_parquet(estimate.controle, staging / TABLES["schatting_controle"].path),
        _write_parquet(estimate.effecten, staging / TABLES["schatting_effecten"].path),
        _write_parquet(estimate.scenarios, staging / TABLES["schatting_scenarios"].path),
        _write_parquet(beroepen_tabel, staging / TABLES["beroepen"].path),
        _write_parquet(trends.build(ctx, indeling, gebieden), staging / TABLES["trends"].path),
        _write_parquet(vacatures_tabel, staging / TABLES["vacatures"].path),
        _write_parquet(beroepsklassen_tabel, staging / TABLES["beroepsklassen_regio"].path),
        _write_parquet(beroepen_trend_tabel, staging / TABLES["beroepen_trend"].path),
        _write_parquet(banen_sector_tabel, staging / TABLES["banen_sector"].path),
    ]
    files += [{"bestand": f"geo/{info['file']}", "rijen": info["features"], "bytes": info["bytes"], "sha256": info["sha256"]} for info in geo.values()]
    return {
        "bronnen": [
            {**vars(used), "titel": sources.get(used.id).title, "periode": sources.get(used.id).period,
             "licentie": sources.get(used.id).licence, "url": sources.get(used.id).url}
            for used in ctx.used.values()
        ],
        "referentietabellen": reference_tables(),
        "bestanden": files,
        "ontbrekend": (ontbrekend := missing_reasons(gebieden, redenen)),
        "controles": checks,
        "waarschuwingen": bouw_waarschuwingen(ctx.absent, ctx.waarschuwingen, ontbrekend),
    }


def reference_tables() -> list[dict]:
    """The project's own reference tables (parameters, occupation lists, partners, …) at build time."""
    return [
        {"bestand": f"reference/{path.name}", "rijen": len(read_reference(path.stem)), "bytes": path.stat().st_size,
         "sha256": sha256_file(path)}
        for path in sorted(REFERENCE_DIR.glob("*.csv"))
    ]


def _carry_over_readmes(old: Path, new: Path) -> None:
    """Keep the committed README files of `data/` (the rest of `data/` is built output)."""
    if not old.exists():
        return
    for readme in old.rglob("README.md"):
        target = new / readme.relative_to(old)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(readme, target)


def recover_interrupted_swap(data_dir: Path) -> None:
    """If a previous build stopped between the two renames of the swap, put the old data back."""
    backup = data_dir.with_name(f".{data_dir.name}-oud")
    if backup.exists() and not (data_dir / MANIFEST).exists():
        if data_dir.exists():
            shutil.rmtree(data_dir)
        os.replace(backup, data_dir)
    elif backup.exists():
        shutil.rmtree(backup)


def run_build(settings: Settings, *, progress: Progress = _no_progress, offline: bool = False, session=None, odata_client=None) -> dict:
    """Build everything and swap it into `settings.data_dir`; returns the manifest."""
    # One build at a time per data/ (the second waits); holding the lock, leftovers of killed builds are removed.
    with bouwslot(settings.data_dir, melding=lambda text: progress(0.0, text)):
        return _run_build(settings, progress=progress, offline=offline, session=session, odata_client=odata_client)


def _run_build(settings: Settings, *, progress: Progress, offline: bool, session, odata_client) -> dict:
    started = time.monotonic()
    data_dir = settings.data_dir
    recover_interrupted_swap(data_dir)
    staging = staging_pad(data_dir)
    staging.mkdir(parents=True)
    try:
        ctx = BuildContext(settings, offline=offline, session=session, odata_client=odata_client)
        try:
            manifest = build_tables(ctx, staging, progress)
        except LloDashError as error:
            # An error raised with a source id only is named by the file the build used (mirror, download, live).
            error.name_sources(ctx.file_label)
            raise
        manifest = {
            "gebouwd_op": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
            "code_versie": code_version(),
            "mirror": str(settings.mirror) if settings.mirror else None,
            "duur_seconden": round(time.monotonic() - started, 1),
            **manifest,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        _carry_over_readmes(data_dir, staging)
        progress(0.98, "Nieuwe gegevens in gebruik nemen")
        backup = data_dir.with_name(f".{data_dir.name}-oud")
        if data_dir.exists():
            os.replace(data_dir, backup)
        os.replace(staging, data_dir)
        if backup.exists():
            shutil.rmtree(backup)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    progress(1.0, "Klaar")
    return manifest
