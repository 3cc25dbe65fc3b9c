"""Numbers, percentages and dates written the Dutch way, for screens and charts.

Pure functions, no Streamlit. Everything a user reads goes through here so that
1234.5 always appears as "1.234,5" and a missing value always as "geen gegevens".
Downloads keep real numbers: see `llo_dash.export`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Number

from zoneinfo import ZoneInfo

import pandas as pd

GEEN_GEGEVENS = "geen gegevens"
GEEN_MARGE = "geen marge berekend"

# The one way a margin is written, in sentences, tables, captions and hovers alike:
# "13,4–15,5%" (en dash, the unit once at the end) or "20.839–24.094".
MARGE_TEKEN = "–"

TIJDZONE = ZoneInfo("Europe/Amsterdam")  # dates and times are shown in Dutch time

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

# Plotly's `layout.separators` takes two characters: the decimal mark first, then
# the thousands separator. ",." therefore makes d3's "," (group thousands) and "."
# (decimals) render as "1.234,5", independent of the browser's locale.
PLOTLY_SEPARATORS = ",."


def is_missing(value) -> bool:
    """True for None, NaN, NA, NaT and infinities: nothing sensible to show."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):  # lists and other non-scalars
        return False
    if isinstance(value, Decimal):
        return not value.is_finite()
    # An infinite share comes from dividing by zero: there is no figure to show.
    return isinstance(value, Number) and math.isinf(value)


def rounded(value, decimals: int) -> Decimal:
    """`value` rounded half away from zero, as people (not banks) expect.

    Floats go through `str` so that 1.005 rounds as the 1.005 the user sees,
    not as its binary neighbour 1.00499999...
    """
    if isinstance(value, (str, bool)) or not isinstance(value, Number):
        # Text that looks like a number usually means a column was read wrongly.
        raise TypeError(f"Geen getal: {value!r}")
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    with localcontext() as ctx:
        # quantize fails when the result needs more digits than the context allows.
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # never show "-0,0"


def _dutch(number: Decimal, decimals: int) -> str:
    """'1,234.5' (Python's format) to '1.234,5'."""
    text = format(number, f",.{decimals}f")
    return text.translate(str.maketrans({",": ".", ".": ","}))


def getal(value, decimals: int = 0) -> str:
    """A number with Dutch separators: getal(1234.5, 1) == "1.234,5"."""
    if is_missing(value):
        return GEEN_GEGEVENS
    return _dutch(rounded(value, decimals), decimals)


def procent(value, decimals: int = 1) -> str:
    """A percentage already expressed in percent (15.9, not 0.159): "15,9%"."""
    if is_missing(value):
        return GEEN_GEGEVENS
    return getal(value, decimals) + "%"


def verschil(value, decimals: int = 1, eenheid: str = "procentpunt") -> str:
    """A signed difference: "+1,2 procentpunt", "-0,4 procentpunt", "0,0 procentpunt"."""
    if is_missing(value):
        return GEEN_GEGEVENS
    number = rounded(value, decimals)
    # A '+' makes an increase readable without colour; zero after rounding gets no sign.
    teken = "+" if number > 0 else ""
    text = teken + _dutch(number, decimals)
    return f"{text} {eenheid}" if eenheid else text


def marge(low, high, decimals: int = 0, procent: bool = False) -> str:
    """The interval of an estimate: "13,4–15,5%" or "20.839–24.094".

    "geen gegevens" when a bound is missing; "geen marge berekend" when both bounds are the
    same number as shown (a point, not an interval).
    """
    if is_missing(low) or is_missing(high):
        return GEEN_GEGEVENS
    onder, boven = getal(low, decimals), getal(high, decimals)
    if onder == boven:
        return GEEN_MARGE
    return f"{onder}{MARGE_TEKEN}{boven}{'%' if procent else ''}"


def opsomming(items: Sequence[str]) -> str:
    """"A, B en C"; with "; " between the items when an item itself holds a comma
    ("Hoveniers, tuinders en kwekers"), so the reader can still see where each ends."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return items[0] if items else ""
    scheiding = "; " if any("," in item for item in items) else ", "
    return scheiding.join(items[:-1]) + " en " + items[-1]


_MARKDOWN_TEKENS = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:])")


def markdown_veilig(text: str) -> str:
    """Text shown through Markdown (st.caption, st.markdown) exactly as written: every character that
    Markdown or Streamlit would interpret (emphasis, links, HTML, ":material/…:", "$…$") is escaped."""
    return _MARKDOWN_TEKENS.sub(r"\\\1", str(text))


def datum(d: date | datetime | None) -> str:
    """A date in words, without relying on the system locale: "23 november 2026"."""
    if is_missing(d):
        return GEEN_GEGEVENS
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def tijdstip(value: str | None, *, tijd: bool = True) -> str:
    """An ISO time stamp in Dutch time: "23 november 2026, 19:33 uur" (or only the date with `tijd=False`).

    A time stamp without a zone is taken as UTC (as the build writes it); text that is not a
    time stamp is returned as it is; None or "" gives "geen gegevens".
    """
    if not value:
        return GEEN_GEGEVENS
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    lokaal = moment.astimezone(TIJDZONE)
    return f"{datum(lokaal)}, {lokaal:%H:%M} uur" if tijd else datum(lokaal)


_FORMATTERS = {"getal": getal, "procent": procent, "verschil": verschil}
_DEFAULT_DECIMALS = {"getal": 0, "procent": 1, "verschil": 1}


def _spec(spec: str | tuple) -> tuple[str, int]:
    """("procent", 1) from "procent" or ("procent", 1)."""
    kind, decimals = (spec, None) if isinstance(spec, str) else spec
    if kind not in _FORMATTERS:
        raise ValueError(f"Onbekende opmaak {kind!r}; kies uit {sorted(_FORMATTERS)}.")
    return kind, _DEFAULT_DECIMALS[kind] if decimals is None else decimals


def decimalen(spec: str | tuple) -> int:
    """The number of decimals of a `format_table` spec: "procent" -> 1, ("getal", 2) -> 2."""
    return _spec(spec)[1]


def format_table(df: pd.DataFrame, formats: dict[str, str | tuple]) -> pd.DataFrame:
    """A copy of `df` for display, with the columns in `formats` as Dutch text.

    `formats` maps a column to "getal", "procent", "verschil" or a (kind, decimals)
    tuple. Other columns are left as they are.
    """
    missing = [column for column in formats if column not in df.columns]
    if missing:
        raise KeyError(f"Kolommen niet in de tabel: {missing}")
    shown = df.copy()
    for column, spec in formats.items():
        kind, decimals = _spec(spec)
        fmt = _FORMATTERS[kind]
        shown[column] = [fmt(value, decimals) for value in df[column]]
    return shown


def d3_format(kind: str = "getal", decimals: int = 0) -> str:
    """The d3 format for plotly ticks and hovers, e.g. ",.1f".

    Percentages are in percent (15.9), so they use the same format as numbers;
    d3's "%" would multiply by 100. Add the "%" as a suffix (see `hover_value`).
    With `PLOTLY_SEPARATORS` the output reads "1.234,5".
    """
    _spec((kind, decimals))
    return f",.{decimals}f"


def hover_value(field: str = "y", kind: str = "getal", decimals: int = 0) -> str:
    """A plotly hovertemplate placeholder such as "%{y:,.1f}%"."""
    suffix = "%" if kind == "procent" else ""
    return f"%{{{field}:{d3_format(kind, decimals)}}}{suffix}"
