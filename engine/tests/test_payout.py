"""Payout timing, sub-goals, advances and their settlement (``engine.payout``)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import InvalidInputError
from engine.curves import POSITIVE, build_curve
from engine.payout import (
    AFTER_GOAL,
    AFTER_SUBGOAL,
    ANY,
    CLAIM,
    CLAWBACK,
    GoalDelta,
    SubGoal,
    entitlement,
    month_postings,
    payable_from,
    split_bonus,
)

d = dt.date
D = Decimal
# rate = 2 × (achievement − 50) between 50 % and 150 %
LINEAR = build_curve(POSITIVE, lower=(50, 0), upper=(150, 200))


def months(year=2026, actuals=(), closed=0, target=100):
    """Twelve monthly sub-goals; the first len(actuals) have values, the
    first ``closed`` of them are closed."""
    subs = []
    for month in range(1, 13):
        start = d(year, month, 1)
        end = (
            d(year, month + 1, 1) if month < 12 else d(year + 1, 1, 1)
        ) - dt.timedelta(1)
        actual = D(actuals[month - 1]) if month <= len(actuals) else None
        subs.append(SubGoal(start, end, D(target), actual, month <= closed))
    return subs


def earned(
    subs, timing, as_of, independent=False, cumulative=True, delay=None, bonus=1200
):
    return entitlement(
        bonus_at_100=bonus,
        curve=LINEAR,
        date_from=d(2026, 1, 1),
        date_to=d(2026, 12, 31),
        subgoals=subs,
        independent=independent,
        cumulative=cumulative,
        timing=timing,
        as_of=as_of,
        delay=delay,
    )


def test_split_bonus_by_days_adds_up_to_the_cent():
    parts = split_bonus(D("1200.00"), months())
    assert parts[0] == D("101.92")  # 1200 × 31 / 365
    assert parts[1] == D("92.05")  # 1200 × 59 / 365 − 101.92
    assert sum(parts) == D("1200.00")


@settings(max_examples=200, deadline=None)
@given(
    bonus=st.decimals(min_value=0, max_value=10**7, places=2),
    cuts=st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=20),
)
def test_split_bonus_always_adds_up(bonus, cuts):
    start = d(2026, 1, 1)
    subs = []
    for length in cuts:
        end = start + dt.timedelta(length - 1)
        subs.append(SubGoal(start, end, D(1)))
        start = end + dt.timedelta(1)
    parts = split_bonus(bonus, subs)
    assert sum(parts) == bonus
    assert all(part >= 0 for part in parts)


def test_payable_from_is_the_next_day_plus_the_delay():
    assert payable_from(d(2026, 1, 31), None) == d(2026, 2, 1)
    assert payable_from(d(2026, 1, 31), ("months", 1)) == d(2026, 3, 1)
    assert payable_from(d(2026, 1, 31), ("days", 10)) == d(2026, 2, 11)


def test_after_goal_pays_nothing_before_the_goal_is_final():
    subs = months(actuals=[120] * 12, closed=11)
    assert earned(subs, AFTER_GOAL, d(2027, 1, 31)).amount == 0
    subs = months(actuals=[120] * 12, closed=12)
    result = earned(subs, AFTER_GOAL, d(2027, 1, 31))
    assert result.final
    assert result.amount == D("1680.00")  # rate 140 % × 1,200
    # with a delay of two months the January payroll pays nothing yet
    assert earned(subs, AFTER_GOAL, d(2027, 1, 31), delay=("months", 2)).amount == 0
    assert earned(subs, AFTER_GOAL, d(2027, 3, 31), delay=("months", 2)).final


def test_after_subgoal_pays_each_closed_period_at_the_next_payroll():
    # January closed at 80 % (rate 60 %): the February payroll pays 60 % of January
    subs = months(actuals=[80], closed=1)
    assert earned(subs, AFTER_SUBGOAL, d(2026, 1, 31)).amount == 0
    feb = earned(subs, AFTER_SUBGOAL, d(2026, 2, 28))
    assert feb.amount == D("61.15")  # 101.92 × 60 %
    assert not feb.final
    # an open value is not paid after its sub-goal period
    subs = months(actuals=[80, 120], closed=1)
    assert earned(subs, AFTER_SUBGOAL, d(2026, 3, 31)).amount == D("61.15")
    # cumulative: after February (80 + 120 of 200 = 100 %) both months at 100 %
    subs = months(actuals=[80, 120], closed=2)
    assert earned(subs, AFTER_SUBGOAL, d(2026, 3, 31)).amount == D("193.97")
    # independent: January at 60 %, February at 140 %
    result = earned(subs, AFTER_SUBGOAL, d(2026, 3, 31), independent=True)
    assert result.amount == D("190.02")  # 101.92 × 0.6 + 92.05 × 1.4 = 61.152 + 128.87


def test_after_subgoal_with_a_payout_delay():
    subs = months(actuals=[80], closed=1)
    assert earned(subs, AFTER_SUBGOAL, d(2026, 2, 28), delay=("months", 1)).amount == 0
    assert earned(subs, AFTER_SUBGOAL, d(2026, 3, 31), delay=("months", 1)).amount == D(
        "61.15"
    )


def test_any_time_pays_advances_at_the_assumed_then_the_latest_achievement():
    # no value yet: the January payroll pays January at the assumed 100 %
    jan = earned(months(), ANY, d(2026, 1, 31))
    assert jan.amount == D("101.92")
    assert jan.assumed and jan.advance == D("101.92")
    # mid-month: the days passed count
    assert earned(months(), ANY, d(2026, 1, 15)).amount == D("49.32")  # 101.92 × 15/31
    # an open January value of 80 % (rate 60 %) is the latest known achievement
    feb = earned(months(actuals=[80]), ANY, d(2026, 2, 28))
    assert feb.amount == D("116.38")  # (101.92 + 92.05) × 60 %
    assert not feb.assumed
    # once January is closed, it is paid as settled and February as advance
    feb = earned(months(actuals=[80], closed=1), ANY, d(2026, 2, 28))
    assert feb.amount == D("116.38")
    assert feb.advance == D("55.23")


def test_non_cumulative_kpi_compares_the_latest_value_with_the_latest_sub_goal():
    subs = months(actuals=[80, 120], closed=2)
    result = earned(subs, AFTER_SUBGOAL, d(2026, 3, 31), cumulative=False)
    assert result.achievement == D("120.0000")
    assert result.amount == D("271.56")  # 193.97 × 140 %


def test_final_cumulative_and_independent():
    actuals = [80] * 6 + [120] * 6
    subs = months(actuals=actuals, closed=12)
    assert earned(subs, ANY, d(2027, 1, 31)).amount == D("1200.00")  # 100 % overall
    independent = earned(subs, ANY, d(2027, 1, 31), independent=True)
    # first half at 60 %, second at 140 % of their day shares
    first = sum(split_bonus(D(1200), subs)[:6])
    assert independent.amount == (
        first * D("0.6") + (D(1200) - first) * D("1.4")
    ).quantize(D("0.01"))


def test_sub_goals_must_tile_the_goal_period():
    subs = months()
    with pytest.raises(InvalidInputError) as gap:
        earned(subs[:5] + subs[6:], ANY, d(2026, 1, 31))
    assert gap.value.code == "gap"
    overlapping = [
        *subs[:2],
        SubGoal(d(2026, 2, 15), d(2026, 3, 31), D(100)),
        *subs[3:],
    ]
    with pytest.raises(InvalidInputError) as overlap:
        earned(overlapping, ANY, d(2026, 1, 31))
    assert overlap.value.code == "overlap"
    with pytest.raises(InvalidInputError) as short:
        earned(subs[:11], ANY, d(2026, 1, 31))
    assert short.value.code == "gap"
    zero = [SubGoal(subs[0].date_from, subs[0].date_to, D(0)), *subs[1:]]
    with pytest.raises(InvalidInputError) as nothing:
        earned(zero, ANY, d(2026, 1, 31))
    assert nothing.value.code == "zero_target"
    with pytest.raises(InvalidInputError):
        earned(subs, "sometimes", d(2026, 1, 31))


def test_month_postings_clawback_is_limited_per_payslip():
    postings = month_postings([GoalDelta("a", D("-300"), True)], CLAWBACK, 100)
    assert [(p.amount, p.kind, p.open) for p in postings] == [
        (D("-100.00"), "clawback", D("200.00"))
    ]
    # another goal's payment is offset first
    postings = month_postings(
        [GoalDelta("a", D("-300"), True), GoalDelta("b", D("50"), False)], CLAWBACK, 100
    )
    assert sum(p.amount for p in postings) == D("-100.00")
    assert [p.kind for p in postings] == ["pay", "clawback"]
    # advances of goals that are not final stay
    assert month_postings([GoalDelta("a", D("-30"), False)], CLAWBACK, 100) == []


def test_month_postings_claim_deducts_nothing():
    postings = month_postings(
        [GoalDelta("a", D("-300"), True), GoalDelta("b", D("50"), False)], CLAIM, 100
    )
    assert [(p.key, p.amount, p.kind) for p in postings] == [
        ("b", D("50.00"), "pay"),
        ("a", D("-300.00"), "claim"),
    ]
    with pytest.raises(InvalidInputError):
        month_postings([], "forgive", 0)


def _run_year(actuals, mode, limit, timing=ANY):
    """Monthly payroll from January 2026 until nothing is open; returns the
    net posted per month, the claims and the final amount."""
    paid = D(0)
    nets, claims = [], D(0)
    month = d(2026, 1, 1)
    final = None
    for _ in range(100):
        nxt = d(month.year + month.month // 12, month.month % 12 + 1, 1)
        as_of = nxt - dt.timedelta(1)
        # a month's value is known (open) in its month, closed the month after
        known = sum(1 for i in range(12) if d(2026, i + 1, 1) <= as_of)
        closed = sum(1 for i in range(12) if d(2026, i + 1, 1) < month)
        result = earned(months(actuals=actuals[:known], closed=closed), timing, as_of)
        postings = month_postings(
            [GoalDelta("g", result.amount - paid, result.final)], mode, limit
        )
        net = sum((p.amount for p in postings if p.kind != "claim"), D(0))
        claims += sum((p.amount for p in postings if p.kind == "claim"), D(0))
        paid += net + sum((p.amount for p in postings if p.kind == "claim"), D(0))
        nets.append(net)
        if result.final:
            final = result.amount
            if paid == final:
                break
        month = nxt
    return nets, claims, final, paid


def test_an_advance_year_settled_with_a_claw_back():
    # assumed 100 % before the first value, January reports 150 % (advances
    # at 200 %), then the year ends at 60 %: the advances are clawed back
    # with at most 50 € per payslip
    actuals = [150] + [51] * 11
    nets, claims, final, paid = _run_year(actuals, CLAWBACK, 50)
    assert final == D("222.00")  # 711 of 1,200 = 59.25 %, rate 18.5 %
    # January at 200 % (its value of 150 %), February at the 100.5 % so far
    assert nets[:2] == [D("203.84"), D("92.97")]
    # the settlement of January 2027 deducts 50 €, February 24.81 €
    assert nets[12:] == [D("-50.00"), D("-24.81")]
    assert claims == 0
    assert paid == final == sum(nets)


def test_an_advance_year_settled_with_a_claim():
    actuals = [150] + [51] * 11
    nets, claims, final, _paid = _run_year(actuals, CLAIM, 150)
    assert claims < 0
    assert all(net >= 0 for net in nets)
    assert sum(nets) + claims == final


@settings(max_examples=60, deadline=None)
@given(
    actuals=st.lists(st.integers(min_value=0, max_value=200), min_size=12, max_size=12),
    limit=st.integers(min_value=50, max_value=500),
    mode=st.sampled_from([CLAWBACK, CLAIM]),
    timing=st.sampled_from([ANY, AFTER_SUBGOAL, AFTER_GOAL]),
)
def test_every_year_ends_at_the_final_bonus(actuals, limit, mode, timing):
    nets, claims, final, _paid = _run_year(actuals, mode, limit, timing)
    assert final is not None
    assert sum(nets) + claims == final
    if mode == CLAWBACK:
        assert claims == 0
        assert all(net >= -limit for net in nets)
    else:
        assert all(net >= 0 for net in nets)
