"""Property tests of ``distribute`` (hypothesis)."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Entry, distribute

D = Decimal
CENT = D("0.01")

KEYS = st.text(alphabet="abcdefgh", min_size=1, max_size=3)


@st.composite
def decimals(draw, max_int, max_places):
    places = draw(st.integers(0, max_places))
    return D(draw(st.integers(0, max_int))).scaleb(-places)


@st.composite
def cases(draw):
    keys = draw(st.lists(KEYS, min_size=0, max_size=8, unique=True))
    # A small pool of point values makes ties and equal points frequent.
    pool = draw(st.lists(decimals(2000, 4), min_size=1, max_size=4))
    entries = [
        Entry(
            key,
            draw(st.integers(0, 100)),
            draw(st.one_of(st.sampled_from(pool), decimals(2000, 4))),
        )
        for key in keys
    ]
    budget = D(draw(st.integers(0, 2_000_000))).scaleb(-2)
    min_result = draw(st.one_of(st.none(), st.integers(0, 100)))
    max_payout = draw(
        st.one_of(st.none(), st.integers(0, 500_000).map(lambda c: D(c).scaleb(-2)))
    )
    return budget, entries, min_result, max_payout


def run(case):
    budget, entries, min_result, max_payout = case
    return distribute(budget, entries, min_result=min_result, max_payout=max_payout)


def reference(case):
    """Independent water-filling with Fractions, capping one entry at a time."""
    budget, entries, min_result, max_payout = case
    cap = None if max_payout is None else Fraction(max_payout)
    active = {
        e.key: Fraction(D(e.points))
        for e in entries
        if (min_result is None or e.result >= min_result) and D(e.points) > 0
    }
    capped = set()
    remaining = Fraction(budget)
    while active and cap is not None:
        total = sum(active.values())
        key = max(active, key=lambda k: (active[k], k))
        if active[key] * remaining / total <= cap:
            break
        capped.add(key)
        remaining -= cap
        del active[key]
    exact = {}
    if active:
        total = sum(active.values())
        exact = {k: p * remaining / total for k, p in active.items()}
    return capped, exact, remaining


PROPS = settings(max_examples=400, deadline=None)


@PROPS
@given(cases())
def test_balances_and_bounds(case):
    budget, entries, _, max_payout = case
    dist = run(case)
    amounts = [line.amount for line in dist.lines]
    assert sum(amounts, D(0)) + dist.residual == budget
    assert dist.residual >= 0
    for line in dist.lines:
        assert line.amount >= 0
        assert line.amount == line.amount.quantize(CENT)
        if max_payout is not None:
            assert line.amount <= max_payout
        if not line.eligible or line.points == 0:
            assert line.amount == 0
        assert line.rounding_adjustment in (D("0.00"), D("0.01"))
        assert line.amount == line.floored_amount + line.rounding_adjustment
    uncapped = [
        ln for ln in dist.lines if ln.eligible and ln.points > 0 and not ln.capped
    ]
    if uncapped:
        assert dist.residual == 0
    else:
        assert dist.residual == budget - dist.capped_total
        assert (dist.residual > 0) == (budget > 0 and dist.capped_total < budget)
    assert [ln.key for ln in dist.lines] == [e.key for e in entries]


@PROPS
@given(cases())
def test_more_points_never_pays_less(case):
    dist = run(case)
    eligible = [ln for ln in dist.lines if ln.eligible]
    for a in eligible:
        for b in eligible:
            if a.points > b.points:
                assert a.amount >= b.amount, (a, b)
            if a.points == b.points:
                assert abs(a.amount - b.amount) <= CENT


@PROPS
@given(cases(), st.randoms(use_true_random=False))
def test_deterministic_and_order_independent(case, rnd):
    budget, entries, min_result, max_payout = case
    first = run(case)
    assert run(case) == first
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    other = distribute(budget, shuffled, min_result=min_result, max_payout=max_payout)
    assert {ln.key: ln.amount for ln in other.lines} == {
        ln.key: ln.amount for ln in first.lines
    }
    assert other.residual == first.residual
    assert other.value_per_point == first.value_per_point


@PROPS
@given(cases())
def test_matches_fraction_reference(case):
    dist = run(case)
    capped, exact, remaining = reference(case)
    assert {ln.key for ln in dist.lines if ln.capped} == capped
    for line in dist.lines:
        if line.key in exact:
            share = exact[line.key]
            # Floored to the cent, at most one cent added.
            assert Fraction(line.floored_amount) <= share
            assert share - Fraction(line.floored_amount) < Fraction(1, 100)
            assert abs(Fraction(line.amount) - share) < Fraction(1, 100)
            # exact_amount carries 34 significant digits.
            assert abs(Fraction(line.exact_amount) - share) <= share / 10**32
    if exact:
        total = sum(Fraction(ln.points) for ln in dist.lines if ln.key in exact)
        assert Fraction(dist.total_points) == total
        vpp = remaining / total
        assert abs(Fraction(dist.value_per_point) - vpp) <= vpp / 10**32
    else:
        assert dist.value_per_point == 0
