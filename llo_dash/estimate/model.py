"""A synthetic small-area model for the share of low-literate adults: cells, fitting, calibration.

Every area's population is split into cells: education × age band × origin × labour-market
position. Within an area the characteristics are assumed independent (the area's shares
multiply); across areas the national joint distribution is the sum of the areas, so
correlations between areas (cities have both more NT2 and more high-educated people)
are kept. Each cell gets a rate on the logit scale:

    logit(rate) = intercept + effect[opleiding] + effect[leeftijd] + effect[herkomst] + effect[arbeid]

The effects are fitted so that, summed over all gemeenten, the model reproduces the
published national rates of the categories for which a rate is published; categories
without a published rate keep a fixed odds ratio to the reference category of their
dimension. The intercept makes the national total equal the published total exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

DIMENSIONS = ("opleiding", "leeftijd", "herkomst", "arbeid")


def logit(p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.log(p / (1 - p))


def expit(x):
    return 1 / (1 + np.exp(-x))


@dataclass(frozen=True)
class Composition:
    """Population and, per dimension, the share of each category (rows = areas, columns = categories)."""

    population: np.ndarray  # (areas,)
    shares: dict[str, np.ndarray]  # dimension -> (areas, categories), rows sum to 1
    categories: dict[str, tuple[str, ...]]

    def cells(self) -> np.ndarray:
        """Persons per cell: (areas, *categories per dimension), independence within an area."""
        result = self.population.astype(float)
        for dimension in self.dimensions:
            result = result[..., None] * self.shares[dimension].reshape(
                (len(self.population),) + (1,) * (result.ndim - 1) + (-1,)
            )
        return result

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(self.shares)


@dataclass
class Effects:
    """Intercept and per-dimension effects on the logit scale."""

    intercept: float
    effects: dict[str, np.ndarray]

    def logits(self, composition: Composition) -> np.ndarray:
        """Logit of the rate for every cell, broadcast to the shape of `composition.cells()`."""
        total = np.asarray(self.intercept, dtype=float)
        for axis, dimension in enumerate(composition.dimensions):
            shape = [1] * (len(composition.dimensions) + 1)
            shape[axis + 1] = -1
            total = total + self.effects[dimension].reshape(shape)
        return total


@dataclass(frozen=True)
class Targets:
    """What the fit must reproduce nationally.

    `total`: the national rate. `rates[dimension]`: published rates of a category, or of
    a group of categories (a tuple), e.g. all first-generation categories together.
    `odds[dimension][category]`: the fixed odds ratio of a category without a published
    rate to its dimension's reference category (odds ratio 1).
    """

    total: float
    rates: dict[str, dict[str | tuple[str, ...], float]] = field(default_factory=dict)
    odds: dict[str, dict[str, float]] = field(default_factory=dict)


def group_rates(counts: np.ndarray, persons: np.ndarray, axis: int, members: list[list[int]]) -> np.ndarray:
    """National rate of each group of categories of one dimension (axis without the area axis)."""
    other = tuple(i for i in range(persons.ndim) if i != axis + 1)
    by_category_counts, by_category_persons = counts.sum(axis=other), persons.sum(axis=other)
    return np.array([by_category_counts[m].sum() / by_category_persons[m].sum() for m in members])


def share_to_rate(composition: Composition, dimension: str, group: tuple[str, ...], share: float, total: float) -> float:
    """The rate within a group that makes it `share` of all low-literates, given the national total."""
    persons = composition.cells()
    axis = composition.dimensions.index(dimension)
    members = [composition.categories[dimension].index(category) for category in group]
    other = tuple(i for i in range(persons.ndim) if i != axis + 1)
    in_group = persons.sum(axis=other)[members].sum()
    return share * total * persons.sum() / in_group


def fit(
    composition: Composition, targets: Targets, *, start: Effects | None = None, tolerance: float = 1e-10, max_iterations: int = 20000
) -> Effects:
    """Effects that reproduce the national targets under the given composition.

    Iterative proportional fitting on the logit scale: each step moves the effect of a
    category (or of every category in a group) by the logit difference between its
    published and its modelled rate, then the intercept by the difference for the total.
    Converges for consistent targets; otherwise raises ValueError. With `start`, only the
    dimensions that have targets (and the intercept) move; the others keep their effects.
    """
    persons = composition.cells()
    if start is not None:
        state = Effects(start.intercept, {dimension: values.copy() for dimension, values in start.effects.items()})
    else:
        effects = {}
        for dimension in composition.dimensions:
            odds = targets.odds.get(dimension, {})
            effects[dimension] = np.array([np.log(odds.get(category, 1.0)) for category in composition.categories[dimension]])
        state = Effects(intercept=float(logit(targets.total)), effects=effects)
    plan = []
    for axis, dimension in enumerate(composition.dimensions):
        groups = list(targets.rates.get(dimension, {}).items())
        if groups:
            categories = composition.categories[dimension]
            members = [[categories.index(c) for c in ((group,) if isinstance(group, str) else group)] for group, _ in groups]
            plan.append((axis, dimension, members, np.array([rate for _, rate in groups])))
    for _ in range(max_iterations):
        worst = 0.0
        for axis, dimension, members, published in plan:
            modelled = group_rates(persons * expit(state.logits(composition)), persons, axis, members)
            steps = logit(published) - logit(modelled)
            for step, member in zip(steps, members):
                state.effects[dimension][member] += step
            worst = max(worst, float(np.abs(steps).max()))
        total = (persons * expit(state.logits(composition))).sum() / persons.sum()
        step = float(logit(targets.total) - logit(total))
        state.intercept += step
        worst = max(worst, abs(step))
        if worst < tolerance:
            return state
    raise ValueError("De nationale doelen zijn onderling niet verenigbaar; controleer de parametertabel.")


def calibrate_intercept(composition: Composition, effects: Effects, total: float) -> Effects:
    """Same effects, intercept set so that the national rate equals `total` exactly (bisection).

    Cells of areas with an unknown population (NaN) are left out: they get no estimate, and must not
    pull the others off (a NaN sum would make every comparison false and the intercept run away).
    """
    persons = composition.cells()
    known = np.isfinite(persons)
    if not known.any() or persons[known].sum() <= 0:
        raise ValueError("Geen enkel gebied heeft een bekende bevolking; het model kan niet worden gekalibreerd.")
    low, high = -30.0, 30.0
    for _ in range(200):
        middle = (low + high) / 2
        expected = persons * expit(Effects(middle, effects.effects).logits(composition))
        if expected[known].sum() / persons[known].sum() < total:
            low = middle
        else:
            high = middle
    intercept = (low + high) / 2
    if abs(intercept) > 29:  # stuck at a bound of the search: the target cannot be reached
        raise ValueError(f"Kalibratie op {100 * total:.1f}% lukt niet; controleer de parametertabel en de invoer.")
    return Effects(intercept, {k: v.copy() for k, v in effects.effects.items()})


def expected_counts(composition: Composition, effects: Effects) -> np.ndarray:
    """Expected number of low-literate persons per cell."""
    return composition.cells() * expit(effects.logits(composition))
