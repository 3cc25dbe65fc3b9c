"""The collective's own partners (an upload kept in the session): validation (per-row Dutch messages, nothing kept
on error, formulas refused, types from the handreiking's professionals table, a wijk inside its gemeente) and the
count per gemeente, by hand; and the page Vindplaatsen with such an upload."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from llo_dash.views.bereik import partners
from tests.apptest import assert_ok, run_page

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "vindplaatsen.py")
GEMEENTEN = {"GM0001": "Aastad", "GM0002": "Beedorp"}
WIJKEN = {"WK000101": "GM0001", "WK000102": "GM0001", "WK000201": "GM0002"}
# The three kinds of professionals of the handreiking (reference/professionals_handreiking.csv), written out here.
TYPEN = ("Werkgevers", "Bemiddelaars", "Netwerkers")
HEADER = "naam;type;gemeente_code;gemeente;wijk_code;groepen"


def check(*rows: str, name: str = "partners.csv", header: str = HEADER):
    content = ("\n".join([header, *rows]) + "\n").encode("utf-8")
    return partners.valideer_partners_upload(name, content, gemeenten=GEMEENTEN, wijken=WIJKEN, typen=TYPEN)


def test_valid_partners_with_names_codes_and_groups():
    result = check("Bieb Aastad;Netwerkers;GM0001;;WK000102;NT1, nt2",
                   "Fabriek;werkgever;;beedorp;;werkend/werkzoekend",
                   "Werkplein;Bemiddelaars;GM0001;;;")
    assert result.ok
    rows = result.data.set_index("naam")
    assert rows.loc["Fabriek", ["type", "gemeente_code", "groepen"]].tolist() == ["Werkgevers", "GM0002", "werkend, werkzoekend"]
    assert rows.loc["Bieb Aastad", ["wijk_code", "groepen"]].tolist() == ["WK000102", "NT1, NT2"]


def test_bad_partner_rows_are_all_named_and_nothing_is_kept():
    result = check(
        ";Netwerkers;GM0001;;;",               # row 2: no name
        "Kapsalon;kapper;GM0001;;;",            # row 3: not a type of the handreiking
        "Buurthuis;Netwerkers;GM0001;;WK000201;",  # row 4: wijk of Beedorp
        "Club;Netwerkers;GM0001;;;NT3",         # row 5: unknown group
        "Som;Netwerkers;GM0001;;;=A1",          # row 6: formula
        "Elders;Netwerkers;GM0999;;;",          # row 7: unknown gemeente
        "Werkplein;Bemiddelaars;GM0001;;;",     # row 8
        "werkplein;Bemiddelaars;;Aastad;;",     # row 9: the same partner again
    )
    assert result.data is None
    assert result.errors[0].startswith("'partners.csv' bevat 7 fouten; er is niets overgenomen.")
    messages = "\n".join(result.errors)
    for expected in ("Rij 2, kolom naam: lege cel", "Rij 3, kolom type: 'kapper' is geen geldige waarde",
                     "Rij 4, kolom wijk_code: wijk WK000201 ligt niet in Aastad (GM0001).",
                     "Rij 5, kolom groepen: 'NT3' is geen groep", "Rij 6, kolom groepen: '=A1' is een formule",
                     "Rij 7, kolom gemeente_code: 'GM0999' is geen bestaande gemeentecode",
                     "Rij 9: dubbele regel voor werkplein in Aastad (ook in rij 8)."):
        assert expected in messages


def test_missing_type_column_is_refused():
    (message,) = check("Bieb;GM0001", header="naam;gemeente_code").errors
    assert "Ontbreekt: type" in message


def test_template_is_a_valid_upload():
    namen = {"GM0392": "Haarlem", "GM0453": "Velsen"}
    for name, content in (("s.csv", partners.template_csv()), ("s.xlsx", partners.template_xlsx(TYPEN))):
        result = partners.valideer_partners_upload(name, content, gemeenten=namen, wijken={}, typen=TYPEN)
        assert result.ok and len(result.data) == 3, result.errors


def test_partners_per_gemeente_by_hand():
    data = check("Bieb;Netwerkers;GM0001;;;NT1", "Werkplein;Bemiddelaars;GM0001;;;werkzoekend, NT2",
                 "Fabriek;Werkgevers;GM0001;;;werkend").data
    tabel = partners.partners_per_gemeente(data, GEMEENTEN, TYPEN).frame.set_index("code")
    assert tabel.loc["GM0001", ["partners", "type_0", "type_1", "type_2"]].tolist() == [3, 1, 1, 1]
    assert tabel.loc["GM0001", "groepen"] == "NT1, NT2, werkend, werkzoekend"
    assert tabel.loc["GM0002", "partners"] == 0 and tabel.loc["GM0002", "groepen"] == ""
    assert partners.partnerlijst(data, ["GM0002"]).frame.empty


def test_vindplaatsen_shows_uploaded_partners_per_gemeente(built_data):
    at = run_page(PAGE, regio="AM37")
    assert_ok(at)
    uploader = next(u for u in at.file_uploader if "partners" in u.label)
    content = (HEADER + "\nBieb;Netwerkers;;Haarlem;;NT1\nFabriek;Werkgevers;GM0453;;;werkend\n").encode()
    uploader.set_value(("partners.csv", content, "text/csv")).run()
    assert_ok(at)
    tabel = next(df.value for df in at.dataframe if "Partners (upload)" in df.value.columns).set_index("Gemeente")
    assert len(tabel) == 7  # all gemeenten of Zuid-Kennemerland en IJmond
    assert tabel.loc["Haarlem", "Partners (upload)"] == 1 and tabel.loc["Haarlem", "Netwerkers"] == 1
    assert tabel.loc["Velsen", "Werkgevers"] == 1 and tabel.loc["Zandvoort", "Partners (upload)"] == 0
    assert isinstance(at.session_state["partners_upload"].data, pd.DataFrame)
