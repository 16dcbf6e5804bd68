"""Variable pay of one employee (seed 004, maXzie): target salary, variable
part, goal weights, bonus at 100 % pro rata and the payout of each goal.

Remuneration basis: dated sections that never overlap, each with the annual
target salary and the annual variable salary valid in it (from the
contracts). Days outside every section are not employed; unpaid-leave spans
(unpaid time off, parental leave) are not paid.

Bonus at 100 % of a goal (Prämie bei Zielerreichung):

* variable share: ``weight / 100 × Σ annual variable × paid days / days of
  that calendar year`` over the goal period;
* bonus on top, relative: ``percent / 100 × Σ annual target × paid days /
  days of the year``;
* bonus on top, absolute: ``amount × paid days / days of the goal period``.

Paid days are the goal's days that lie in a section and not in unpaid
leave: unpaid leave reduces the bonus day by day, leaving ends it (the
target value of the goal is not adjusted).

Rounding (stated): the bonus at 100 % is rounded once to the cent, the
payout is ``rate / 100 × bonus at 100 %`` rounded to the cent, both
ROUND_HALF_UP; an employee's total is the exact sum of the goals' payouts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .curves import Curve
from .exceptions import InvalidInputError
from .rounding import MONEY_QUANTUM, divide_rounded, quotient, round_money, to_decimal

__all__ = [
    "BONUS_ABSOLUTE",
    "BONUS_RELATIVE",
    "PAY_KINDS",
    "VARIABLE_SHARE",
    "GoalPay",
    "Remuneration",
    "SectionPart",
    "WeightGap",
    "goal_pay",
    "split_target",
    "weight_gaps",
]

VARIABLE_SHARE = "variable"
BONUS_RELATIVE = "bonus_relative"
BONUS_ABSOLUTE = "bonus_absolute"
PAY_KINDS = (VARIABLE_SHARE, BONUS_RELATIVE, BONUS_ABSOLUTE)
_HUNDRED = Decimal(100)
_ONE_DAY = dt.timedelta(days=1)


def split_target(
    target: object, *, percent: object = None, amount: object = None
) -> tuple[Decimal, Decimal]:
    """``(variable, fixed)`` of an annual target salary.

    The variable part is given as a percentage of the target or as an
    amount; 48,000 with 25 % gives (12,000.00, 36,000.00).
    """
    target_d = to_decimal(target, "target salary")
    if (percent is None) == (amount is None):
        raise InvalidInputError(
            "Give the variable part either as a percentage or as an amount.",
            item="variable part",
            code="variable_part_kind",
        )
    if percent is not None:
        percent_d = to_decimal(percent, "variable share")
        if percent_d > _HUNDRED:
            raise InvalidInputError(
                "The variable share must not exceed 100 %.",
                item="variable share",
                value=percent_d,
                code="above_maximum",
                limit=_HUNDRED,
            )
        variable = round_money(target_d * percent_d / _HUNDRED)
    else:
        variable = round_money(to_decimal(amount, "variable amount"))
        if variable > target_d:
            raise InvalidInputError(
                "The variable part must not exceed the target salary.",
                item="variable amount",
                value=variable,
                code="above_maximum",
                limit=target_d,
            )
    return variable, round_money(target_d - variable)


@dataclass(frozen=True)
class Remuneration:
    """One remuneration section: dates inclusive, annual figures in it."""

    key: str
    date_from: dt.date
    date_to: dt.date | None
    annual_target: Decimal
    annual_variable: Decimal


@dataclass(frozen=True)
class SectionPart:
    """The part of a goal period that one section pays, for the statement."""

    key: str
    date_from: dt.date
    date_to: dt.date
    days: int
    paid_days: int
    days_in_year: int
    annual_base: Decimal
    amount: Decimal  # exact, unrounded


@dataclass(frozen=True)
class GoalPay:
    """The pay of one goal with every figure of its statement."""

    key: str
    kind: str
    days: int
    paid_days: int
    unpaid_days: int
    not_employed_days: int
    parts: tuple[SectionPart, ...]
    base_for_time: Decimal  # variable (or target) salary for the time, 34 digits
    bonus_at_100: Decimal  # rounded to the cent
    achievement: Decimal | None
    rate: Decimal
    level: str | None
    payout: Decimal  # rounded to the cent


def _check_sections(sections: Iterable[Remuneration]) -> list[Remuneration]:
    result = sorted(sections, key=lambda s: s.date_from)
    for section in result:
        if section.date_to is not None and section.date_to < section.date_from:
            raise InvalidInputError(
                f"The section '{section.key}' ends before it starts.",
                item=section.key,
                code="dates_reversed",
            )
        to_decimal(section.annual_target, f"{section.key}: target salary")
        to_decimal(section.annual_variable, f"{section.key}: variable salary")
    for first, second in itertools.pairwise(result):
        if first.date_to is None or first.date_to >= second.date_from:
            raise InvalidInputError(
                f"The sections '{first.key}' and '{second.key}' overlap.",
                item=first.key,
                other=second.key,
                code="overlap",
            )
    return result


def _round_fraction(value: Fraction) -> Decimal:
    """An exact rational amount rounded once to the cent (ROUND_HALF_UP)."""
    return divide_rounded(value.numerator, value.denominator, MONEY_QUANTUM)


def _days_in_year(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1


def _paid_days(
    start: dt.date, end: dt.date, unpaid: Sequence[tuple[dt.date, dt.date]]
) -> int:
    """Days of ``start..end`` outside every unpaid span (spans may overlap)."""
    days = (end - start).days + 1
    cut = sorted(
        (max(u_from, start), min(u_to, end))
        for u_from, u_to in unpaid
        if u_from <= end and u_to >= start
    )
    covered = 0
    last_end = None
    for lo, hi in cut:
        if last_end is not None and lo <= last_end:
            lo = last_end + _ONE_DAY
        if lo > hi:
            continue
        covered += (hi - lo).days + 1
        last_end = hi if last_end is None else max(last_end, hi)
    return days - covered


def goal_pay(
    *,
    key: str,
    kind: str,
    date_from: dt.date,
    date_to: dt.date,
    sections: Iterable[Remuneration],
    unpaid: Sequence[tuple[dt.date, dt.date]] = (),
    weight: object = 0,
    percent: object = 0,
    amount: object = 0,
    curve: Curve | None = None,
    achievement: object = None,
) -> GoalPay:
    """Bonus at 100 % and payout of one goal (see the module docstring).

    Without an achievement (none known yet) the rate is 0 and so is the
    payout; the bonus at 100 % is still computed.
    """
    if kind not in PAY_KINDS:
        raise InvalidInputError(
            f"Unknown remuneration kind {kind!r} of goal '{key}'.",
            item=key,
            value=kind,
            code="unknown_kind",
        )
    if date_to < date_from:
        raise InvalidInputError(
            f"The goal '{key}' ends before it starts.",
            item=key,
            code="dates_reversed",
        )
    weight_d = to_decimal(weight, f"{key}: weight")
    percent_d = to_decimal(percent, f"{key}: bonus percent")
    amount_d = to_decimal(amount, f"{key}: bonus amount")
    if weight_d > _HUNDRED:
        raise InvalidInputError(
            f"The weight of goal '{key}' exceeds 100 %.",
            item=key,
            value=weight_d,
            code="above_maximum",
            limit=_HUNDRED,
        )
    checked = _check_sections(sections)
    total_days = (date_to - date_from).days + 1
    parts = []
    exact = Fraction(0)
    paid_total = 0
    employed_total = 0
    for section in checked:
        s_to = section.date_to or date_to
        lo = max(section.date_from, date_from)
        hi = min(s_to, date_to)
        if lo > hi:
            continue
        employed_total += (hi - lo).days + 1
        # Split at calendar years: each day weighs 1 / days of its year.
        year_start = lo
        while year_start <= hi:
            year_end = min(hi, dt.date(year_start.year, 12, 31))
            paid = _paid_days(year_start, year_end, unpaid)
            paid_total += paid
            base = (
                to_decimal(section.annual_variable, "variable salary")
                if kind == VARIABLE_SHARE
                else to_decimal(section.annual_target, "target salary")
            )
            in_year = _days_in_year(year_start.year)
            exact += Fraction(base) * paid / in_year
            parts.append(
                SectionPart(
                    key=section.key,
                    date_from=year_start,
                    date_to=year_end,
                    days=(year_end - year_start).days + 1,
                    paid_days=paid,
                    days_in_year=in_year,
                    annual_base=base,
                    amount=quotient(base * paid, in_year),
                )
            )
            year_start = year_end + _ONE_DAY
    if kind == VARIABLE_SHARE:
        bonus = _round_fraction(Fraction(weight_d) * exact / 100)
    elif kind == BONUS_RELATIVE:
        bonus = _round_fraction(Fraction(percent_d) * exact / 100)
    else:
        bonus = _round_fraction(Fraction(amount_d) * paid_total / total_days)
    base_for_time = quotient(exact.numerator, exact.denominator)
    achieved = None
    rate = Decimal(0)
    level = None
    if achievement is not None:
        achieved = to_decimal(achievement, f"{key}: achievement")
        if curve is not None:
            rate = curve.rate(achieved)
            level = curve.level(achieved)
        else:
            rate = achieved
    payout = round_money(rate * bonus / _HUNDRED)
    return GoalPay(
        key=key,
        kind=kind,
        days=total_days,
        paid_days=paid_total,
        unpaid_days=employed_total - paid_total,
        not_employed_days=total_days - employed_total,
        parts=tuple(parts),
        base_for_time=base_for_time,
        bonus_at_100=bonus,
        achievement=achieved,
        rate=rate,
        level=level,
        payout=payout,
    )


@dataclass(frozen=True)
class WeightGap:
    """Days on which the weights of the variable-share goals are not 100."""

    date_from: dt.date
    date_to: dt.date
    total: Decimal
    keys: tuple[str, ...]


def weight_gaps(
    goals: Iterable[tuple[str, dt.date, dt.date, object]],
    date_from: dt.date,
    date_to: dt.date,
) -> list[WeightGap]:
    """Spans of ``date_from..date_to`` whose goal weights do not add up to 100.

    ``goals`` are ``(key, date_from, date_to, weight)`` of the variable-share
    goals; the result is empty when every day is covered by exactly 100 %.
    """
    items = []
    cuts = {date_from, date_to + _ONE_DAY}
    for key, g_from, g_to, weight in goals:
        weight_d = to_decimal(weight, f"{key}: weight")
        items.append((key, g_from, g_to, weight_d))
        for day in (g_from, g_to + _ONE_DAY):
            if date_from < day <= date_to:
                cuts.add(day)
    bounds = sorted(cuts)
    gaps: list[WeightGap] = []
    for start, stop in itertools.pairwise(bounds):
        end = stop - _ONE_DAY
        active = [item for item in items if item[1] <= start and item[2] >= end]
        total = sum((item[3] for item in active), Decimal(0))
        if total == _HUNDRED:
            continue
        keys = tuple(item[0] for item in active)
        if (
            gaps
            and gaps[-1].total == total
            and gaps[-1].keys == keys
            and (gaps[-1].date_to + _ONE_DAY == start)
        ):
            gaps[-1] = WeightGap(gaps[-1].date_from, end, total, keys)
        else:
            gaps.append(WeightGap(start, end, total, keys))
    return gaps
