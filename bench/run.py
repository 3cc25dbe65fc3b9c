"""Benchmark: how long the build, the estimate, loading and the pages take on this machine.

Run: `python bench/run.py [--repeat 3]`. Prints a table (median and spread of the repeats)
and writes it as JSON to bench/results/ (git-ignored). Speed is measured here, not in tests.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llo_dash.build.pipeline import run_build  # noqa: E402
from llo_dash.config import Settings, load_settings  # noqa: E402


def timed(function, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return seconds


def bench_build(repeat: int) -> dict[str, list[float]]:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        target = Settings(mirror=settings.mirror, data_dir=Path(tmp) / "data", cache_dir=Path(tmp) / "cache")
        return {"volledige bouw uit de mirror": timed(lambda: run_build(target, offline=True), repeat)}


def bench_estimate(repeat: int) -> dict[str, list[float]]:
    import pandas as pd

    from llo_dash.estimate.run import estimate_areas

    gebieden = pd.read_parquet(load_settings().data_dir / "cbs" / "gebieden.parquet")
    return {"schatting (alle scenario's, gemeenten en wijken)": timed(lambda: estimate_areas(gebieden), repeat)}


def bench_loading(repeat: int) -> dict[str, list[float]]:
    from llo_dash import tables
    from llo_dash.views import queries

    data_dir = load_settings().data_dir
    return {
        "tabel gebieden lezen": timed(lambda: queries.gebieden(data_dir), repeat),
        "wijkgrenzen lezen": timed(lambda: tables.read_boundaries(data_dir, "wijk"), repeat),
    }


def bench_pages(repeat: int) -> dict[str, list[float]]:
    """One full script run per page with AppTest, minus the browser: cold (caches emptied first, like the
    first visit after a start) and warm (data and boundaries already cached, like a later click)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def run(page: Path) -> None:
        at = AppTest.from_file(str(page), default_timeout=120)
        at.query_params["regio"] = "AM12"
        at.run()
        assert not at.exception and not at.error, (at.exception, at.error)

    def cold(page: Path) -> None:
        st.cache_data.clear()
        st.cache_resource.clear()
        run(page)

    results = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        results[f"pagina {page.stem}, koud (?regio=AM12)"] = timed(lambda: cold(page), repeat)
        run(page)  # fill the caches
        results[f"pagina {page.stem}, warm (?regio=AM12)"] = timed(lambda: run(page), repeat)
    return results


def main() -> None:
    # AppTest and the cache decorators log "missing ScriptRunContext" outside a server; not a problem here.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (load_settings().data_dir / "manifest.json").exists():
        run_build(load_settings(), offline=True)
    measurements = {}
    for bench in (bench_build, bench_estimate, bench_loading, bench_pages):
        measurements.update(bench(args.repeat))
    print(f"{'meting':58} {'mediaan':>9} {'min':>8} {'max':>8}")
    for name, seconds in measurements.items():
        print(f"{name:58} {statistics.median(seconds):8.2f}s {min(seconds):7.2f}s {max(seconds):7.2f}s")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    from llo_dash.build.pipeline import code_version

    (out / f"bench-{stamp}.json").write_text(json.dumps({
        "machine": platform.platform(), "kernen": os.cpu_count(), "python": platform.python_version(),
        "code_versie": code_version(), "herhalingen": args.repeat, "seconden": measurements,
    }, indent=2))


if __name__ == "__main__":
    main()
