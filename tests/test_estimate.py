"""The low-literacy model: fitting, calibration, sums, monotonicity, missing inputs, parameter table."""

import re

import numpy as np
import pandas as pd
import pytest

from llo_dash.estimate.inputs import CATEGORIES, REGION_EDUCATION_NOTE, gemeente_inputs
from llo_dash.estimate.method import method_markdown
from llo_dash.estimate.model import Composition, Targets, calibrate_intercept, expected_counts, fit
from llo_dash.estimate.parameters import CENTRAAL, read_parameters, scenarios
from llo_dash.estimate.run import PART_GROUPS, estimate_areas, round_to_total

# --- the model on a made-up composition -------------------------------------------------------


def composition(low_education=(0.2, 0.4), population=(1000.0, 3000.0)) -> Composition:
    low = np.array(low_education)
    return Composition(
        population=np.array(population),
        shares={
            "opleiding": np.column_stack([low, 1 - low]),
            "arbeid": np.array([[0.7, 0.3], [0.6, 0.4]]),
        },
        categories={"opleiding": ("laag", "hoog"), "arbeid": ("werkend", "inactief")},
    )


def national_rate(comp, counts, dimension, category):
    axis = comp.dimensions.index(dimension) + 1
    index = comp.categories[dimension].index(category)
    persons = comp.cells()
    taken = [slice(None)] * persons.ndim
    taken[axis] = index
    return counts[tuple(taken)].sum() / persons[tuple(taken)].sum()


def test_fit_reproduces_published_one_way_rates_and_the_total():
    comp = composition()
    targets = Targets(total=0.12, rates={"opleiding": {"laag": 0.30}, "arbeid": {"werkend": 0.08}})
    effects = fit(comp, targets)
    counts = expected_counts(comp, effects)
    assert counts.sum() / comp.cells().sum() == pytest.approx(0.12, abs=1e-9)
    assert national_rate(comp, counts, "opleiding", "laag") == pytest.approx(0.30, abs=1e-9)
    assert national_rate(comp, counts, "arbeid", "werkend") == pytest.approx(0.08, abs=1e-9)


def test_calibration_hits_the_national_target_exactly():
    comp = composition()
    effects = calibrate_intercept(comp, fit(comp, Targets(total=0.12, rates={"opleiding": {"laag": 0.3}})), 0.159)
    assert expected_counts(comp, effects).sum() / comp.cells().sum() == pytest.approx(0.159, abs=1e-12)


def test_more_low_educated_all_else_equal_gives_a_higher_rate():
    base = composition(low_education=(0.2, 0.4))
    effects = fit(base, Targets(total=0.12, rates={"opleiding": {"laag": 0.3}}))
    more = composition(low_education=(0.3, 0.4))  # only area 0 changes
    rate_before = expected_counts(base, effects)[0].sum() / base.cells()[0].sum()
    rate_after = expected_counts(more, effects)[0].sum() / more.cells()[0].sum()
    assert rate_after > rate_before
    assert expected_counts(more, effects)[1].sum() == pytest.approx(expected_counts(base, effects)[1].sum())


def test_impossible_targets_are_reported():
    comp = composition()
    # Every category of a dimension has a target that cannot fit the total.
    targets = Targets(total=0.5, rates={"opleiding": {"laag": 0.05, "hoog": 0.05}})
    with pytest.raises(ValueError, match="niet verenigbaar"):
        fit(comp, targets, max_iterations=200)


def test_rounding_keeps_the_total():
    values = pd.Series([0.4, 0.4, 0.4, 10.6])
    rounded = round_to_total(values)
    assert rounded.sum() == round(values.sum()) == 12
    assert (rounded == rounded.round()).all()


# --- the estimate on a small made-up gebieden table ------------------------------------------

GEMEENTEN = {
    # code: (region, inwoners, 15-25, 25-45, 45-65, 65-75, herkomst NL, first gen Europe, outside Europe, basis%, laag%, middel%, hoog%, netto%, bruto%)
    "GM0001": ("AM01", 20000, 2000, 4000, 5000, 2400, 17000, 300, 700, 7, 25, 45, 30, 70, 73),
    "GM0002": ("AM01", 50000, 7000, 12000, 13000, 5000, 35000, 2000, 6000, 10, 30, 40, 30, 66, 70),
    "GM0003": ("AM02", 80000, 12000, 25000, 20000, 7000, 50000, 5000, 12000, 9, 22, 33, 45, 72, 75),
    "GM0004": ("AM02", 10000, 1000, 2000, 3000, 1300, 9500, 100, 150, None, None, None, None, 71, 74),
}


