"""Shared fixtures: where the project, the mirror of sources and the built data are."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from llo_dash.build.pipeline import MANIFEST, run_build
from llo_dash.config import PROJECT_ROOT, load_settings
from tests.fixtures.mirror import mirror_path


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def mirror(project_root: Path) -> Path:
    """The mirror of public sources: ../shared/data, or LLO_DASH_MIRROR. Missing is a failure, not a skip."""
    return mirror_path().resolve()


@pytest.fixture(scope="session")
def gebieden(built_data: Path) -> pd.DataFrame:
    """The built table `gebieden`, indexed by area code (the code stays a column too)."""
    return pd.read_parquet(built_data / "cbs" / "gebieden.parquet").set_index("code", drop=False).rename_axis(None)


@pytest.fixture(scope="session")
def built_data() -> Path:
    """The data folder with a complete build; builds it once (from the mirror) when the manifest is missing."""
    settings = load_settings()
    if not (settings.data_dir / MANIFEST).exists():
        try:
            run_build(settings)
        except Exception as error:  # noqa: BLE001 - report why, then fail every test that needs data
            pytest.fail(f"De gegevens konden niet worden gebouwd voor de tests: {error}")
    return settings.data_dir
