"""Helpers shared by the AppTest files: the 35 region codes, an independent Dutch number format, page runs,
one reusable session for region loops, and readers of what a page shows."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from streamlit.testing.v1 import AppTest

# The 35 arbeidsmarktregio's of 2025, written out here (not read from the code under test).
REGIO_CODES = [
    "AM01", "AM02", "AM03", "AM05", "AM06", "AM07", "AM08", "AM09", "AM10", "AM11", "AM12", "AM13", "AM14",
    "AM15", "AM17", "AM18", "AM19", "AM20", "AM21", "AM22", "AM23", "AM24", "AM25", "AM26", "AM27", "AM28",
    "AM29", "AM30", "AM32", "AM33", "AM34", "AM35", "AM36", "AM37", "AM38",
]
TIMEOUT = 60  # the first run of a session loads the data and boundaries into the cache

# What the app remembers across page switches (see llo_dash.ui); emptied before each run of a `Sessie`.
GEHEUGEN = {"_llo_keuze": {}, "_llo_url_geheugen": {}}
# The key prefix of the expanders whose content is made only while they are open (issue 14, `ui.uitklap`).
UITKLAP = "uitklap_"


def dutch(value, decimals: int = 0) -> str:
    """Independent Dutch number: 1234567.25 -> "1.234.567,3" (half up, dot thousands, comma decimals)."""
    number = Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{number:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def run_page(path: str, **params) -> AppTest:
    """Run a page file (or app.py) once, in a new session, with the given URL query parameters."""
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def uitklappers(at: AppTest) -> dict[str, bool]:
    """Key -> open of every expander on the page whose content is made only while it is open (`ui.uitklap`)."""
    return {e.key: e.proto.expanded for e in at.expander if e.key and e.key.startswith(UITKLAP)}


class Sessie:
    """One AppTest session per page file, reused for many runs, like a user switching regions (a new
    AppTest scans all installed packages for components first, about a second).

    Before each run the link is emptied, the app's memory of earlier choices is cleared and the page's
    own widgets (`widgets`: key -> default value) are set back to their defaults, so what a run shows
    never depends on the run before.

    `uitgeklapt=True` opens every expander whose content is made only while it is open (`ui.uitklap`), so
    the run shows and offers what a user sees after opening them all; the page is run again while it shows
    one still closed (the first run of a page, or one that appears only for this area). Otherwise they are
    closed, as on a first visit. `voor_run` is called before every run (to forget what an earlier one recorded).
    """

    def __init__(self) -> None:
        self._apps: dict[str, AppTest] = {}
        self._uitklappers: dict[str, set[str]] = {}  # page -> the keys of its lazy expanders seen so far

    def run(self, page: str, *, widgets: dict | None = None, uitgeklapt: bool = False,
            voor_run: Callable[[], None] | None = None, **params) -> AppTest:
        at = self._apps.get(page)
        if at is None:
            at = self._apps[page] = AppTest.from_file(page, default_timeout=TIMEOUT)
        bekend = self._uitklappers.setdefault(page, set())
        for _ in range(3):
            at.query_params.clear()
            for key, value in {**GEHEUGEN, **dict.fromkeys(bekend, uitgeklapt), **(widgets or {})}.items():
                at.session_state[key] = value
            for key, value in params.items():
                at.query_params[key] = value
            if voor_run is not None:
                voor_run()
            at.run()
            getoond = uitklappers(at)
            bekend |= set(getoond)
            if not uitgeklapt or all(getoond.values()) or at.exception:
                return at
        raise AssertionError(f"{page}: uitklappers blijven dicht: {sorted(k for k, is_open in getoond.items() if not is_open)}")


def assert_ok(at: AppTest, *, warnings_allowed: bool = True) -> None:
    """No exception and no error on the page (and, if asked, no warning)."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if not warnings_allowed:
        assert not at.warning, [w.value for w in at.warning]


def zichtbaar(markdown: str) -> str:
    """Markdown as the reader sees it, as far as these tests need: backslash escapes removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def text(at: AppTest) -> str:
    """Everything written on the page: markdown, captions and messages."""
    return "\n".join(element.value for kind in ("markdown", "caption", "info", "success", "warning")
                     for element in getattr(at, kind))


def metrics(at: AppTest) -> dict[str, str]:
    """Label -> value of every st.metric."""
    return {m.label: m.value for m in at.metric}


def metric_values(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page (interactive or static) that has `column`."""
    frames = [frame.value for frame in [*at.dataframe, *at.table]]
    for frame in frames:
        if column in frame.columns:
            return frame
    raise AssertionError(f"Geen tabel met kolom {column!r}; wel: {[list(f.columns)[:4] for f in frames]}")
