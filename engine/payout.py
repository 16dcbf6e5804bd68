"""Payout timing, sub-goals, advance payments and their settlement
(seed 004, maXzie: Auszahlungszeitpunkt, Teilziele, Abschlagszahlungen).

A variable goal's bonus at 100 % (``engine.variable.goal_pay``) is split
over its sub-goal periods (the KPI's report periods inside the goal period)
by days; the split is rounded cumulatively, so the parts add up to the bonus
to the cent.

Sub-goals are ``independent`` (each report period is a goal of its own: its
achievement is its actual value against its sub-goal, its part of the bonus
is paid at that period's rate) or cumulative (the achievement up to a period
is the actual value so far against the sub-goals so far: summed for a
cumulative KPI, the latest against the latest otherwise; the bonus so far is
paid at that rate).

A sub-goal period is *settled* when its value is closed and the payroll
date has reached the day after the period's end plus the payout delay. A
goal is *final* when every sub-goal period is settled.

``entitlement`` is what a goal has earned by a payroll date:

* final goal: its final payout (independent: the sum of the periods'
  payouts; cumulative: the rate of the whole goal period × the bonus);
* timing ``goal`` (after the goal period): nothing before it is final;
* timing ``subgoal`` (after each sub-goal period): the settled periods
  (independent: each at its rate; cumulative: the leading settled periods
  at the rate so far);
* timing ``any`` (any time): as ``subgoal`` plus an advance for the days of
  the other periods that have passed by the payroll date, at the latest
  known achievement (values not yet closed count) or, before the first
  value, at the assumed achievement.

Each term is exact; the sum is rounded once to the cent (ROUND_HALF_UP).

``month_postings`` turns the differences between what the goals of one
employee have earned and what was paid for them into one payroll month's
postings:

* a positive difference is paid;
* a negative difference of a goal that is not final is not deducted (the
  advance stays until the settlement; later months make up for it);
* a negative difference of a final goal (advances above the final bonus):
  mode ``clawback`` offsets it against the month's payments and deducts the
  rest, never more than ``limit`` in one payslip; what is left stays open
  and comes back next month. Mode ``claim`` keeps it as a claim against the
  employee, shown to HR, and deducts nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .curves import Curve, achievement
from .exceptions import InvalidInputError
from .periods import add_units
from .rounding import round_money, to_decimal

__all__ = [
    "AFTER_GOAL",
    "AFTER_SUBGOAL",
    "ANY",
    "CLAIM",
    "CLAWBACK",
    "TIMINGS",
    "Entitlement",
    "GoalDelta",
    "Posting",
    "SubGoal",
    "entitlement",
    "month_postings",
    "payable_from",
    "split_bonus",
]

ANY = "any"
AFTER_SUBGOAL = "subgoal"
AFTER_GOAL = "goal"
TIMINGS = (ANY, AFTER_SUBGOAL, AFTER_GOAL)
CLAWBACK = "clawback"
CLAIM = "claim"
_ONE_DAY = dt.timedelta(days=1)
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


@dataclass(frozen=True)
class SubGoal:
    """One sub-goal period: its dates, its sub-goal (in the KPI's unit, > 0),
    its value (None before one is known) and whether the value is closed."""

    date_from: dt.date
    date_to: dt.date
    target: Decimal
    actual: Decimal | None = None
    closed: bool = False

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1


@dataclass(frozen=True)
class Entitlement:
    """What a goal has earned by a payroll date."""

    amount: Decimal  # cents
    final: bool
    achievement: Decimal | None  # of the advance if any, else of the last settled
    assumed: bool  # an advance at the assumed achievement is part of it
    settled: int  # settled sub-goal periods
    advance: Decimal  # the part paid in advance (cents, within amount)


@dataclass(frozen=True)
class GoalDelta:
    """Earned minus paid of one goal in a payroll month."""

    key: object
    amount: Decimal
    final: bool


@dataclass(frozen=True)
class Posting:
    """One goal's posting of a payroll month: ``kind`` is ``pay``,
    ``clawback`` (a deduction) or ``claim`` (kept as a claim, not posted);
    ``open`` is what stays to be clawed back next month."""

    key: object
    amount: Decimal
    kind: str
    open: Decimal = _ZERO


def payable_from(day: dt.date, delay: tuple[str, int] | None) -> dt.date:
    """First payroll date on which a period ending on ``day`` is paid: the
    next day plus the payout delay."""
    start = day + _ONE_DAY
    if not delay or not delay[1]:
        return start
    return add_units(start, delay[0], delay[1])


def _check_subgoals(subgoals: Sequence[SubGoal], date_from, date_to) -> None:
    if not subgoals:
        raise InvalidInputError(
            "A goal needs at least one sub-goal period.",
            item="sub-goals",
            code="missing",
        )
    expected = date_from
    for sub in subgoals:
        if sub.date_to < sub.date_from:
            raise InvalidInputError(
                "A sub-goal period ends before it starts.",
                item="sub-goals",
                value=sub.date_from,
                code="dates_reversed",
            )
        if sub.date_from != expected:
            raise InvalidInputError(
                "The sub-goal periods overlap or leave a gap.",
                item="sub-goals",
                value=sub.date_from,
                code="overlap" if sub.date_from < expected else "gap",
                limit=expected,
            )
        if to_decimal(sub.target, "sub-goal") <= 0:
            raise InvalidInputError(
                "A sub-goal must be greater than 0.",
                item="sub-goals",
                value=sub.date_from,
                code="zero_target",
            )
        expected = sub.date_to + _ONE_DAY
    if expected != date_to + _ONE_DAY:
        raise InvalidInputError(
            "The sub-goal periods do not cover the goal period.",
            item="sub-goals",
            value=expected,
            code="gap",
            limit=date_to,
        )


def split_bonus(bonus: object, subgoals: Sequence[SubGoal]) -> list[Decimal]:
    """The bonus at 100 % split over the sub-goal periods by days, rounded
    cumulatively: the parts add up to the bonus to the cent."""
    total = round_money(to_decimal(bonus, "bonus at 100 %", allow_negative=True))
    days = sum(sub.days for sub in subgoals)
    parts = []
    done = 0
    before = _ZERO
    for sub in subgoals:
        done += sub.days
        upto = round_money(total * done / days)
        parts.append(upto - before)
        before = upto
    return parts


def _cumulative_achievement(subgoals: Sequence[SubGoal], cumulative: bool) -> Decimal:
    if cumulative:
        return achievement(
            sum((sub.actual for sub in subgoals), _ZERO),
            sum((sub.target for sub in subgoals), _ZERO),
        )
    return achievement(subgoals[-1].actual, subgoals[-1].target)


def entitlement(
    *,
    bonus_at_100: object,
    curve: Curve,
    date_from: dt.date,
    date_to: dt.date,
    subgoals: Sequence[SubGoal],
    independent: bool,
    cumulative: bool,
    timing: str,
    as_of: dt.date,
    delay: tuple[str, int] | None = None,
    assumed: object = 100,
) -> Entitlement:
    """What the goal has earned by the payroll date ``as_of`` (module doc)."""
    if timing not in TIMINGS:
        raise InvalidInputError(
            f"Unknown payout timing {timing!r}.",
            item="payout timing",
            value=timing,
            code="unknown_timing",
        )
    _check_subgoals(subgoals, date_from, date_to)
    assumed_d = to_decimal(assumed, "assumed achievement")
    shares = split_bonus(bonus_at_100, subgoals)
    settled = [
        sub.closed
        and sub.actual is not None
        and as_of >= payable_from(sub.date_to, delay)
        for sub in subgoals
    ]
    if all(settled):
        if independent:
            exact = sum(
                (
                    curve.rate(achievement(sub.actual, sub.target)) * share / _HUNDRED
                    for sub, share in zip(subgoals, shares, strict=True)
                ),
                _ZERO,
            )
            last = achievement(subgoals[-1].actual, subgoals[-1].target)
        else:
            last = _cumulative_achievement(subgoals, cumulative)
            exact = curve.rate(last) * sum(shares, _ZERO) / _HUNDRED
        return Entitlement(round_money(exact), True, last, False, len(subgoals), _ZERO)
    if timing == AFTER_GOAL:
        return Entitlement(_ZERO, False, None, False, sum(settled), _ZERO)
    exact = _ZERO
    last = None
    if independent:
        counted = list(settled)
        for sub, share, done in zip(subgoals, shares, settled, strict=True):
            if done:
                last = achievement(sub.actual, sub.target)
                exact += curve.rate(last) * share / _HUNDRED
    else:
        leading = 0
        while leading < len(subgoals) and settled[leading]:
            leading += 1
        counted = [index < leading for index in range(len(subgoals))]
        if leading:
            last = _cumulative_achievement(subgoals[:leading], cumulative)
            exact = curve.rate(last) * sum(shares[:leading], _ZERO) / _HUNDRED
    paid_settled = round_money(exact)
    used_assumed = False
    if timing == ANY:
        known = [sub for sub in subgoals if sub.actual is not None]
        if not known:
            advance_achievement = assumed_d
            used_assumed = True
        elif independent:
            advance_achievement = achievement(known[-1].actual, known[-1].target)
        else:
            advance_achievement = _cumulative_achievement(known, cumulative)
        advance_rate = curve.rate(advance_achievement)
        advanced = False
        for sub, share, done in zip(subgoals, shares, counted, strict=True):
            if done or as_of < sub.date_from:
                continue
            elapsed = (min(as_of, sub.date_to) - sub.date_from).days + 1
            exact += advance_rate * share * elapsed / sub.days / _HUNDRED
            advanced = True
        used_assumed = used_assumed and advanced
        if advanced:
            last = advance_achievement
    amount = round_money(exact)
    return Entitlement(
        amount, False, last, used_assumed, sum(settled), amount - paid_settled
    )


def month_postings(
    deltas: Sequence[GoalDelta], mode: str, limit: object
) -> list[Posting]:
    """One employee's postings of a payroll month (module doc).

    Payments come first, then deductions by the order of ``deltas``; the
    month's net posting is never below ``-limit`` in mode ``clawback``.
    """
    if mode not in (CLAWBACK, CLAIM):
        raise InvalidInputError(
            f"Unknown mode {mode!r} for advances above the final bonus.",
            item="overpayment",
            value=mode,
            code="unknown_mode",
        )
    limit_d = round_money(to_decimal(limit, "claw-back limit"))
    postings = []
    paid = _ZERO
    for delta in deltas:
        amount = round_money(
            to_decimal(delta.amount, "difference", allow_negative=True)
        )
        if amount > 0:
            postings.append(Posting(delta.key, amount, "pay"))
            paid += amount
    room = paid + limit_d
    for delta in deltas:
        amount = round_money(
            to_decimal(delta.amount, "difference", allow_negative=True)
        )
        if amount >= 0 or not delta.final:
            continue
        if mode == CLAIM:
            postings.append(Posting(delta.key, amount, "claim"))
            continue
        deducted = max(amount, -room)
        room += deducted
        postings.append(
            Posting(delta.key, deducted, "clawback", open=deducted - amount)
        )
    return postings
