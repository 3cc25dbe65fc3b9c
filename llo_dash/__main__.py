"""Command line: `python -m llo_dash build`, `python -m llo_dash table NAME ...` and `python -m llo_dash profiel ...`."""

from __future__ import annotations

import argparse
import re
import sys

from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.tables import LEVELS, TABLES, read_table, select


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from llo_dash.build.pipeline import run_build

    settings = load_settings()
    manifest = run_build(settings, progress=_progress if not args.quiet else lambda *_: None, offline=args.offline)
    print(
        f"Gebouwd in {manifest['duur_seconden']} s naar {settings.data_dir} "
        f"({len(manifest['bestanden'])} bestanden, {len(manifest['bronnen'])} bronnen).",
        file=sys.stderr,
    )
    for waarschuwing in manifest.get("waarschuwingen", []):  # last, so nobody misses them
        print(waarschuwing, file=sys.stderr)
    return 0


def cmd_table(args: argparse.Namespace) -> int:
    settings = load_settings()
    frame = read_table(settings.data_dir, args.name)
    if args.level or args.regio:
        if not TABLES[args.name].levels:
            raise LloDashError(f"Tabel '{args.name}' heeft geen niveaus; --level en --regio gelden hier niet.")
        regio = args.regio.upper() if args.regio else None
        if regio and not re.fullmatch(r"AM\d{2}", regio):
            raise LloDashError(f"'{args.regio}' is geen arbeidsmarktregiocode (AM gevolgd door twee cijfers, bijvoorbeeld AM12).")
        if regio and regio not in set(frame["arbeidsmarktregio_code"].dropna()):
            raise LloDashError(f"Arbeidsmarktregio '{regio}' bestaat niet in de indeling 2025.")
        frame = select(frame, level=args.level, regio=regio)
    out = sys.stdout.buffer
    if args.format == "csv":
        out.write(frame.to_csv(index=False, sep=",", decimal=".").encode("utf-8"))
    elif args.format == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, indent=None).encode("utf-8"))
        out.write(b"\n")
    else:
        frame.to_parquet(out, index=False)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m llo_dash", description="LLO Regiodashboard: gegevens bouwen en opvragen.")
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="Bouw alle tabellen uit de bronnen (mirror, anders internet) naar data/.")
    build.add_argument("--offline", action="store_true", help="Niets downloaden: alleen de mirror gebruiken.")
    build.add_argument("--quiet", action="store_true", help="Geen voortgang tonen.")
    build.set_defaults(run=cmd_build)
    table = commands.add_parser("table", help="Schrijf een gebouwde tabel naar standaarduitvoer.")
    table.add_argument("name", choices=sorted(TABLES), help="Naam van de tabel.")
    table.add_argument("--level", choices=LEVELS, help="Alleen rijen van dit niveau.")
    table.add_argument("--regio", help="Alleen deze arbeidsmarktregio (bijvoorbeeld AM12) en de gebieden daarin.")
    table.add_argument("--format", choices=("csv", "parquet", "json"), default="csv", help="Uitvoerformaat (standaard csv).")
    table.set_defaults(run=cmd_table)
    from llo_dash import export_profiel_cli  # `profiel`: the Regioprofiel as HTML or PDF

    export_profiel_cli.add_parser(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except LloDashError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `... | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
