"""Advance payments (Abschläge) and the final run that offsets them.

A period's budget may be paid in several runs: advance runs pay at most a
set share of each bonus group's sub-budget on provisional results, and one
final run distributes the whole sub-budget on final results and offsets
what each person already received.

Rules (all amounts exact ``Decimal`` cents):

- ``advance_budget``: an advance run of a group may distribute at most
  ``floor(sub_budget x share / 100)`` (rounded *down* to the cent, so that
  the advances never exceed the share) minus what earlier advance runs of
  the group already distributed; never below 0.
- ``offset_advances`` distributes the whole sub-budget over the entries
  (``distribute``: points, minimum result, maximum payout, cents) and then
  offsets each person's advances:

  - ``mode="clawback"``: payout = share - advance. An advance above the share
    gives a negative payout: it is deducted with the final run.
  - ``mode="keep"``: an advance above the share is kept. The person's total
    is their advance (payout 0) and the others share the rest of the
    sub-budget by points; this repeats until no remaining person's share is
    below their advance (each round fixes at least one more person, so it
    ends after at most one round per person).

  In both modes Σ total + residual = sub-budget to the cent, where a
  person's total is what they receive from the budget over all runs
  (advance + payout) and the residual is the engine's residual (no
  eligible points).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from .distribution import Distribution, DistributionLine, Entry, Number, distribute
from .exceptions import InvalidInputError
from .rounding import MONEY_QUANTUM, money_cents, round_money, to_decimal

CLAWBACK = "clawback"
KEEP = "keep"
MODES = (CLAWBACK, KEEP)


def advance_budget(sub_budget: Number, share: Number, already: Number = 0) -> Decimal:
    """Most an advance run may still distribute in a group (Decimal cents).

    ``share`` is a percentage from 0 to 100; ``already`` what earlier
    advance runs of the group distributed.
    """
    budget = to_decimal(sub_budget, "sub-budget")
    money_cents(budget, "sub-budget")
    percent = to_decimal(share, "advance share")
    if percent > 100:
        raise InvalidInputError(
            f"The advance share must be at most 100 % (got {percent}).",
            item="advance share",
            value=percent,
            code="above_maximum",
            limit=100,
        )
    paid = to_decimal(already, "advances paid")
    cap = (budget * percent / 100).quantize(MONEY_QUANTUM, rounding=ROUND_DOWN)
    return max(cap - round_money(paid), Decimal("0.00"))


@dataclass(frozen=True)
class OffsetLine:
    """One person's final share and the offset of their advances.

    ``share`` is the share of the whole sub-budget before any advance is
    considered (what the person would get without advances), ``advance``
    what they received in advance runs, ``total`` what they receive from the
    budget over all runs and ``payout`` what the final run pays (total -
    advance; negative = deducted). ``kept`` is the part of the advance above
    the share that the person keeps (mode ``keep``), ``clawback`` the part
    deducted (mode ``clawback``), both >= 0. ``fixed`` is True when the
    person's total was fixed at their advance (mode ``keep``); ``line`` is
    then their line of the first distribution, else of the final one.
    """

    key: str
    share: Decimal
    advance: Decimal
    total: Decimal
    payout: Decimal
    kept: Decimal
    clawback: Decimal
    fixed: bool
    line: DistributionLine


@dataclass(frozen=True)
class AdvanceOffset:
    """Outcome of ``offset_advances``.

    ``distribution`` is the distribution over the people whose share was
    not fixed at their advance (its value per point is the final one);
    ``first`` the distribution of the whole sub-budget before the offset.
    ``lines`` follow the input order.
    """

    budget: Decimal
    mode: str
    first: Distribution
    distribution: Distribution
    lines: tuple[OffsetLine, ...]
    kept_total: Decimal
    clawback_total: Decimal
    residual: Decimal
    rounds: int

    def line_for(self, key: str) -> OffsetLine:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)


def offset_advances(
    budget: Number,
    entries: Iterable[Entry | tuple[str, Number, Number]],
    advances: Mapping[str, Number],
    *,
    mode: str = CLAWBACK,
    min_result: Number | None = None,
    max_payout: Number | None = None,
) -> AdvanceOffset:
    """Distribute ``budget`` over ``entries`` and offset ``advances`` (see module)."""
    if mode not in MODES:
        raise InvalidInputError(
            f"Unknown mode {mode!r} for advances above the final share.",
            item="mode",
            value=mode,
            code="invalid_choice",
        )
    items = list(entries)
    first = distribute(budget, items, min_result=min_result, max_payout=max_payout)
    total_budget = first.budget
    keys = [line.key for line in first.lines]
    paid = {}
    for key, value in advances.items():
        if key not in keys:
            raise InvalidInputError(
                f"An advance of {key!r} has no entry in the final distribution.",
                item=str(key),
                value=value,
                code="advance_without_entry",
            )
        amount = to_decimal(value, f"advance of {key}")
        money_cents(amount, f"advance of {key}")
        paid[key] = amount
    by_key = dict(zip(keys, items, strict=True))
    fixed: dict[str, Decimal] = {}
    current = first
    rounds = 1
    if mode == KEEP:
        while True:
            newly = [
                line.key
                for line in current.lines
                if paid.get(line.key, Decimal(0)) > line.amount
            ]
            if not newly:
                break
            for key in newly:
                fixed[key] = paid[key]
            rest = total_budget - sum(fixed.values(), Decimal(0))
            if rest < 0:
                raise InvalidInputError(
                    f"The advances kept ({sum(fixed.values(), Decimal(0))}) exceed "
                    f"the budget ({total_budget}).",
                    item="advances",
                    value=sum(fixed.values(), Decimal(0)),
                    code="advances_above_budget",
                    limit=total_budget,
                )
            current = distribute(
                rest,
                [by_key[key] for key in keys if key not in fixed],
                min_result=min_result,
                max_payout=max_payout,
            )
            rounds += 1
    lines = []
    for line in first.lines:
        advance = paid.get(line.key, Decimal("0.00"))
        if line.key in fixed:
            total = fixed[line.key]
            source = line
        else:
            source = current.line_for(line.key)
            total = source.amount
        payout = total - advance
        lines.append(
            OffsetLine(
                key=line.key,
                share=line.amount,
                advance=advance,
                total=total,
                payout=payout,
                kept=max(advance - line.amount, Decimal(0))
                if mode == KEEP
                else Decimal("0.00"),
                clawback=max(-payout, Decimal(0)),
                fixed=line.key in fixed,
                line=source,
            )
        )
    kept_total = sum((line.kept for line in lines), Decimal("0.00"))
    clawback_total = sum((line.clawback for line in lines), Decimal("0.00"))
    residual = total_budget - sum((line.total for line in lines), Decimal("0.00"))
    return AdvanceOffset(
        budget=total_budget,
        mode=mode,
        first=first,
        distribution=current,
        lines=tuple(lines),
        kept_total=kept_total,
        clawback_total=clawback_total,
        residual=residual,
        rounds=rounds,
    )
