"""Where things live: the mirror of public sources, the built data, the download cache.

Read from `config.toml` at the project root; the environment variables
`LLO_DASH_MIRROR` and `LLO_DASH_DATA` override the mirror and the output folder, `LLO_DASH_UPLOADS` the
optional folder with a coordinator's own UWV files (`[data] uploads`; none when empty).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = PROJECT_ROOT / "config.toml"


@dataclass(frozen=True)
class Settings:
    mirror: Path | None
    data_dir: Path
    cache_dir: Path
    uploads: Path | None = None  # optional folder with UWV files in the upload template (read, never written)


def _resolve(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def load_settings(config_file: Path = CONFIG_FILE, environ: dict | None = None) -> Settings:
    """Settings from the config file, with environment overrides applied."""
    environ = os.environ if environ is None else environ
    data = {}
    if config_file.exists():
        data = tomllib.loads(config_file.read_text(encoding="utf-8")).get("data", {})
    base = config_file.parent
    mirror_value = environ.get("LLO_DASH_MIRROR") or data.get("mirror") or ""
    mirror = _resolve(mirror_value, base) if mirror_value else None
    data_dir = _resolve(environ.get("LLO_DASH_DATA") or data.get("output", "data"), base)
    cache_dir = _resolve(data.get("cache", ".cache/sources"), base)
    uploads_value = environ.get("LLO_DASH_UPLOADS") or data.get("uploads") or ""
    uploads = _resolve(uploads_value, base) if uploads_value else None
    return Settings(mirror=mirror, data_dir=data_dir, cache_dir=cache_dir, uploads=uploads)