WIJKEN = {
    # code: (inwoners, 15-25, 25-45, 45-65, herkomst buiten NL, first gen Europe, outside Europe), all in GM0001
    "WK000101": (12000, 1200, 2400, 3000, 1800, 180, 420),  # first generation by origin in our sources
    "WK000102": (8000, 800, 1600, 2000, 1200, None, None),  # not in our sources: the gemeente's ratio is used
    "WK000103": (0, 0, 0, 0, 0, None, None),  # no inhabitants
    "WK000104": (None, None, None, None, None, None, None),  # suppressed by CBS
}


def small_gebieden(*, wijken: bool = False, **changes) -> pd.DataFrame:
    rows = []
    for code, values in GEMEENTEN.items():
        region, inwoners, a, b, c, older, nl, europa, buiten, basis, laag, middel, hoog, netto, bruto = changes.get(code, values)
        foreign = inwoners - nl
        rows.append({
            "niveau": "gemeente", "code": code, "gemeente_code": code, "arbeidsmarktregio_code": region,
            "inwoners": inwoners, "inwoners_15_25": a, "inwoners_25_45": b, "inwoners_45_65": c, "inwoners_15_65": a + b + c,
            "inwoners_65_75": older, "herkomst_nederland": nl, "herkomst_buiten_nederland": foreign,
            "eerste_generatie_europa": europa, "eerste_generatie_buiten_europa": buiten,
            "basisonderwijs_pct": basis, "laag_opgeleid_pct": laag, "middelbaar_opgeleid_pct": middel, "hoog_opgeleid_pct": hoog,
            "netto_arbeidsparticipatie_pct": netto, "bruto_arbeidsparticipatie_pct": bruto,
        })
    regions = [
        {"niveau": "arbeidsmarktregio", "code": "AM01", "arbeidsmarktregio_code": "AM01", "basisonderwijs_pct": 9,
         "laag_opgeleid_pct": 28, "middelbaar_opgeleid_pct": 42, "hoog_opgeleid_pct": 30},
        {"niveau": "arbeidsmarktregio", "code": "AM02", "arbeidsmarktregio_code": "AM02", "basisonderwijs_pct": 8,
         "laag_opgeleid_pct": 24, "middelbaar_opgeleid_pct": 36, "hoog_opgeleid_pct": 40},
    ]
    if wijken:
        for code, (inwoners, a, b, c, foreign, europa, buiten) in WIJKEN.items():
            rows.append({
                "niveau": "wijk", "code": code, "gemeente_code": "GM0001", "arbeidsmarktregio_code": "AM01",
                "inwoners": inwoners, "inwoners_15_25": a, "inwoners_25_45": b, "inwoners_45_65": c,
                "inwoners_15_65": None if inwoners is None else a + b + c, "herkomst_buiten_nederland": foreign,
                "eerste_generatie_europa": europa, "eerste_generatie_buiten_europa": buiten,
            })
    frame = pd.DataFrame(rows + regions)
    totals = frame[frame.niveau == "gemeente"].drop(columns=["niveau", "code", "gemeente_code", "arbeidsmarktregio_code"]).sum()
    nederland = {"niveau": "nederland", "code": "NL00", **{k: v for k, v in totals.items() if not k.endswith("_pct")}}
    return pd.concat([frame, pd.DataFrame([nederland])], ignore_index=True)


def with_notes(estimate) -> pd.DataFrame:
    """The estimate columns with the remark per area, as the build joins them into `gebieden`."""
    return estimate.columns.join(estimate.toelichting.rename("schatting_toelichting"), how="outer")


@pytest.fixture(scope="module")
def small():
    return with_notes(estimate_areas(small_gebieden()))


