"""Pay run: the budget (entered or rate x base), sub-budgets per bonus group and the
budget base from the previous year's regular pay.
"""

import datetime as dt
from decimal import Decimal

from odoo import models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ...engine import distribute, round_money, to_decimal
from .hr_performance_pay_run import (
    CONTRACT_STATES,
    EDITABLE_STATES,
    SCOPE_CONTRACT_FIELDS,
)


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    def _fmt_amount(self, value):
        """An amount in the user's language and the run's currency."""
        return formatLang(self.env, float(value), currency_obj=self.currency_id)

    def _budget_decimal(self, base_total=None):
        self.ensure_one()
        if self.budget_mode == "amount":
            return round_money(
                to_decimal(self.budget_amount, "budget", allow_negative=True)
            )
        if base_total is None:
            base_total = sum(
                (to_decimal(b.base, "base") for b in self.base_ids), Decimal(0)
            )
        rate = to_decimal(self.budget_rate, "rate", allow_negative=True)
        return round_money(base_total * rate / 100)

    def _budget_changed_message(self):
        """Why the lines no longer fit the budget (approval refused), or None."""
        for run in self:
            summary = run.group_summary or {}
            if summary and all(g.get("variable") for g in summary.values()):
                continue  # variable pay only: no budget
            # An advance run distributes part of each group's budget; the
            # group's whole budget is its "full_budget".
            computed = sum(
                (
                    round_money(
                        to_decimal(
                            g.get("full_budget", g.get("sub_budget", 0.0)),
                            "sub-budget",
                        )
                    )
                    for g in summary.values()
                ),
                Decimal(0),
            )
            # sudo: the approver may read the run (HR administrators are HR
            # officers of its company, see _cannot_reason). Reading an x2many
            # as the user evaluates the run's record rules in Python, which
            # walks all pay lines (line_ids.employee_user_id, the employee and
            # manager rules) in chunks of 1,000: queries would grow with N.
            # sudo: the approver reads the run (see the comment above)
            groups = run.sudo().group_ids or run._period_groups()
            if computed != run._check_budget() and len(groups) == len(
                run._period_groups()
            ):
                return self.env._(
                    "The budget of pay run %(name)s changed after it was "
                    "computed. Compute it again before approving.",
                    name=run.display_name,
                )
        return None

    def _check_budget_editable(self):
        for run in self:
            if run.state not in EDITABLE_STATES:
                raise UserError(
                    self.env._(
                        "The budget base of pay run %(name)s is locked.",
                        name=run.display_name,
                    )
                )

    def _sub_budgets(self, groups, budget):
        """Sub-budget (Decimal) per group of the period; Σ = budget to the cent."""
        self.ensure_one()
        period = self.period_id
        if period.pay_sub_budget_mode == "amount":
            amounts = {
                g.id: round_money(to_decimal(g.sub_budget_amount, "sub-budget"))
                for g in groups
            }
            total = sum(amounts.values(), Decimal(0))
            if total != budget:
                raise UserError(
                    self.env._(
                        "The sub-budgets of the bonus groups of %(period)s add up "
                        "to %(total)s instead of the budget %(budget)s.",
                        period=period.display_name,
                        total=self._fmt_amount(total),
                        budget=self._fmt_amount(budget),
                    )
                )
            return amounts
        shares = {g.id: to_decimal(g.sub_budget_share, "share") for g in groups}
        total = sum(shares.values(), Decimal(0))
        if abs(total - 100) > Decimal("0.0001"):
            raise UserError(
                self.env._(
                    "The shares of the bonus groups of %(period)s add up to "
                    "%(total)s %% instead of 100 %%.",
                    period=period.display_name,
                    total=formatLang(self.env, float(total), digits=2),
                )
            )
        # Split the budget by share with the engine's cent rule (largest
        # remainder): the sub-budgets add up to the budget exactly.
        split = distribute(
            budget,
            [(str(gid), 0, share.normalize()) for gid, share in shares.items()],
        )
        return {int(line.key): line.amount for line in split.lines}

    def _check_budget(self):
        self.ensure_one()
        budget = self._budget_decimal()
        if budget <= 0:
            raise UserError(
                self.env._(
                    "The budget of pay run %(name)s must be greater than 0 "
                    "(it is %(budget)s).",
                    name=self.display_name,
                    budget=self._fmt_amount(budget),
                )
            )
        return budget

    def _do_compute_base(self):
        # sudo: HR (checked by the step) rebuilds the base from all contracts
        for run in self.sudo():
            year = run.period_id.date_from.year - 1
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            scope, _contracts, _sections = run._scope()
            manual = run.base_ids.filtered(lambda b: b.source == "manual")
            (run.base_ids - manual).unlink()
            kept = set(manual.employee_id.ids)
            contracts = (
                self.env["hr.contract"]
                # sudo: contract wages are the base; HR users may not read contracts
                .sudo()
                .search_fetch(
                    [
                        ("employee_id", "in", list(scope)),
                        ("state", "in", CONTRACT_STATES),
                        ("date_start", "<=", end),
                        "|",
                        ("date_end", "=", False),
                        ("date_end", ">=", start),
                    ],
                    SCOPE_CONTRACT_FIELDS,
                    order="date_start, id",
                )
            )
            days_in_year = (end - start).days + 1
            base, detail = {}, {}
            from_payslips = run._payslip_base(scope, start, end)
            for contract in contracts:
                if contract.employee_id.id in from_payslips:
                    continue
                lo = max(contract.date_start, start)
                hi = min(contract.date_end or end, end)
                days = (hi - lo).days + 1
                wage = to_decimal(contract.wage, "wage")
                amount = round_money(wage * 12 * days / days_in_year)
                key = contract.employee_id.id
                base[key] = base.get(key, Decimal(0)) + amount
                wage_text = f"{wage:.2f}"
                detail.setdefault(key, []).append(
                    self.env._(
                        "%(contract)s: %(wage)s x 12 x %(days)s/%(total)s days",
                        contract=contract.name,
                        wage=wage_text,
                        days=days,
                        total=days_in_year,
                    )
                )
            vals_list = []
            for employee_id in scope:
                if employee_id in kept:
                    continue
                if employee_id in from_payslips:
                    amount, count = from_payslips[employee_id]
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": float(round_money(to_decimal(amount, "base"))),
                            "source": "payslip",
                            "detail": self.env._(
                                "%(count)s payslip lines of %(year)s in the "
                                "categories %(codes)s",
                                count=count,
                                year=year,
                                codes=run.base_category_codes,
                            ),
                        }
                    )
                elif employee_id in base:
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": float(base[employee_id]),
                            "source": "contract",
                            "detail": "; ".join(detail[employee_id]),
                        }
                    )
                else:
                    vals_list.append(
                        {
                            "run_id": run.id,
                            "employee_id": employee_id,
                            "base": 0.0,
                            "source": "manual",
                            "detail": self.env._(
                                "No contract in %(year)s: enter the base manually.",
                                year=year,
                            ),
                        }
                    )
            # sudo: rows of the checked step; locked runs refuse them anyway
            self.env["hr.performance.budget.base"].sudo().create(vals_list)

    def _payslip_base(self, scope, start, end):
        """Regular pay per employee from done payslips: {id: (total, lines)}.

        One grouped query over the payslip lines of the configured salary
        rule categories; credit notes do not count.
        """
        self.ensure_one()
        codes = [
            code.strip()
            for code in (self.base_category_codes or "").split(",")
            if code.strip()
        ]
        if self.base_source != "payslip" or not codes or not scope:
            return {}
        groups = (
            self.env["hr.payslip.line"]
            # sudo: the previous year's payslips are the base; payroll data
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", list(scope)),
                    ("slip_id.state", "=", "done"),
                    ("slip_id.credit_note", "=", False),
                    ("slip_id.date_to", ">=", start),
                    ("slip_id.date_to", "<=", end),
                    ("category_id.code", "in", codes),
                ],
                ["employee_id"],
                ["total:sum", "__count"],
            )
        )
        return {employee.id: (total, count) for employee, total, count in groups}
