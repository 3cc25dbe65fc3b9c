"""Helpers shared by the AppTest files: the 35 region codes, an independent Dutch number format, page runs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from streamlit.testing.v1 import AppTest

# The 35 arbeidsmarktregio's of 2025, written out here (not read from the code under test).
REGIO_CODES = [
    "AM01", "AM02", "AM03", "AM05", "AM06", "AM07", "AM08", "AM09", "AM10", "AM11", "AM12", "AM13", "AM14",
    "AM15", "AM17", "AM18", "AM19", "AM20", "AM21", "AM22", "AM23", "AM24", "AM25", "AM26", "AM27", "AM28",
    "AM29", "AM30", "AM32", "AM33", "AM34", "AM35", "AM36", "AM37", "AM38",
]
TIMEOUT = 60  # the first run of a session loads the data and boundaries into the cache


def dutch(value, decimals: int = 0) -> str:
    """Independent Dutch number: 1234567.25 -> "1.234.567,3" (half up, dot thousands, comma decimals)."""
    number = Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{number:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def run_page(path: str, **params) -> AppTest:
    """Run a page file (or app.py) once with the given URL query parameters."""
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def assert_ok(at: AppTest, *, warnings_allowed: bool = True) -> None:
    """No exception and no error on the page (and, if asked, no warning)."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if not warnings_allowed:
        assert not at.warning, [w.value for w in at.warning]
