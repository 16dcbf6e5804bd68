"""Bonus curves (Prämienkurven) of the variable-pay model (seed 004, maXzie).

A curve maps a goal's achievement (Zielerreichungsgrad, in percent) to a
payout rate (Prämienquote, in percent of the bonus at 100 %) and to one of
six rating levels (Bewertungsstufen).

Curve kinds:

* ``positive`` ("Standard Positiv"): rate 0 below the lower performance
  point, linear from the lower point to 100 % at 100 % achievement, linear
  (possibly steeper) to the upper point, flat above it (the cap).
* ``negative`` ("Standard Negativ", less is better): the mirror image; flat
  at the lower point's rate below it, linear through 100 % at 100 %
  achievement down to the upper point's rate, 0 above the upper point.
* ``steps``: the rate of the last point at or below the achievement, 0
  below the first point.
* ``table``: piecewise linear through the points HR draws, flat (first and
  last rate) outside them.

Rounding (stated): the achievement is ``actual / target × 100`` rounded to
4 decimals; the rate is the exact linear interpolation rounded to 4
decimals; both ROUND_HALF_UP (``divide_rounded``: the true quotient is
rounded once). Rounding is monotone, so a monotone curve stays monotone.

Rating levels: five strictly increasing achievement thresholds split the
axis into six half-open intervals ``[t_i, t_{i+1})``. For an increasing
curve the first interval is "far missed" and the last "far exceeded"; for a
``negative`` curve the order is reversed and the intervals are
``(t_i, t_{i+1}]`` (lower achievement is better). Each achievement lies in
exactly one interval.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .exceptions import InvalidInputError
from .rounding import FACTOR_QUANTUM, divide_rounded, to_decimal

__all__ = [
    "CURVE_KINDS",
    "DEFAULT_THRESHOLDS",
    "NEGATIVE",
    "POSITIVE",
    "RATING_LEVELS",
    "STEPS",
    "TABLE",
    "Curve",
    "achievement",
    "build_curve",
]

POSITIVE = "positive"
NEGATIVE = "negative"
STEPS = "steps"
TABLE = "table"
CURVE_KINDS = (POSITIVE, NEGATIVE, STEPS, TABLE)

#: The six rating levels, from worst to best.
RATING_LEVELS = (
    "far_missed",
    "missed",
    "narrowly_missed",
    "narrowly_reached",
    "exceeded",
    "far_exceeded",
)
#: Achievement thresholds (in %) where the levels 2..6 begin (increasing curve).
DEFAULT_THRESHOLDS = (
    Decimal(70),
    Decimal(90),
    Decimal(100),
    Decimal(110),
    Decimal(130),
)

#: Achievements and rates are kept to 4 decimals (percent).
RATE_QUANTUM = FACTOR_QUANTUM
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


def achievement(actual: object, target: object) -> Decimal:
    """Achievement in percent: ``actual / target × 100`` to 4 decimals.

    A target of 0 or below has no meaning and raises ``InvalidInputError``
    (code ``"zero_target"``); a negative actual value raises too.
    """
    actual_value = to_decimal(actual, "actual value")
    target_value = to_decimal(target, "target value", allow_negative=True)
    if target_value <= 0:
        raise InvalidInputError(
            "The target value must be greater than 0.",
            item="target value",
            value=target_value,
            code="zero_target",
        )
    return divide_rounded(actual_value * _HUNDRED, target_value, RATE_QUANTUM)


@dataclass(frozen=True)
class Curve:
    """A complete bonus curve: kind, points (achievement, rate), thresholds."""

    kind: str
    points: tuple[tuple[Decimal, Decimal], ...]
    thresholds: tuple[Decimal, ...]

    @property
    def decreasing(self) -> bool:
        """True for a less-is-better curve (its levels run the other way)."""
        return self.kind == NEGATIVE

    @property
    def cap(self) -> Decimal:
        """The highest rate the curve pays."""
        return max(rate for _a, rate in self.points)

    @property
    def monotone(self) -> bool:
        """True if more achievement never pays less (increasing curves)."""
        if self.decreasing:
            return False
        rates = [rate for _a, rate in self.points]
        return all(a <= b for a, b in itertools.pairwise(rates))

    def rate(self, value: object) -> Decimal:
        """The payout rate in percent for an achievement in percent."""
        a = to_decimal(value, "achievement")
        points = self.points
        first_a, first_r = points[0]
        last_a, last_r = points[-1]
        if self.kind == STEPS:
            rate = _ZERO
            for point_a, point_r in points:
                if a >= point_a:
                    rate = point_r
            return rate
        if a < first_a:
            return _ZERO if self.kind == POSITIVE else first_r
        if a > last_a:
            return _ZERO if self.kind == NEGATIVE else last_r
        for (a0, r0), (a1, r1) in itertools.pairwise(points):
            if a0 <= a <= a1:
                if a == a1:
                    return r1
                return r0 + divide_rounded((r1 - r0) * (a - a0), a1 - a0, RATE_QUANTUM)
        return last_r  # only one point and a equals it

    def level(self, value: object) -> str:
        """The rating level of an achievement (one of ``RATING_LEVELS``)."""
        a = to_decimal(value, "achievement")
        if self.decreasing:
            index = sum(1 for t in self.thresholds if a > t)
            return RATING_LEVELS[len(RATING_LEVELS) - 1 - index]
        index = sum(1 for t in self.thresholds if a >= t)
        return RATING_LEVELS[index]

    def graph(
        self, low: object = 0, high: object = None
    ) -> list[tuple[Decimal, Decimal]]:
        """Corner points of the curve between ``low`` and ``high`` (for a chart).

        Steps get two points per jump so a polyline draws the step.
        """
        low_d = to_decimal(low, "graph start")
        high_d = (
            to_decimal(high, "graph end")
            if high is not None
            else max(self.points[-1][0] + 30, Decimal(150))
        )
        xs = sorted(
            {low_d, high_d, *(a for a, _r in self.points if low_d <= a <= high_d)}
        )
        result = []
        for x in xs:
            if self.kind == STEPS or (self.kind == POSITIVE and x == self.points[0][0]):
                before = self.rate(x - RATE_QUANTUM) if x > low_d else None
                if before is not None and before != self.rate(x):
                    result.append((x, before))
            result.append((x, self.rate(x)))
            if self.kind == NEGATIVE and x == self.points[-1][0] and x < high_d:
                result.append((x, self.rate(x + RATE_QUANTUM)))
        return result


def _point_list(
    points: Iterable[tuple[object, object]], name: str
) -> tuple[tuple[Decimal, Decimal], ...]:
    result = []
    for index, (a, r) in enumerate(points, start=1):
        result.append(
            (
                to_decimal(a, f"{name}: achievement of point {index}"),
                to_decimal(r, f"{name}: rate of point {index}"),
            )
        )
    if not result:
        raise InvalidInputError(f"'{name}' has no points.", item=name, code="no_points")
    for index, ((a0, _r0), (a1, _r1)) in enumerate(itertools.pairwise(result), start=2):
        if a1 <= a0:
            raise InvalidInputError(
                f"The achievements of '{name}' must increase from point to point "
                f"(point {index}: {a1} after {a0}).",
                item=name,
                value=a1,
                code="points_not_increasing",
                limit=a0,
                other=index,
            )
    return tuple(result)


def _thresholds(values: Sequence[object] | None, name: str) -> tuple[Decimal, ...]:
    if values is None:
        return DEFAULT_THRESHOLDS
    result = tuple(
        to_decimal(v, f"{name}: threshold {i}") for i, v in enumerate(values, start=1)
    )
    if len(result) != len(RATING_LEVELS) - 1:
        raise InvalidInputError(
            f"'{name}' needs {len(RATING_LEVELS) - 1} level thresholds.",
            item=name,
            value=len(result),
            code="threshold_count",
        )
    for index, (t0, t1) in enumerate(itertools.pairwise(result), start=2):
        if t1 <= t0:
            raise InvalidInputError(
                f"The level thresholds of '{name}' must increase "
                f"(threshold {index}: {t1} after {t0}).",
                item=name,
                value=t1,
                code="thresholds_not_increasing",
                limit=t0,
                other=index,
            )
    return result


def build_curve(
    kind: str,
    *,
    lower: tuple[object, object] | None = None,
    upper: tuple[object, object] | None = None,
    points: Iterable[tuple[object, object]] = (),
    thresholds: Sequence[object] | None = None,
    name: str = "curve",
) -> Curve:
    """Build and check a curve.

    ``positive`` and ``negative`` take ``lower`` and ``upper``, each
    ``(achievement, rate)`` of the lower and the upper performance point;
    the lower point's achievement lies below 100, the upper's above.
    ``positive`` needs lower rate ≤ 100 ≤ upper rate, ``negative`` the
    reverse. ``steps`` and ``table`` take ``points`` with strictly
    increasing achievements.
    """
    if kind not in CURVE_KINDS:
        raise InvalidInputError(
            f"'{name}' has an unknown kind {kind!r}.",
            item=name,
            value=kind,
            code="unknown_kind",
        )
    levels = _thresholds(thresholds, name)
    if kind in (POSITIVE, NEGATIVE):
        if lower is None or upper is None:
            raise InvalidInputError(
                f"'{name}' needs a lower and an upper performance point.",
                item=name,
                code="missing",
            )
        lower_a = to_decimal(lower[0], f"{name}: achievement at the lower point")
        lower_r = to_decimal(lower[1], f"{name}: rate at the lower point")
        upper_a = to_decimal(upper[0], f"{name}: achievement at the upper point")
        upper_r = to_decimal(upper[1], f"{name}: rate at the upper point")
        if not lower_a < _HUNDRED < upper_a:
            raise InvalidInputError(
                f"The lower point of '{name}' must lie below 100 % achievement "
                "and the upper point above it.",
                item=name,
                value=(lower_a, upper_a),
                code="points_around_100",
            )
        increasing = lower_r <= _HUNDRED <= upper_r
        decreasing = lower_r >= _HUNDRED >= upper_r
        if (kind == POSITIVE and not increasing) or (
            kind == NEGATIVE and not decreasing
        ):
            raise InvalidInputError(
                f"The rates of '{name}' must run through 100 % in the curve's "
                "direction.",
                item=name,
                value=(lower_r, upper_r),
                code="rates_direction",
            )
        curve_points = ((lower_a, lower_r), (_HUNDRED, _HUNDRED), (upper_a, upper_r))
        return Curve(kind, curve_points, levels)
    return Curve(kind, _point_list(points, name), levels)