def test_nederland_hits_the_calibration_targets(small):
    assert small.loc["NL00", "laaggeletterd_16_65_pct"] == pytest.approx(15.9, abs=1e-3)
    assert small.loc["NL00", "laaggeletterd_66_75_pct"] == pytest.approx(39.0, abs=1e-3)
    assert small.loc["NL00", "laaggecijferd_16_65_pct"] == pytest.approx(15.5, abs=1e-3)


def test_regions_are_the_sum_of_their_gemeenten_and_parts_add_up(small):
    for region, members in {"AM01": ["GM0001", "GM0002"], "AM02": ["GM0003", "GM0004"]}.items():
        for column in ("laaggeletterd_16_65", "laaggeletterd_nt2", "laaggeletterd_werkend", "laaggeletterd_66_75"):
            assert small.loc[region, column] == small.loc[members, column].sum()
    for group in PART_GROUPS:
        assert (small[list(group)].sum(axis=1) == small["laaggeletterd_16_65"]).all()
    assert (small["laaggeletterd_nt2_werkend"] + small["laaggeletterd_nt2_werkzoekend"] + small["laaggeletterd_nt2_inactief"] == small["laaggeletterd_nt2"]).all()


def test_the_interval_contains_the_estimate(small):
    for total in ("laaggeletterd_16_65", "laaggecijferd_16_65"):
        assert (small[f"{total}_laag"] < small[total]).all() and (small[total] < small[f"{total}_hoog"]).all()


def test_suppressed_education_uses_the_region_and_says_so(small):
    assert small.loc["GM0004", "schatting_toelichting"] == REGION_EDUCATION_NOTE
    assert pd.notna(small.loc["GM0004", "laaggeletterd_16_65"])


def test_a_missing_input_gives_no_estimate_but_a_reason_never_the_national_average():
    values = list(GEMEENTEN["GM0002"])
    values[13] = None  # netto arbeidsparticipatie unknown
    columns = with_notes(estimate_areas(small_gebieden(GM0002=tuple(values))))
    assert pd.isna(columns.loc["GM0002", "laaggeletterd_16_65"])
    assert "arbeidsdeelname" in columns.loc["GM0002", "schatting_toelichting"]
    # Its region is missing too: a sum without one of its gemeenten is not the region's value.
    assert pd.isna(columns.loc["AM01", "laaggeletterd_16_65"])
    assert pd.notna(columns.loc["AM02", "laaggeletterd_16_65"])


def test_more_low_educated_in_one_gemeente_raises_its_estimate(small):
    values = list(GEMEENTEN["GM0001"])
    values[10], values[11] = 35, 35  # 10 points moved from middelbaar to laag
    changed = with_notes(estimate_areas(small_gebieden(GM0001=tuple(values))))
    # Calibration moves every gemeente a little; the changed one must rise relative to the others.
    before = small.loc["GM0001", "laaggeletterd_16_65_pct"] / small.loc["GM0003", "laaggeletterd_16_65_pct"]
    after = changed.loc["GM0001", "laaggeletterd_16_65_pct"] / changed.loc["GM0003", "laaggeletterd_16_65_pct"]
    assert after > before


def test_unknown_older_population_gives_no_66_75_estimate_not_zero():
    values = list(GEMEENTEN["GM0003"])
    values[5] = None  # population 65–75 unknown
    columns = with_notes(estimate_areas(small_gebieden(GM0003=tuple(values))))
    assert pd.isna(columns.loc["GM0003", "laaggeletterd_66_75"])
    assert pd.isna(columns.loc["AM02", "laaggeletterd_66_75"])  # not a partial sum
    assert pd.notna(columns.loc["GM0003", "laaggeletterd_16_65"])
    assert "66–75" in columns.loc["GM0003", "schatting_toelichting"]
    # The other gemeenten keep their estimate: one unknown population must not pull the calibration off.
    known = with_notes(estimate_areas(small_gebieden()))
    for code in ("GM0001", "GM0002", "GM0004"):
        assert columns.loc[code, "laaggeletterd_66_75"] > 0
        assert columns.loc[code, "laaggeletterd_66_75_pct"] == pytest.approx(known.loc[code, "laaggeletterd_66_75_pct"], rel=0.5)


