"""Area codes: one definition of their form, used by the URL, the uploads and the build."""

import pytest

from llo_dash import codes


@pytest.mark.parametrize("code, niveau", [
    ("NL00", "nederland"), ("AM12", "arbeidsmarktregio"), ("PV27", "provincie"), ("GM0363", "gemeente"),
    ("WK036300", "wijk"), ("WK0363AA", "wijk"), ("BU03630000", "buurt"),
    ("AM1", None), ("GM363", None), ("am12", None), ("XX12", None), ("", None), (None, None), (12, None),
])
def test_level_of_a_code(code, niveau):
    assert codes.niveau_van(code) == niveau


def test_clean_form():
    assert codes.schoon(" am12 ") == "AM12"
    assert codes.schoon("   ") is None and codes.schoon(None) is None
    assert codes.is_code("GM0014", "gemeente") and not codes.is_code("GM0014", "arbeidsmarktregio")


def test_gemeente_of_a_wijk():
    assert codes.gemeente_van_wijk("WK0363AA") == "GM0363"
    with pytest.raises(ValueError, match="geen geldige wijkcode"):
        codes.gemeente_van_wijk("GM0363")
