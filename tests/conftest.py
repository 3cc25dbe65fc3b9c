"""Shared fixtures: where the project, the mirror of sources and the built data are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from llo_dash.build.pipeline import MANIFEST, run_build
from llo_dash.config import PROJECT_ROOT, load_settings


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def mirror(project_root: Path) -> Path:
    """The mirror of public sources: ../shared/data, or LLO_DASH_MIRROR. Missing is a failure, not a skip."""
    value = os.environ.get("LLO_DASH_MIRROR")
    path = Path(value).expanduser() if value else project_root.parent / "shared" / "data"
    if not path.is_absolute():
        path = project_root / path
    if not path.is_dir():
        pytest.fail(
            f"De mirror met bronbestanden ontbreekt: {path} bestaat niet. Zet LLO_DASH_MIRROR op de map met de "
            "bronbestanden (standaard ../shared/data naast het project)."
        )
    return path.resolve()


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
