"""Distribute a budget over people by points (TVöD points model).

Rules, in order:

1. Eligibility. An entry whose ``result`` is below ``min_result`` is not
   eligible (reason ``"below_minimum"``): payout 0, its points are not in the
   divisor. An eligible entry with 0 points gets 0 (reason ``"no_points"``).
2. Value per point and caps. Each round computes
   ``value per point = remaining budget / remaining points`` over the
   eligible, not yet capped entries with points. Every entry whose exact
   payout ``points * value per point`` would exceed ``max_payout`` is capped:
   it gets exactly ``max_payout`` (reason ``"capped"``) and leaves the
   divisor; the remaining budget is reduced by the caps. Rounds repeat until
   a round caps nobody. Caps never have to be undone: capping raises the value
   per point for the others.
3. Cents. Each uncapped payout is computed exactly (integer arithmetic) and
   floored to the cent. The remaining cents (budget - caps - sum of floored
   payouts) are an integer number smaller than the number of uncapped
   entries; they are handed out one cent each by largest remainder (exact
   share minus floored share), ties broken by more points first, then by key
   ascending (Python string order). Only entries with a non-zero remainder
   can receive a cent, so a cent never lifts a payout above ``max_payout``.
4. Residual. If no eligible uncapped entry with points is left (nobody
   eligible, total points 0, or everybody capped), the money that could not
   be paid is returned as ``residual``; otherwise ``residual`` is 0.

Guarantees: ``sum(amounts) + residual == budget`` exactly; no payout is
negative or above ``max_payout``; within one distribution an eligible entry
with more points never gets less (a larger share has a floor at least one
cent higher, or the same floor and a strictly larger remainder, so it is
served first; an entry with more points than a capped one is capped no later,
and uncapped payouts never exceed ``max_payout``). Results are
independent of the input order because the tie-break ends with the unique key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .exceptions import InvalidInputError
from .rounding import (
    VALUE_PER_POINT_DISPLAY_QUANTUM,
    divide_rounded,
    money_cents,
    quotient,
    to_decimal,
)

__all__ = [
    "BELOW_MINIMUM",
    "CAPPED",
    "NO_POINTS",
    "Distribution",
    "DistributionLine",
    "DistributionRound",
    "Entry",
    "distribute",
]

BELOW_MINIMUM = "below_minimum"
NO_POINTS = "no_points"
CAPPED = "capped"

Number = Decimal | int | str | float


@dataclass(frozen=True)
class Entry:
    """A person to be paid: unique ``key``, performance ``result``, ``points``."""

    key: str
    result: Number
    points: Number


@dataclass(frozen=True)
class DistributionLine:
    """Payout of one entry.

    ``exact_amount`` is the unrounded share (see ``rounding.quotient``),
    ``floored_amount`` the share floored to the cent, ``rounding_adjustment``
    the cent handed out (0.00 or 0.01), ``amount = floored + adjustment``
    (or ``max_payout`` when capped). ``cap_round`` is the round in which the
    entry was capped.
    """

    key: str
    result: Decimal
    points: Decimal
    eligible: bool
    reason: str | None
    exact_amount: Decimal
    floored_amount: Decimal
    rounding_adjustment: Decimal
    amount: Decimal
    capped: bool
    cap_round: int | None


@dataclass(frozen=True)
class DistributionRound:
    """One value-per-point round: money and points still to distribute."""

    number: int
    available: Decimal
    points: Decimal
    value_per_point: Decimal
    newly_capped: tuple[str, ...]


@dataclass(frozen=True)
class Distribution:
    """Outcome of ``distribute``.

    ``value_per_point`` is the exact value per point of the final round
    (applied to the uncapped entries; 0 when none is left) and
    ``value_per_point_display`` the same rounded to 6 decimals (HALF_UP).
    ``total_points`` are the eligible, uncapped points of the final round.
    ``lines`` follow the input order. ``rounds`` counts value-per-point
    rounds (0 when there were no eligible points).
    """

    budget: Decimal
    min_result: Decimal | None
    max_payout: Decimal | None
    value_per_point: Decimal
    value_per_point_display: Decimal
    total_points: Decimal
    lines: tuple[DistributionLine, ...]
    residual: Decimal
    rounds: int
    round_details: tuple[DistributionRound, ...]
    capped_total: Decimal
    distributed: Decimal
    cents_handed_out: int

    def line_for(self, key: str) -> DistributionLine:
        """Return the line of ``key`` (KeyError if unknown)."""
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def amount_for(self, key: str) -> Decimal:
        """Return the payout of ``key`` (KeyError if unknown)."""
        return self.line_for(key).amount

    def as_report(self) -> list[dict[str, object]]:
        """Explain every figure as plain dicts (Decimals as strings).

        One ``kind="summary"`` dict, then one ``kind="round"`` dict per round,
        then one ``kind="line"`` dict per entry in input order.
        """

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        report: list[dict[str, object]] = [
            {
                "kind": "summary",
                "budget": text(self.budget),
                "min_result": text(self.min_result),
                "max_payout": text(self.max_payout),
                "eligible_points": text(
                    sum((ln.points for ln in self.lines if ln.eligible), Decimal(0))
                ),
                "capped_count": sum(1 for ln in self.lines if ln.capped),
                "capped_total": text(self.capped_total),
                "total_points": text(self.total_points),
                "value_per_point": text(self.value_per_point),
                "value_per_point_display": text(self.value_per_point_display),
                "cents_handed_out": self.cents_handed_out,
                "distributed": text(self.distributed),
                "residual": text(self.residual),
                "rounds": self.rounds,
            }
        ]
        for rnd in self.round_details:
            report.append(
                {
                    "kind": "round",
                    "round": rnd.number,
                    "available": text(rnd.available),
                    "points": text(rnd.points),
                    "value_per_point": text(rnd.value_per_point),
                    "newly_capped": list(rnd.newly_capped),
                }
            )
        for ln in self.lines:
            report.append(
                {
                    "kind": "line",
                    "key": ln.key,
                    "result": text(ln.result),
                    "points": text(ln.points),
                    "eligible": ln.eligible,
                    "reason": ln.reason,
                    "capped": ln.capped,
                    "cap_round": ln.cap_round,
                    "exact_amount": text(ln.exact_amount),
                    "floored_amount": text(ln.floored_amount),
                    "rounding_adjustment": text(ln.rounding_adjustment),
                    "amount": text(ln.amount),
                }
            )
        return report


def _money(cents: int) -> Decimal:
    return Decimal(f"{cents}E-2")


def _as_entry(raw: Entry | tuple[str, Number, Number]) -> Entry:
    if isinstance(raw, Entry):
        return raw
    try:
        key, result, points = raw
    except (TypeError, ValueError):
        raise InvalidInputError(
            f"An entry must be Entry(key, result, points) (got {raw!r}).",
            item="entries",
            value=raw,
            code="malformed_item",
        ) from None
    return Entry(key, result, points)


def distribute(
    budget: Number,
    entries: Iterable[Entry | tuple[str, Number, Number]],
    *,
    min_result: Number | None = None,
    max_payout: Number | None = None,
) -> Distribution:
    """Distribute ``budget`` over ``entries`` by points (rules: module doc).

    ``budget`` and ``max_payout`` are >= 0 with at most 2 decimals; points
    and results >= 0; keys are unique strings. Raises ``NegativeValueError``
    or ``InvalidInputError`` naming the offending item.
    """
    budget_cents = money_cents(to_decimal(budget, "budget"), "budget")
    cap_cents: int | None = None
    if max_payout is not None:
        cap_cents = money_cents(to_decimal(max_payout, "max payout"), "max payout")
    minimum = None if min_result is None else to_decimal(min_result, "min result")

    items = [_as_entry(raw) for raw in entries]
    keys: set[str] = set()
    results: list[Decimal] = []
    points: list[Decimal] = []
    for item in items:
        if not isinstance(item.key, str) or not item.key:
            raise InvalidInputError(
                f"Entry keys must be non-empty strings (got {item.key!r}).",
                item=str(item.key),
                value=item.key,
                code="invalid_key",
            )
        if item.key in keys:
            raise InvalidInputError(
                f"Entry '{item.key}' appears more than once.",
                item=item.key,
                code="duplicate_key",
            )
        keys.add(item.key)
        results.append(to_decimal(item.result, f"{item.key}: result"))
        points.append(to_decimal(item.points, f"{item.key}: points"))

    count = len(items)
    eligible = [minimum is None or results[i] >= minimum for i in range(count)]
    # Scale all points to integers with one common power of ten.
    scale = max([0] + [-int(p.as_tuple().exponent) for p in points])
    units = [_scaled_int(p, scale) for p in points]

    active = [i for i in range(count) if eligible[i] and units[i] > 0]
    cap_round: dict[int, int] = {}
    remaining = budget_cents
    round_details: list[DistributionRound] = []
    while active:
        total_units = sum(units[i] for i in active)
        newly = []
        if cap_cents is not None:
            newly = [
                i for i in active if units[i] * remaining > cap_cents * total_units
            ]
        number = len(round_details) + 1
        round_details.append(
            DistributionRound(
                number=number,
                available=_money(remaining),
                points=_points(total_units, scale),
                value_per_point=_vpp(remaining, total_units, scale),
                newly_capped=tuple(items[i].key for i in newly),
            )
        )
        if not newly:
            break
        assert cap_cents is not None
        for i in newly:
            cap_round[i] = number
            remaining -= cap_cents
        capped_set = set(newly)
        active = [i for i in active if i not in capped_set]

    floors: dict[int, int] = {}
    adjust: set[int] = set()
    handed_out = 0
    total_units = sum(units[i] for i in active)
    if active:
        remainders: dict[int, int] = {}
        for i in active:
            floors[i], remainders[i] = divmod(units[i] * remaining, total_units)
        handed_out = remaining - sum(floors.values())
        order = sorted(active, key=lambda i: (-remainders[i], -units[i], items[i].key))
        adjust = set(order[:handed_out])
        residual_cents = 0
    else:
        residual_cents = remaining

    lines: list[DistributionLine] = []
    zero = _money(0)
    for i, item in enumerate(items):
        reason: str | None = None
        exact = Decimal(0)
        floored = zero
        extra = zero
        if not eligible[i]:
            reason = BELOW_MINIMUM
            amount = zero
        elif units[i] == 0:
            reason = NO_POINTS
            amount = zero
        elif i in cap_round:
            assert cap_cents is not None
            reason = CAPPED
            amount = floored = _money(cap_cents)
            exact = amount
        else:
            exact = quotient(units[i] * remaining, total_units * 100)
            floored = _money(floors[i])
            if i in adjust:
                extra = _money(1)
            amount = _money(floors[i] + (i in adjust))
        lines.append(
            DistributionLine(
                key=item.key,
                result=results[i],
                points=points[i],
                eligible=eligible[i],
                reason=reason,
                exact_amount=exact,
                floored_amount=floored,
                rounding_adjustment=extra,
                amount=amount,
                capped=i in cap_round,
                cap_round=cap_round.get(i),
            )
        )

    capped_total = len(cap_round) * (cap_cents or 0)
    vpp = _vpp(remaining, total_units, scale) if active else Decimal(0)
    return Distribution(
        budget=_money(budget_cents),
        min_result=minimum,
        max_payout=None if cap_cents is None else _money(cap_cents),
        value_per_point=vpp,
        value_per_point_display=(
            divide_rounded(
                remaining * 10**scale,
                total_units * 100,
                VALUE_PER_POINT_DISPLAY_QUANTUM,
            )
            if active
            else divide_rounded(0, 1, VALUE_PER_POINT_DISPLAY_QUANTUM)
        ),
        total_points=_points(total_units, scale),
        lines=tuple(lines),
        residual=_money(residual_cents),
        rounds=len(round_details),
        round_details=tuple(round_details),
        capped_total=_money(capped_total),
        distributed=_money(budget_cents - residual_cents),
        cents_handed_out=handed_out,
    )


def _scaled_int(value: Decimal, scale: int) -> int:
    """Return ``value * 10**scale`` as an exact int (must be integral)."""
    numerator, denominator = value.as_integer_ratio()
    scaled, rest = divmod(numerator * 10**scale, denominator)
    assert rest == 0
    return scaled


def _points(units: int, scale: int) -> Decimal:
    return Decimal(f"{units}E-{scale}")


def _vpp(cents: int, units: int, scale: int) -> Decimal:
    """Exact value per point: ``(cents / 100) / (units / 10**scale)``."""
    return quotient(cents * 10**scale, units * 100)
