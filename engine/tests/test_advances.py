"""Advance runs and the final run that offsets them (``engine.advances``)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import Entry, InvalidInputError, NegativeValueError, distribute
from engine.advances import CLAWBACK, KEEP, advance_budget, offset_advances

D = Decimal


# ----------------------------------------------------------------------
# advance_budget
# ----------------------------------------------------------------------
def test_advance_budget_is_the_share_rounded_down():
    # 33 1/3 % of 1,000.00 = 333.3333... -> 333.33, never 333.34
    assert advance_budget("1000.00", D(100) / 3) == D("333.33")
    # 50 % of 10,000.01 = 5,000.005 -> 5,000.00
    assert advance_budget("10000.01", 50) == D("5000.00")


def test_advance_budget_subtracts_earlier_advances():
    assert advance_budget(10000, 50, "3000.00") == D("2000.00")
    assert advance_budget(10000, 50, "5000.00") == D("0.00")
    # Never negative, also when earlier advances exceed the share.
    assert advance_budget(10000, 40, "5000.00") == D("0.00")


def test_advance_budget_refuses_shares_above_100_and_negatives():
    with pytest.raises(InvalidInputError) as error:
        advance_budget(1000, "100.01")
    assert error.value.code == "above_maximum"
    with pytest.raises(NegativeValueError):
        advance_budget(1000, -1)
    with pytest.raises(NegativeValueError):
        advance_budget(-1, 50)


# ----------------------------------------------------------------------
# offset_advances: worked examples
# ----------------------------------------------------------------------
ENTRIES = [("a", 100, 100), ("b", 100, 100), ("c", 50, 50)]  # shares 4:4:2


def test_without_advances_the_offset_is_the_distribution():
    offset = offset_advances(1000, ENTRIES, {})
    assert [line.payout for line in offset.lines] == [
        D("400.00"),
        D("400.00"),
        D("200.00"),
    ]
    assert offset.residual == 0
    assert offset.rounds == 1


def test_clawback_deducts_an_advance_above_the_share():
    # c got 300.00 in advance (assumed result), but its final share is 200.00.
    offset = offset_advances(
        1000, ENTRIES, {"a": "250.00", "b": "250.00", "c": "300.00"}, mode=CLAWBACK
    )
    c = offset.line_for("c")
    assert (c.share, c.total, c.payout, c.clawback, c.kept) == (
        D("200.00"),
        D("200.00"),
        D("-100.00"),
        D("100.00"),
        D("0.00"),
    )
    assert offset.line_for("a").payout == D("150.00")
    # advances + final payouts = budget
    assert sum(line.advance + line.payout for line in offset.lines) == D("1000.00")
    assert offset.clawback_total == D("100.00")


def test_keep_lets_the_others_share_less():
    offset = offset_advances(
        1000, ENTRIES, {"a": "250.00", "b": "250.00", "c": "300.00"}, mode=KEEP
    )
    c = offset.line_for("c")
    assert (c.total, c.payout, c.kept, c.clawback) == (
        D("300.00"),
        D("0.00"),
        D("100.00"),
        D("0.00"),
    )
    # a and b share the remaining 700.00 by points: 350.00 each.
    assert offset.line_for("a").total == D("350.00")
    assert offset.line_for("a").payout == D("100.00")
    assert sum(line.total for line in offset.lines) == D("1000.00")
    assert offset.kept_total == D("100.00")
    assert offset.rounds == 2


def test_keep_repeats_until_nobody_is_below_the_advance():
    # d's advance fits the first share (250 <= 250) but not the share after
    # c's advance was kept: d is fixed in the second round.
    entries = [("c", 100, 10), ("d", 100, 100), ("e", 100, 100), ("f", 100, 190)]
    first = distribute(1000, entries)
    assert first.amount_for("d") == D("250.00")
    offset = offset_advances(1000, entries, {"c": "500.00", "d": "250.00"}, mode=KEEP)
    assert offset.rounds == 3
    d = offset.line_for("d")
    assert (d.total, d.payout, d.kept) == (D("250.00"), D("0.00"), D("0.00"))
    # e and f share 250.00 by points 100:190.
    assert offset.line_for("e").total + offset.line_for("f").total == D("250.00")
    assert all(line.payout >= 0 for line in offset.lines)


def test_ineligible_person_has_the_advance_deducted_or_kept():
    entries = [("a", 100, 100), ("low", 20, 100)]
    claw = offset_advances(1000, entries, {"low": "100.00"}, min_result=50)
    assert claw.line_for("low").payout == D("-100.00")
    assert claw.line_for("a").payout == D("1000.00")
    keep = offset_advances(1000, entries, {"low": "100.00"}, min_result=50, mode=KEEP)
    assert keep.line_for("low").payout == D("0.00")
    assert keep.line_for("a").payout == D("900.00")


def test_refuses_unknown_modes_and_advances_without_entry():
    with pytest.raises(InvalidInputError) as error:
        offset_advances(1000, ENTRIES, {}, mode="refund")
    assert error.value.code == "invalid_choice"
    with pytest.raises(InvalidInputError) as error:
        offset_advances(1000, ENTRIES, {"zz": 10})
    assert error.value.code == "advance_without_entry"
    with pytest.raises(InvalidInputError):
        offset_advances(1000, ENTRIES, {"a": "1.001"})
    with pytest.raises(NegativeValueError):
        offset_advances(1000, ENTRIES, {"a": "-1"})


def test_keep_refuses_advances_above_the_budget():
    with pytest.raises(InvalidInputError) as error:
        offset_advances(100, [("a", 0, 0), ("b", 100, 1)], {"a": "150.00"}, mode=KEEP)
    assert error.value.code == "advances_above_budget"


# ----------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------
@st.composite
def cases(draw):
    keys = draw(st.lists(st.sampled_from("abcdefghij"), max_size=8, unique=True))
    entries = [
        Entry(key, draw(st.integers(0, 150)), D(draw(st.integers(0, 20000))).scaleb(-2))
        for key in keys
    ]
    budget = D(draw(st.integers(0, 5_000_000))).scaleb(-2)
    share = draw(st.integers(0, 100))
    cap = advance_budget(budget, share)
    # Advances of a subset, together at most the advance budget.
    advances = {}
    left = cap
    for key in keys:
        if left and draw(st.booleans()):
            amount = D(draw(st.integers(0, int(left * 100)))).scaleb(-2)
            advances[key] = amount
            left -= amount
    min_result = draw(st.one_of(st.none(), st.integers(0, 100)))
    max_payout = draw(
        st.one_of(st.none(), st.integers(1, 2_000_000).map(lambda c: D(c).scaleb(-2)))
    )
    return budget, entries, advances, min_result, max_payout


@given(cases(), st.sampled_from([CLAWBACK, KEEP]))
def test_advances_and_payouts_add_up_to_the_budget(case, mode):
    budget, entries, advances, min_result, max_payout = case
    offset = offset_advances(
        budget,
        entries,
        advances,
        mode=mode,
        min_result=min_result,
        max_payout=max_payout,
    )
    for line in offset.lines:
        assert line.payout == line.total - line.advance
        assert line.payout.as_tuple().exponent >= -2
    assert sum(line.total for line in offset.lines) + offset.residual == budget
    assert (
        sum(line.advance + line.payout for line in offset.lines) + offset.residual
        == budget
    )
    assert offset.residual >= 0
    if mode == CLAWBACK:
        # The share is the plain distribution; nobody keeps more than it.
        plain = distribute(
            budget, entries, min_result=min_result, max_payout=max_payout
        )
        for line in offset.lines:
            assert line.total == line.share == plain.amount_for(line.key)
            assert line.kept == 0
    else:
        for line in offset.lines:
            # Nobody pays back; an advance above the share is kept whole.
            assert line.payout >= 0
            assert line.clawback == 0
            assert line.total >= line.advance
        assert offset.rounds <= len(entries) + 1
