"""Neighbours from the boundaries: small hand-made shapes, and the real built boundaries."""

from __future__ import annotations

import json

import pytest

from llo_dash.views import buren


def vierkant(code: str, x: float, y: float, zijde: float = 0.1) -> dict:
    ring = [[x, y], [x + zijde, y], [x + zijde, y + zijde], [x, y + zijde], [x, y]]
    return {"type": "Feature", "id": code, "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_shared_border_small_gap_and_corner():
    grenzen = {"type": "FeatureCollection", "features": [
        vierkant("A", 0, 0),
        vierkant("B", 0.1, 0),  # shares A's east side
        vierkant("C", 0.201, 0),  # 0,001° (~100 m, the rounding of the boundaries) east of B: still a border
        vierkant("D", 0.1, 0.1),  # touches A only at a corner (and shares B's north side)
        vierkant("E", 1, 1),  # far away
    ]}
    result = buren.buren_uit_grenzen(grenzen)
    assert set(result["A"]) == {"B"}
    assert set(result["B"]) == {"A", "C", "D"}
    assert "C" in result["B"] and "B" in result["C"]
    assert result["E"] == []
    for code, naast in result.items():  # symmetric
        assert all(code in result[buur] for buur in naast)


def test_longest_border_first():
    lang, kort = vierkant("L", 0.1, 0, 0.1), vierkant("K", 0.02, 0.1, 0.02)  # K sits on a 0,02° piece of A's top
    grenzen = {"type": "FeatureCollection", "features": [vierkant("A", 0, 0), kort, lang]}
    assert buren.buren_uit_grenzen(grenzen)["A"] == ["L", "K"]


def code_van(gebieden, naam: str) -> str:
    rij = gebieden[(gebieden["niveau"] == "arbeidsmarktregio") & (gebieden["naam"] == naam)]
    assert len(rij) == 1, naam
    return rij.index[0]


def test_zuid_kennemerland_on_the_real_boundaries(built_data, gebieden):
    regio = buren.buren(built_data)
    zk = code_van(gebieden, "Zuid-Kennemerland en IJmond")
    assert zk == "AM37"
    naast = regio[zk]
    assert code_van(gebieden, "Groot Amsterdam") in naast
    assert code_van(gebieden, "Holland Rijnland") in naast
    assert code_van(gebieden, "Zeeland") not in naast
    assert code_van(gebieden, "Twente") not in naast
    # every region has a neighbour (the Netherlands is one piece of land), and neighbours are mutual
    assert len(regio) == 35
    for code, lijst in regio.items():
        assert lijst, code
        assert all(code in regio[buur] for buur in lijst)


def test_haarlem_and_heemstede_are_neighbouring_gemeenten(built_data):
    gemeenten = buren.buren(built_data, "gemeente")
    assert len(gemeenten) == 342
    assert "GM0397" in gemeenten["GM0392"]  # Heemstede borders Haarlem
    assert "GM0363" not in gemeenten["GM0392"]  # Amsterdam does not (Haarlemmermeer lies between)


def test_missing_boundaries_are_a_dutch_error(tmp_path):
    with pytest.raises(Exception, match="kaartgrenzen"):
        buren.buren(tmp_path)
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "arbeidsmarktregio.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    assert buren.buren(tmp_path) == {}
