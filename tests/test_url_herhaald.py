"""A parameter that appears twice in a link (`?gemeente=GM0363&gemeente=GM0518`): a Dutch warning, the first
value is used (always the first, whatever order), and the link is written back with that one value.

Streamlit's own `st.query_params.get` returns the last value, so without this the view switched silently.
AppTest passes a list as a repeated parameter (`urlencode(..., doseq=True)`) and shows it back as a list.
"""

from __future__ import annotations

import pytest

from llo_dash.config import PROJECT_ROOT
from tests.apptest import Sessie, assert_ok, dutch, markdown_text, metric_values

APP = str(PROJECT_ROOT / "app.py")


@pytest.fixture(scope="module")
def sessie() -> Sessie:
    return Sessie()


def _herhaald(at) -> list[str]:
    return [w.value for w in at.warning if "De link bevat" in w.value]


@pytest.mark.parametrize("eerste, tweede, naam, regio", [
    ("GM0363", "GM0518", "Gemeente Amsterdam", "AM18"),
    ("GM0518", "GM0363", "Gemeente 's-Gravenhage", "AM21"),  # Haaglanden (86059NED); the other order: the first wins, not the lowest code
])
def test_repeated_gemeente_warns_and_uses_the_first(built_data, gebieden, sessie, eerste, tweede, naam, regio):
    at = sessie.run(APP, gemeente=[eerste, tweede])
    assert_ok(at)
    (melding,) = _herhaald(at)
    assert melding == (f"De link bevat 2 waarden voor 'gemeente' ({eerste}, {tweede}); "
                       f"alleen de eerste (**{eerste}**) wordt gebruikt.")
    assert naam in markdown_text(at)
    assert ("Inwoners", dutch(gebieden.loc[eerste, "inwoners"])) in metric_values(at)
    # the link now holds one value (AppTest shows a repeated parameter as a list)
    assert at.query_params["gemeente"] == eerste and at.query_params["regio"] == regio


def test_repeated_regio_warns_and_uses_the_first(built_data, gebieden, sessie):
    at = sessie.run(APP, regio=["AM01", "AM22"])
    assert_ok(at)
    assert _herhaald(at) == ["De link bevat 2 waarden voor 'regio' (AM01, AM22); alleen de eerste (**AM01**) wordt gebruikt."]
    assert at.query_params["regio"] == "AM01"
    assert ("Inwoners", dutch(gebieden.loc["AM01", "inwoners"])) in metric_values(at)
    # the next run (the link is clean now) has no warning
    at.run()
    assert_ok(at, warnings_allowed=False)
    assert at.query_params["regio"] == "AM01"


def test_the_same_value_twice_is_no_conflict(built_data, sessie):
    at = sessie.run(APP, regio=["AM12", "AM12"])
    assert_ok(at, warnings_allowed=False)
    assert at.query_params["regio"] == "AM12"


def test_repeated_regio_with_a_gemeente_of_another_region_keeps_one_regio(built_data, sessie):
    """The gemeente decides the region (its own warning); the repeated regio is still written back as one value."""
    at = sessie.run(APP, regio=["AM01", "AM18"], gemeente="GM0363")
    assert_ok(at)
    assert len(_herhaald(at)) == 1 and "hoort bij arbeidsmarktregio Groot Amsterdam" in "\n".join(w.value for w in at.warning)
    assert at.query_params["regio"] == "AM18" and at.query_params["gemeente"] == "GM0363"


def test_repeated_view_setting_and_list_parameter(built_data, sessie):
    """A page's own settings (`?indicator=`) and lists (`?vergelijk=`) follow the same rule."""
    at = sessie.run(str(PROJECT_ROOT / "pages/vergelijken.py"), regio="AM12", vergelijk=["AM12,AM13", "AM01"])
    assert_ok(at)
    assert _herhaald(at) == ["De link bevat 2 waarden voor 'vergelijk' (AM12,AM13, AM01); alleen de eerste (**AM12,AM13**) "
                             "wordt gebruikt."]
    assert at.query_params["vergelijk"] == "AM12,AM13"
    at = sessie.run(str(PROJECT_ROOT / "pages/doelgroep.py"), regio="AM12", indicator=["laaggeletterd_nt2", "werkloosheid_pct", "xx"])
    assert_ok(at)
    (melding,) = _herhaald(at)
    assert "3 waarden voor 'indicator'" in melding and "(**laaggeletterd_nt2**)" in melding
    assert at.query_params["indicator"] == "laaggeletterd_nt2"
    assert at.selectbox(key="_w_indicator").value == "laaggeletterd_nt2"