def test_inputs_of_a_gemeente_sum_to_one():
    inputs = gemeente_inputs(small_gebieden())
    for shares in inputs.shares.values():
        assert np.allclose(shares.sum(axis=1), 1)


def test_labour_shares_are_for_16_65_not_for_15_75():
    # CBS publishes participation for 15–75; the 65–75-year-olds (mostly retired) are taken out with the
    # national participation of 65–75 (given here), so the 16–65 population is not made too inactive.
    inputs = gemeente_inputs(small_gebieden(), older_labour=(0.2, 0.01))
    _, _, young_a, young_b, young_c, older, *_, netto, bruto = GEMEENTEN["GM0001"]
    young = young_a + young_b + young_c
    assert (netto, bruto) == (70, 73)
    werkend = (0.70 * (young + older) - 0.2 * older) / young
    werkloos = (0.03 * (young + older) - 0.01 * older) / young
    labour = dict(zip(CATEGORIES["arbeid"], inputs.shares["arbeid"][inputs.codes.index("GM0001")]))
    assert labour["werkend"] == pytest.approx(werkend)
    assert labour["werkloos"] == pytest.approx(werkloos)
    assert labour["inactief"] == pytest.approx(1 - werkend - werkloos)
    assert labour["inactief"] < 1 - netto / 100  # fewer inactive than among 15–75


def test_labour_without_older_population_uses_15_75_and_says_so():
    values = list(GEMEENTEN["GM0003"])
    values[5] = None  # population 65–75 unknown
    inputs = gemeente_inputs(small_gebieden(GM0003=tuple(values)), older_labour=(0.2, 0.01))
    labour = dict(zip(CATEGORIES["arbeid"], inputs.shares["arbeid"][inputs.codes.index("GM0003")]))
    assert labour["werkend"] == pytest.approx(0.72)
    assert "15–75" in inputs.notes["GM0003"]


@pytest.fixture(scope="module")
def with_wijken():
    return with_notes(estimate_areas(small_gebieden(wijken=True)))


def test_wijk_note_says_when_the_first_generation_comes_from_the_gemeente(with_wijken):
    own, borrowed = with_wijken.loc["WK000101", "schatting_toelichting"], with_wijken.loc["WK000102", "schatting_toelichting"]
    assert own.startswith("Grover") and borrowed.startswith("Grover")
    assert "eerste generatie" not in own
    assert "eerste generatie" in borrowed and "gemeente" in borrowed
    assert pd.notna(with_wijken.loc["WK000102", "laaggeletterd_16_65"])


def test_wijk_blanks_carry_a_reason(with_wijken):
    for code in ("WK000101", "WK000102"):
        row = with_wijken.loc[code]
        assert pd.isna(row["laaggeletterd_66_75"]) and pd.isna(row["laaggeletterd_16_75"]) and pd.isna(row["laaggecijferd_16_65"])
        assert "66–75" in row["schatting_toelichting"] and "laaggecijferdheid" in row["schatting_toelichting"]


def test_wijk_without_inhabitants_is_not_called_suppressed(with_wijken):
    empty, suppressed = with_wijken.loc["WK000103", "schatting_toelichting"], with_wijken.loc["WK000104", "schatting_toelichting"]
    assert pd.isna(with_wijken.loc["WK000103", "laaggeletterd_16_65"])
    assert "geen inwoners" in empty.lower() and "onderdrukt" not in empty
    assert "onderdrukt" in suppressed


def test_wijk_interval_is_the_gemeente_relative_interval(with_wijken):
    row, gemeente = with_wijken.loc["WK000101"], with_wijken.loc["GM0001"]
    for bound in ("laag", "hoog"):
        ratio = gemeente[f"laaggeletterd_16_65_{bound}"] / gemeente["laaggeletterd_16_65"]
        assert row[f"laaggeletterd_16_65_{bound}"] == pytest.approx(row["laaggeletterd_16_65"] * ratio, abs=0.5)


# --- the parameter table ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def parameters():
    return read_parameters()


