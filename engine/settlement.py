"""Settlement of a provisional pay line with the final result.

A provisional line was paid from a result that was not final yet. Once the
final result is known, the points follow from it with the line's factors;
the amount uses the value per point of the line's run: no new distribution,
so the difference lies outside the run's budget. The minimum result and
the maximum payout of the period still apply.
"""

from dataclasses import dataclass
from decimal import Decimal

from .prorata import points_for
from .rounding import round_money, to_decimal


@dataclass(frozen=True)
class Settlement:
    """Old and new payout of a provisional line (money rounded to cents)."""

    final_result: Decimal
    points: Decimal
    value_per_point: Decimal
    eligible: bool
    exact_amount: Decimal
    capped: bool
    before: Decimal
    after: Decimal

    @property
    def difference(self):
        """What the settlement pays (positive) or claims back (negative)."""
        return self.after - self.before


def settle(
    final_result,
    *,
    pay_factor,
    part_time,
    employed,
    value_per_point,
    paid_before,
    min_result=None,
    max_payout=None,
):
    """Settle with ``final_result``; ``paid_before`` is what the line paid from
    the run's budget (without carried amounts). ``min_result`` and
    ``max_payout`` are the period's limits (falsy: none)."""
    final = to_decimal(final_result, "result")
    points = points_for(
        final,
        pay_factor=to_decimal(pay_factor, "pay factor"),
        part_time=to_decimal(part_time, "part-time share"),
        employed=to_decimal(employed, "employed share"),
    ).points
    vpp = to_decimal(value_per_point, "value per point")
    eligible = bool(points) and not (
        min_result and final < to_decimal(min_result, "minimum result")
    )
    exact = points * vpp if eligible else Decimal(0)
    after = round_money(exact)
    capped = False
    if max_payout and after > to_decimal(max_payout, "maximum payout"):
        after = round_money(to_decimal(max_payout, "maximum payout"))
        capped = True
    return Settlement(
        final_result=final,
        points=points,
        value_per_point=vpp,
        eligible=eligible,
        exact_amount=exact,
        capped=capped,
        before=round_money(to_decimal(paid_before, "amount paid", allow_negative=True)),
        after=after,
    )
