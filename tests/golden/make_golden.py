"""(Re)write the golden index tests/golden/golden.json (committed: a fingerprint per file) and the full
golden files in tests/golden/lokaal/<pagina>/<gebied>/ (on this machine only: they hold figures derived
from the public sources, which the project never commits):

    .venv/bin/python -m tests.golden.make_golden

Uses the built data in LLO_DASH_DATA when that folder has a manifest.json (or `--data DIR`);
otherwise builds offline from the mirror into a temporary folder, as tests/conftest.py does.
Run it only when a change of what users see is intended, and review `git diff tests/golden/golden.json`
(and, when you made the files of the previous version first, `diff -r` of the lokaal/ copies).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from tests.golden.capture import INDEX, LOKAAL_DIR, Normalisatie, neem_alles_op, schrijf_golden


def _bouw(map_: Path) -> Path:
    """An offline build from the mirror into `map_`/data (like the `built_data` fixture)."""
    from llo_dash.build.pipeline import run_build
    from llo_dash.config import Settings, load_settings

    mirror = load_settings().mirror
    if mirror is None or not (mirror / "cbs" / "SOURCES.md").exists():
        sys.exit(f"De mirror met bronbestanden ontbreekt: {mirror} (zet LLO_DASH_MIRROR of leg ../shared/data naast het project).")
    data_dir = map_ / "data"
    run_build(Settings(mirror=mirror, data_dir=data_dir, cache_dir=map_ / "cache"), offline=True)
    return data_dir


def _schrijf(data_dir: Path) -> None:
    os.environ["LLO_DASH_DATA"] = str(data_dir)
    norm = Normalisatie.voor(data_dir)
    begin = time.monotonic()
    alles = neem_alles_op(norm)
    duur = time.monotonic() - begin

    fouten = [f"{weergave.naam}/{naam}: {probleem}" for weergave, bestanden in alles.items()
              for naam, inhoud in bestanden.items() for probleem in norm.verdacht(inhoud)]
    if fouten:
        sys.exit("Niet geschreven: deze bestanden bevatten nog iets van deze bouw of van vandaag:\n" + "\n".join(fouten))

    schrijf_golden(alles)
    for weergave, bestanden in alles.items():
        grootte = sum(len(inhoud) for inhoud in bestanden.values())
        print(f"{weergave.naam:40} {len(bestanden):3} bestanden {grootte / 1024:8.1f} kB")
    totaal = sum(len(inhoud) for bestanden in alles.values() for inhoud in bestanden.values())
    print(f"{len(alles)} weergaven, {totaal / 2**20:.2f} MB, opgenomen in {duur:.1f} s; index {INDEX}, bestanden in {LOKAAL_DIR}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="map met gebouwde gegevens (standaard LLO_DASH_DATA, anders een nieuwe bouw)")
    args = parser.parse_args(argv)
    data = args.data or (Path(os.environ["LLO_DASH_DATA"]) if os.environ.get("LLO_DASH_DATA") else None)
    if data is not None:
        if not (data / "manifest.json").exists():
            sys.exit(f"Geen gebouwde gegevens in {data} (manifest.json ontbreekt).")
        _schrijf(data.resolve())
        return
    with tempfile.TemporaryDirectory(prefix="llo_golden_") as tmp:
        print("Gegevens bouwen uit de mirror (offline) …")
        _schrijf(_bouw(Path(tmp)))


if __name__ == "__main__":
    main()
