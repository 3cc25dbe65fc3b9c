"""Command line: `python -m llo_dash profiel AMxx|GMxxxx --out FILE [--format html|pdf]` and `--alle --out DIR`
(all 35 arbeidsmarktregio's, with a progress bar). The collective's own partner and participant files are taken
from the folder of uploads (`config.toml [data] uploads`, `LLO_DASH_UPLOADS`) when it is set."""

from __future__ import annotations

import sys
from pathlib import Path

from llo_dash.errors import LloDashError
from llo_dash.export_profiel import html_naar_pdf, profiel_html

MAX_BYTES = 5_000_000  # a report must stay under 5 MB


def _schrijf(code: str, pad: Path, formaat: str, maak) -> int:
    document = profiel_html(maak(code))
    inhoud = html_naar_pdf(document) if formaat == "pdf" else document.encode("utf-8")
    if len(inhoud) >= MAX_BYTES:
        raise LloDashError(f"Het profiel van {code} is {len(inhoud):,} bytes, meer dan de grens van 5 MB.")
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(inhoud)
    return len(inhoud)


def _doelen(args, df) -> list[tuple[str, Path]]:
    from llo_dash.views import queries

    regios = [code for code, _ in queries.regio_opties(df)]
    if args.alle == bool(args.gebied):
        raise LloDashError("Geef één arbeidsmarktregio (bijvoorbeeld AM37), één gemeente (bijvoorbeeld GM0473) of --alle.")
    if args.alle:
        return [(code, Path(args.out) / f"regioprofiel-{code}.{args.format}") for code in regios]
    code = args.gebied.upper()
    gemeenten = set(df.loc[df["niveau"] == "gemeente", "code"])
    if code not in regios and code not in gemeenten:
        raise LloDashError(f"'{args.gebied}' is geen arbeidsmarktregio of gemeente van de indeling 2025 "
                           "(bijvoorbeeld AM37 of GM0473).")
    return [(code, Path(args.out))]


def cmd_profiel(args) -> int:
    """Write one region's or gemeente's profile (`--out FILE`) or all 35 regions' (`--alle`, `--out DIR`)."""
    from llo_dash.config import load_settings
    from llo_dash.tables import read_table
    from llo_dash.views import profiel, queries, vindplaatsen

    settings = load_settings()
    df, beroepen_tabel = queries.gebieden(settings.data_dir), read_table(settings.data_dir, "beroepen")
    doelen = _doelen(args, df)
    typen = tuple(vindplaatsen.lees_professionals()["professionals"])
    eigen = profiel.uit_map(settings.uploads, df, typen)

    def maak(code: str) -> profiel.Profiel:
        return profiel.maak_profiel(df, code, settings.data_dir, beroepen_tabel, eigen=eigen, typen=typen)

    for nummer, (code, pad) in enumerate(doelen, start=1):
        grootte = _schrijf(code, pad, args.format, maak)
        if len(doelen) > 1:
            balk = "#" * round(30 * nummer / len(doelen))
            print(f"\r[{balk:<30}] {nummer}/{len(doelen)} {code}", end="", file=sys.stderr, flush=True)
        else:
            print(f"{pad} ({grootte / 1e6:.1f} MB)", file=sys.stderr)
    if len(doelen) > 1:
        print(f"\n{len(doelen)} profielen in {args.out}", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    """The subcommand `profiel` of `python -m llo_dash`."""
    profiel = commands.add_parser("profiel", help="Schrijf het regioprofiel (HTML of PDF) van een regio, een gemeente of alle regio's.")
    profiel.add_argument("gebied", nargs="?", help="Arbeidsmarktregio (bijvoorbeeld AM37) of gemeente (bijvoorbeeld GM0473).")
    profiel.add_argument("--alle", action="store_true", help="Alle 35 arbeidsmarktregio's (dan is --out een map).")
    profiel.add_argument("--out", required=True, help="Uitvoerbestand, of map bij --alle.")
    profiel.add_argument("--format", choices=("html", "pdf"), default="html", help="html (standaard) of pdf.")
    profiel.set_defaults(run=cmd_profiel)
