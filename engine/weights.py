"""Weighted results: goals, goal levels and the combined performance result.

A weighted total is ``sum(value * weight / 100)`` over the items of one set.
The weights of a set must sum to exactly 100. Contributions are kept exact;
only the final total is rounded to 2 decimals (ROUND_HALF_UP).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .exceptions import InvalidInputError, WeightError
from .rounding import exact_arithmetic, round_result, to_decimal

__all__ = [
    "GoalResult",
    "LevelResult",
    "WeightedLine",
    "WeightedTotal",
    "combined_result",
    "goal_result",
    "weighted_total",
]

_HUNDRED = Decimal(100)

Item = tuple[object, object, object]


@dataclass(frozen=True)
class WeightedLine:
    """One item of a weighted set; ``contribution = value * weight / 100``."""

    key: object
    value: Decimal
    weight: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class WeightedTotal:
    """Result of a weighted set.

    ``exact`` is the unrounded sum of contributions, ``total`` is ``exact``
    rounded to 2 decimals (ROUND_HALF_UP).
    """

    set_name: str
    total: Decimal
    exact: Decimal
    lines: tuple[WeightedLine, ...]


@dataclass(frozen=True)
class LevelResult:
    """One goal level of a ``GoalResult``.

    ``result`` is the exact level result, ``result_rounded`` its 2-decimal
    display value, ``contribution = result * weight / 100`` (exact).
    ``skipped`` levels (weight 0, no goals) have result and contribution 0
    and ``detail`` None.
    """

    name: str
    weight: Decimal
    skipped: bool
    result: Decimal
    result_rounded: Decimal
    contribution: Decimal
    detail: WeightedTotal | None


@dataclass(frozen=True)
class GoalResult:
    """Goal result over all levels; ``total`` is ``exact`` rounded to 0.01."""

    total: Decimal
    exact: Decimal
    levels: tuple[LevelResult, ...]

    def level(self, name: str) -> LevelResult:
        """Return the breakdown of level ``name`` (KeyError if absent)."""
        for level in self.levels:
            if level.name == name:
                return level
        raise KeyError(name)


def _check_weight_sum(set_name: str, weights: Sequence[Decimal]) -> None:
    total = sum(weights, Decimal(0))
    if total != _HUNDRED:
        raise WeightError(set_name, total)


def weighted_total(
    items: Iterable[Item],
    *,
    set_name: str,
    scale_max: object = None,
) -> WeightedTotal:
    """Weight ``items`` ``(key, value, weight_percent)`` to one result.

    Weights must be >= 0 and sum to exactly 100 (``WeightError`` naming the
    set and the sum). Values must be >= 0 (``NegativeValueError``) and, when
    ``scale_max`` is given, <= ``scale_max`` (``InvalidInputError`` with
    code ``"above_scale_max"``). Keys must be unique within the set.
    Result: ``sum(value * weight / 100)``, rounded to 2 decimals
    (ROUND_HALF_UP) at the end only.
    """
    limit = None
    if scale_max is not None:
        limit = to_decimal(scale_max, f"{set_name}: scale maximum")
    lines: list[WeightedLine] = []
    seen: set[object] = set()
    with exact_arithmetic(set_name):
        for entry in items:
            try:
                key, raw_value, raw_weight = entry
            except (TypeError, ValueError):
                raise InvalidInputError(
                    f"Each item of '{set_name}' must be (key, value, weight) "
                    f"(got {entry!r}).",
                    item=set_name,
                    value=entry,
                    code="malformed_item",
                ) from None
            if key in seen:
                raise InvalidInputError(
                    f"'{key}' appears more than once in '{set_name}'.",
                    item=str(key),
                    code="duplicate_key",
                    other=set_name,
                )
            seen.add(key)
            value = to_decimal(raw_value, f"{set_name}: {key}")
            weight = to_decimal(raw_weight, f"{set_name}: weight of {key}")
            if limit is not None and value > limit:
                raise InvalidInputError(
                    f"The value of '{key}' in '{set_name}' is {value}, "
                    f"above the scale maximum {limit}.",
                    item=str(key),
                    value=value,
                    code="above_scale_max",
                    limit=limit,
                    other=set_name,
                )
            lines.append(WeightedLine(key, value, weight, value * weight / _HUNDRED))
        _check_weight_sum(set_name, [line.weight for line in lines])
        exact = sum((line.contribution for line in lines), Decimal(0))
    return WeightedTotal(
        set_name=set_name,
        total=round_result(exact),
        exact=exact,
        lines=tuple(lines),
    )


def goal_result(
    levels: Mapping[str, tuple[object, Iterable[Item]]],
    *,
    scale_max: object = None,
) -> GoalResult:
    """Weight goals within each level, then the levels, to one goal result.

    ``levels`` maps level name -> ``(level_weight_percent, items)`` with items
    ``(key, value, weight_percent)``. Within a level the goal weights sum to
    100 (set name = level name). The level weights sum to 100 (set name
    ``"goal levels"``). A level with weight 0 and no goals is skipped; a level
    with weight 0 and goals is computed and shown but contributes 0.
    Exact level results are used; only the total is rounded to 2 decimals
    (ROUND_HALF_UP).
    """
    results: list[LevelResult] = []
    with exact_arithmetic("goal levels"):
        for name, spec in levels.items():
            try:
                raw_weight, raw_items = spec
            except (TypeError, ValueError):
                raise InvalidInputError(
                    f"Level '{name}' must be given as (weight, items).",
                    item=str(name),
                    value=spec,
                    code="malformed_item",
                ) from None
            weight = to_decimal(raw_weight, f"goal levels: weight of {name}")
            items = list(raw_items)
            if weight == 0 and not items:
                zero = Decimal(0)
                results.append(
                    LevelResult(
                        name, weight, True, zero, round_result(zero), zero, None
                    )
                )
                continue
            detail = weighted_total(items, set_name=str(name), scale_max=scale_max)
            results.append(
                LevelResult(
                    name=name,
                    weight=weight,
                    skipped=False,
                    result=detail.exact,
                    result_rounded=detail.total,
                    contribution=detail.exact * weight / _HUNDRED,
                    detail=detail,
                )
            )
        _check_weight_sum("goal levels", [level.weight for level in results])
        exact = sum((level.contribution for level in results), Decimal(0))
    return GoalResult(total=round_result(exact), exact=exact, levels=tuple(results))


def combined_result(
    parts: Iterable[Item], *, set_name: str = "combined"
) -> WeightedTotal:
    """Combine partial results ``(key, value, weight_percent)`` to one result.

    E.g. goal result and assessment result with the period's weights. Same
    rules as ``weighted_total`` (weights sum to 100, rounded to 2 decimals at
    the end). Pass exact or rounded part values as the statement requires.
    """
    return weighted_total(parts, set_name=set_name)


@dataclass(frozen=True)
class RunningResult:
    """Result so far of an assessment being filled in (``running_result``).

    ``percent`` is None while nothing is rated; ``rated`` and ``total`` count
    the criteria.
    """

    points: Decimal | None
    percent: Decimal | None
    rated: int
    total: int


def running_result(
    groups: Iterable[tuple[object, Iterable[tuple[object, object]]]],
    scale_max: object,
) -> RunningResult:
    """Result so far: only rated criteria count, none as zero.

    ``groups`` are ``(group weight, [(score or None, criterion weight)])``.
    Within a group the rated criteria are averaged by their weights; the
    groups with a rated criterion are averaged by the group weights. When
    every criterion is rated this equals the final result (same weights,
    same rounding: points and percent to 0.01, ROUND_HALF_UP). Exact
    fractions are kept until the one final rounding.
    """
    maximum = to_decimal(scale_max, "scale maximum")
    if maximum <= 0:
        raise InvalidInputError(
            "The scale maximum must be greater than 0.",
            item="scale maximum",
            value=scale_max,
            code="zero",
        )
    rated = total = 0
    group_sum = Fraction(0)
    group_weights = Fraction(0)
    for group_weight, lines in groups:
        weight_g = Fraction(to_decimal(group_weight, "group weight"))
        line_sum = Fraction(0)
        line_weights = Fraction(0)
        for score, weight in lines:
            total += 1
            if score is None:
                continue
            weight_c = Fraction(to_decimal(weight, "weight"))
            line_sum += Fraction(to_decimal(score, "score")) * weight_c
            line_weights += weight_c
            rated += 1
        if line_weights:
            group_sum += line_sum / line_weights * weight_g
            group_weights += weight_g
    if not group_weights:
        return RunningResult(None, None, rated, total)
    exact = group_sum / group_weights
    points = _round_fraction(exact)
    percent = _round_fraction(exact * 100 / Fraction(maximum))
    return RunningResult(points, percent, rated, total)


def _round_fraction(value: Fraction) -> Decimal:
    """``value`` rounded ROUND_HALF_UP to 0.01 (one rounding of the exact value)."""
    scaled = value * 100
    sign = -1 if scaled < 0 else 1
    cents = int(abs(scaled) + Fraction(1, 2))
    return (Decimal(sign * cents) / 100).quantize(Decimal("0.01"))
