"""Shared fixtures: where the project, the mirror of sources and the built data are."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from llo_dash.build.pipeline import run_build
from llo_dash.config import PROJECT_ROOT, Settings
from llo_dash.errors import LloDashError
from tests.fixtures import gebieden_klein as _klein
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
def built_data(tmp_path_factory) -> Path:
    """A fresh build of the current code from the mirror, once per test session, outside the project.

    Offline, so an incomplete mirror fails instead of quietly fetching from CBS. LLO_DASH_DATA
    points the app, AppTest, the CLI and the browser test's server at it; the project's own
    data/ is neither read nor written by the tests.
    """
    data_dir = tmp_path_factory.mktemp("llo_dash") / "data"
    settings = Settings(mirror=mirror_path(), data_dir=data_dir, cache_dir=data_dir.parent / "cache")
    try:
        run_build(settings, offline=True)
    except LloDashError as error:
        pytest.fail(f"De gegevens konden niet worden gebouwd voor de tests: {error}")
    previous = os.environ.get("LLO_DASH_DATA")
    os.environ["LLO_DASH_DATA"] = str(data_dir)
    yield data_dir
    if previous is None:
        os.environ.pop("LLO_DASH_DATA", None)
    else:
        os.environ["LLO_DASH_DATA"] = previous


@pytest.fixture
def gebieden_klein() -> pd.DataFrame:
    """A tiny hand-written `gebieden` table (tests/fixtures/gebieden_klein.py): Nederland, 2 arbeidsmarktregio's,
    3 gemeenten, 2 wijken, round consistent numbers, real dtypes; a fresh copy for each test, no build needed."""
    return _klein.gebieden_klein()