def test_every_parameter_row_is_complete_with_source(parameters):
    assert set(parameters["soort"]) <= {"gepubliceerd", "afgeleid", "aanname"}
    for _, row in parameters.iterrows():
        name = f"{row['parameter']} ({row['scenario']})"
        text = {column: ("" if pd.isna(row[column]) else str(row[column]).strip()) for column in parameters.columns}
        assert pd.notna(row["waarde"]), name
        assert text["eenheid"] and text["populatie"] and text["bron"] and text["gebruik"], name
        # A year, or for an assumption a clearly stated 'n.v.t. (aanname…)'.
        assert re.fullmatch(r"(19|20)\d\d", text["jaar"]) or text["jaar"].startswith("n.v.t. (aanname"), name
        if text["jaar"].startswith("n.v.t."):
            assert row["soort"] == "aanname" or "aanname" in text["toelichting"], name
        if row["soort"] == "aanname":
            assert "aanname" in text["bron"] and text["toelichting"], name  # says why
        else:
            assert text["bron_url"].startswith("http"), name  # derived rows: the URL of their (main) input
        if row["soort"] != "gepubliceerd":
            assert text["toelichting"], name
        if row["soort"] == "gepubliceerd":
            assert re.fullmatch(r"(19|20)\d\d", text["jaar"]), name


def test_derived_parameters_follow_their_stated_formula(parameters):
    value = parameters[parameters["scenario"] == "alle"].set_index("parameter")["waarde"]
    assert value["opleiding_vmbo_mbo1_2012"] == pytest.approx(
        value["opleiding_vmbo_mbo1_gepubliceerd"] * value["laaggeletterd_2012_aantal"] / value["laaggeletterd_en_of_gecijferd_2012_aantal"], abs=0.05
    )
    assert value["leeftijd_45_65_2012"] == pytest.approx((value["totaal_2012"] + value["leeftijd_55_65_2012"]) / 2)
    oecd = parameters[(parameters["scenario"] == "totaal_2012_oeso")].set_index("parameter")["waarde"]
    assert oecd["leeftijd_45_65_2012"] == pytest.approx((oecd["totaal_2012"] + value["leeftijd_55_65_2012"]) / 2)


def test_nt2_share_2023_has_scenarios_on_both_sides(parameters):
    central = scenarios(parameters)[0]["aandeel_nt2_2023"]
    values = [scenario["aandeel_nt2_2023"] for scenario in scenarios(parameters)]
    assert central == 50  # "NT2 is now the largest group": at least half
    assert min(values) < central < max(values)
    above = parameters[(parameters["parameter"] == "aandeel_nt2_2023") & (parameters["waarde"] > central)]
    assert (above["soort"] == "aanname").all() and len(above) >= 1
    assert 44 in values  # the GGD-cited scenario stays


def test_national_targets_are_the_published_ones(parameters):
    central = scenarios(parameters)[0]
    assert central.naam == CENTRAAL
    assert (central["doel_16_65"], central["doel_66_75"], central["doel_gecijferd_16_65"]) == (15.9, 39, 15.5)
    assert len(scenarios(parameters)) >= 5  # the interval comes from several plausible parameter sets


# --- the method text --------------------------------------------------------------------------


def test_method_text_states_what_is_fitted_checked_and_coarser(small):
    controle = estimate_areas(small_gebieden()).controle
    text = method_markdown(read_parameters(), controle)
    for phrase in ("alleen gecontroleerd", "niet gepubliceerd", "55–65", "57%", "eerste generatie niet",
                   "relatieve bandbreedte van hun gemeente", "opgeteld", "geen inwoners", "laaggecijferdheid"):
        assert phrase in text.lower(), phrase
    # The numbers of the check come from the table, not from the text.
    working = controle.set_index("groep").loc["Aandeel met betaald werk onder laaggeletterden", "model_2012_pct"]
    assert f"{working:.1f}".replace(".", ",") in text


def test_method_text_without_a_build_has_no_stale_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path))  # nothing built here
    text = method_markdown(read_parameters())
    assert "controletabel" in text and "alleen gecontroleerd" in text.lower()
    assert "procentpunt hoger" not in text  # the deviations are only given with numbers from a build
    # A check table of an older build (other rows) gives the same text, not an error.
    older = pd.DataFrame({"groep": ["Werkenden"], "gepubliceerd_2012_pct": [9.0], "model_2012_pct": [9.0], "model_2023_pct": [12.0]})
    assert method_markdown(read_parameters(), older) == text
