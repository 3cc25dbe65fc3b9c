"""UWV-spanningsindicator typology and the reference-table helpers."""

import math

import numpy as np
import pandas as pd
import pytest

from llo_dash import spanning
from llo_dash.spanning import typering, typeringen
from llo_dash.views.sectoren import typering as typering_pagina


def test_typeringen_are_ordered_from_ruim_to_krap():
    assert typeringen() == ("zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap")


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (0, "zeer ruim"),
        (0.2499, "zeer ruim"),
        (0.25, "ruim"),  # boundary: lower bound of ruim
        (0.6699, "ruim"),
        (0.67, "gemiddeld"),  # boundary: lower bound of gemiddeld
        (1.0, "gemiddeld"),
        (1.5, "gemiddeld"),  # boundary: "krap" is > 1,5
        (1.5001, "krap"),
        (4, "krap"),  # boundary: "zeer krap" is > 4,0
        (4.0, "krap"),
        (4.01, "zeer krap"),
        (16, "zeer krap"),
        (math.inf, "zeer krap"),
    ],
)
def test_typering_boundaries(waarde, verwacht):
    assert typering(waarde) == verwacht


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA, np.float64("nan")])
def test_typering_of_missing_value_is_none(missing):
    assert typering(missing) is None


def test_typering_accepts_numpy_numbers():
    assert typering(np.float64(0.93)) == "gemiddeld"
    assert typering(np.int64(5)) == "zeer krap"


@pytest.mark.parametrize("negative", [-0.01, -1, -math.inf])
def test_typering_rejects_negative_values(negative):
    with pytest.raises(ValueError, match="negatief"):
        typering(negative)


@pytest.mark.parametrize("not_a_number", ["1,5", "hoog", True])
def test_typering_rejects_non_numbers(not_a_number):
    with pytest.raises(TypeError, match='Spanningsindicator moet een getal zijn'):
        typering(not_a_number)


def test_typering_matches_published_examples():
    # UWV 2023K1 (Accountancy van Morgen): national 4,32 zeer krap; hulpkrachten bouw en industrie 0,93.
    assert typering(4.32) == "zeer krap"
    assert typering(0.93) == "gemiddeld"
    assert typering(2.49) == "krap"


def test_typering_tabel_is_ordered_like_typeringen():
    tabel = spanning.typering_tabel()
    assert tuple(tabel["typering"]) == typeringen()
    assert tabel["ondergrens"].dtype == float


def test_reference_helpers_return_the_three_tables():
    beroepen = spanning.beroepen_basisvaardigheden()
    assert len(beroepen) == 20
    assert set(beroepen["lijst"]) == {"laaggeletterdheid", "laaggecijferdheid"}
    landelijk = spanning.landelijk()
    assert landelijk["spanningsindicator"].dtype == float
    assert "Totaal (alle beroepsgroepen)" in set(landelijk["beroepsgroep_uwv"])


def test_typering_uitleg_is_the_table_with_its_note():
    definitie, tabel, noot = typering_pagina.typering_uitleg(spanning.typering_tabel())
    assert "vacatures" in definitie.lower()
    assert tabel.labels == ["Typering", "Grens", "Betekenis"]
    assert list(tabel.download()["Typering"]) == list(typeringen())
    assert noot.startswith("Grenswaarden") and "Bron: https://" in noot
