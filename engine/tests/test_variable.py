"""Variable pay of one employee (``engine.variable``), seed 004 examples."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import InvalidInputError
from engine.curves import POSITIVE, build_curve
from engine.variable import (
    BONUS_ABSOLUTE,
    BONUS_RELATIVE,
    VARIABLE_SHARE,
    Remuneration,
    goal_pay,
    split_target,
    weight_gaps,
)

D = Decimal
d = dt.date
CURVE = build_curve(POSITIVE, lower=(80, 50), upper=(120, 150))
# Karl Müller: 48,000 / 25 % from 2005, 60,000 with 10,000 variable from
# 1.7.2012, not employed from 1.1.2015.
KARL = [
    Remuneration("2005", d(2005, 1, 1), d(2012, 6, 30), D(48000), D(12000)),
    Remuneration("2012", d(2012, 7, 1), d(2014, 12, 31), D(60000), D(10000)),
]


def pay(**kwargs):
    values = {
        "key": "Umsatz",
        "kind": VARIABLE_SHARE,
        "sections": KARL,
        "weight": 40,
        "curve": CURVE,
    }
    values.update(kwargs)
    return goal_pay(**values)


def test_split_target_seed():
    assert split_target(48000, percent=25) == (D("12000.00"), D("36000.00"))
    assert split_target(60000, amount=10000) == (D("10000.00"), D("50000.00"))
    with pytest.raises(InvalidInputError):
        split_target(48000, percent=25, amount=1)
    with pytest.raises(InvalidInputError) as error:
        split_target(48000, amount=50000)
    assert error.value.code == "above_maximum"


def test_weight_40_of_12000_is_4800_at_100():
    result = pay(date_from=d(2011, 1, 1), date_to=d(2011, 12, 31), achievement=100)
    assert result.bonus_at_100 == D("4800.00")
    assert result.rate == 100
    assert result.payout == D("4800.00")
    assert result.level == "narrowly_reached"


def test_curve_example_lower_and_upper_point():
    year = {"date_from": d(2011, 1, 1), "date_to": d(2011, 12, 31)}
    assert pay(achievement=79, **year).payout == D("0.00")
    assert pay(achievement=80, **year).payout == D("2400.00")  # 50 %
    assert pay(achievement=110, **year).payout == D("6000.00")  # 125 %
    assert pay(achievement=120, **year).payout == D("7200.00")  # 150 %
    assert pay(achievement=140, **year).payout == D("7200.00")  # capped


def test_2012_change_of_target_splits_the_goal_period():
    result = pay(date_from=d(2012, 1, 1), date_to=d(2012, 12, 31), achievement=100)
    # 12,000 x 182/366 + 10,000 x 184/366 = 10,994.5355... ; x 40 %
    assert [(p.key, p.paid_days, p.days_in_year) for p in result.parts] == [
        ("2005", 182, 366),
        ("2012", 184, 366),
    ]
    assert result.bonus_at_100 == D("4397.81")
    assert result.payout == D("4397.81")


def test_unpaid_leave_reduces_day_by_day():
    full = pay(date_from=d(2013, 1, 1), date_to=d(2013, 12, 31), achievement=100)
    assert full.bonus_at_100 == D("4000.00")
    # 31 days of unpaid leave in 2013: 334/365 of 4,000
    leave = pay(
        date_from=d(2013, 1, 1),
        date_to=d(2013, 12, 31),
        achievement=100,
        unpaid=[(d(2013, 3, 1), d(2013, 3, 31))],
    )
    assert leave.unpaid_days == 31
    assert leave.paid_days == 334
    assert leave.bonus_at_100 == D("3660.27")  # 4,000 x 334 / 365 = 3,660.2739...
    one_more = pay(
        date_from=d(2013, 1, 1),
        date_to=d(2013, 12, 31),
        achievement=100,
        unpaid=[(d(2013, 3, 1), d(2013, 4, 1))],
    )
    # one more day: 4,000 x 333/365 = 3,649.3150... -> 3,649.32
    assert one_more.bonus_at_100 == D("3649.32")


def test_leaving_mid_period_ends_the_bonus():
    # Goal 2014-07-01..2015-06-30; not employed from 1.1.2015.
    result = pay(date_from=d(2014, 7, 1), date_to=d(2015, 6, 30), achievement=100)
    assert result.paid_days == 184
    assert result.not_employed_days == 181
    assert result.bonus_at_100 == D("2016.44")  # 0.4 x 10,000 x 184/365


def test_bonus_on_top_relative_and_absolute():
    relative = pay(
        kind=BONUS_RELATIVE,
        weight=0,
        percent=5,
        date_from=d(2013, 1, 1),
        date_to=d(2013, 6, 30),
        achievement=100,
    )
    # 5 % of 60,000 x 181/365
    assert relative.bonus_at_100 == D("1487.67")
    absolute = pay(
        kind=BONUS_ABSOLUTE,
        weight=0,
        amount=400,
        date_from=d(2013, 1, 1),
        date_to=d(2013, 12, 31),
        achievement=80,
        unpaid=[(d(2013, 1, 1), d(2013, 1, 31))],
    )
    assert absolute.bonus_at_100 == D("366.03")  # 400 x 334/365
    assert absolute.payout == D("183.02")  # 50 % of 366.03, half up


def test_no_achievement_pays_nothing_yet():
    result = pay(date_from=d(2011, 1, 1), date_to=d(2011, 12, 31))
    assert result.bonus_at_100 == D("4800.00")
    assert result.payout == D("0.00")
    assert result.level is None


def test_overlapping_sections_are_refused():
    sections = [
        Remuneration("A", d(2020, 1, 1), d(2020, 6, 30), D(1), D(1)),
        Remuneration("B", d(2020, 6, 30), None, D(1), D(1)),
    ]
    with pytest.raises(InvalidInputError) as error:
        pay(date_from=d(2020, 1, 1), date_to=d(2020, 12, 31), sections=sections)
    assert (error.value.code, error.value.item, error.value.other) == (
        "overlap",
        "A",
        "B",
    )


def test_weight_gaps_name_the_days():
    goals = [
        ("Umsatz", d(2026, 1, 1), d(2026, 12, 31), 40),
        ("Projekt", d(2026, 1, 1), d(2026, 6, 30), 60),
    ]
    gaps = weight_gaps(goals, d(2026, 1, 1), d(2026, 12, 31))
    assert [(g.date_from, g.date_to, g.total, g.keys) for g in gaps] == [
        (d(2026, 7, 1), d(2026, 12, 31), D(40), ("Umsatz",))
    ]
    goals.append(("Service", d(2026, 7, 1), d(2026, 12, 31), 60))
    assert weight_gaps(goals, d(2026, 1, 1), d(2026, 12, 31)) == []


# ----------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------
days = st.integers(min_value=0, max_value=2000)


@given(days, days, st.integers(min_value=0, max_value=100))
def test_bonus_never_exceeds_the_full_time_bonus(start, length, weight):
    date_from = d(2005, 1, 1) + dt.timedelta(days=start)
    date_to = date_from + dt.timedelta(days=length)
    result = pay(date_from=date_from, date_to=date_to, weight=weight, achievement=100)
    assert result.paid_days + result.unpaid_days + result.not_employed_days == (
        result.days
    )
    assert sum(p.paid_days for p in result.parts) == result.paid_days
    # at most the weight of the higher variable salary for the time
    years = D(length + 1) / D(365)
    assert result.bonus_at_100 <= D(weight) / 100 * 12000 * years + D("0.01")
    assert result.payout == result.bonus_at_100


@given(
    st.integers(min_value=0, max_value=364),
    st.integers(min_value=0, max_value=364),
    st.decimals(min_value=0, max_value=300, places=2),
)
def test_more_unpaid_leave_never_pays_more(a, b, achieved):
    first, second = sorted((a, b))
    base = d(2013, 1, 1)
    shorter = pay(
        date_from=base,
        date_to=d(2013, 12, 31),
        achievement=achieved,
        unpaid=[(base, base + dt.timedelta(days=first))],
    )
    longer = pay(
        date_from=base,
        date_to=d(2013, 12, 31),
        achievement=achieved,
        unpaid=[(base, base + dt.timedelta(days=second))],
    )
    assert longer.payout <= shorter.payout
    assert longer.unpaid_days - shorter.unpaid_days == second - first


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=364),
            st.integers(min_value=0, max_value=364),
            st.integers(min_value=0, max_value=100),
        ),
        max_size=5,
    )
)
def test_weight_gaps_are_exactly_the_days_not_at_100(spans):
    start = d(2026, 1, 1)
    goals = []
    for index, (a, b, weight) in enumerate(spans):
        lo, hi = sorted((a, b))
        goals.append(
            (str(index), start + dt.timedelta(lo), start + dt.timedelta(hi), weight)
        )
    gaps = weight_gaps(goals, start, d(2026, 12, 31))
    for offset in range(365):
        day = start + dt.timedelta(offset)
        total = sum(w for _k, f, t, w in goals if f <= day <= t)
        in_gap = any(g.date_from <= day <= g.date_to for g in gaps)
        assert in_gap == (total != 100)
