"""Monthly runs of variable pay: everything due for a payroll month
(advances, sub-goal periods, final settlements, claw-backs), set-based."""

import calendar
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...engine import EngineError
from ...engine.payout import GoalDelta, month_postings
from ...engine.rounding import round_money
from ..common.bulk_insert import insert_rows
from ..variable.basis import remuneration_basis
from ..variable.hr_goal import PAY_INPUT_FIELDS
from .hr_goal import PAYOUT_FIELDS

#: Agreement states whose goals are paid by monthly runs.
PAYING_STATES = ("agreed", "in_progress", "rating", "rated", "closed")
#: Run states whose postings count as paid.
COUNTED_STATES = ("approved", "posted", "paid")


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    run_type = fields.Selection(
        selection_add=[("monthly", "Monthly Run (Variable Pay)")],
        ondelete={"monthly": "cascade"},
    )
    payroll_month = fields.Date(
        tracking=True,
        help="Monthly runs: the month whose payroll pays what is due by its last day.",
    )
    entry_ids = fields.One2many(
        "hr.performance.variable.entry", "run_id", string="Postings per Goal"
    )
    claim_total = fields.Monetary(
        "Claims",
        compute="_compute_claim_total",
        help="Advances above the final bonus kept as claims against employees.",
    )

    @api.depends("entry_ids.amount", "entry_ids.kind")
    def _compute_claim_total(self):
        for run in self:
            run.claim_total = sum(
                entry.amount for entry in run.entry_ids if entry.kind == "claim"
            )

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["hr.performance.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        names = {period.id: period.name for period in periods}
        for vals in vals_list:
            if vals.get("run_type") != "monthly" or not vals.get("payroll_month"):
                continue
            month = fields.Date.to_date(vals["payroll_month"]).replace(day=1)
            vals["payroll_month"] = month
            vals.setdefault(
                "name",
                self.env._(
                    "Monthly Run %(month)s (%(period)s)",
                    month=month.strftime("%m/%Y"),
                    period=names.get(vals.get("period_id"), ""),
                ),
            )
            vals.setdefault("payout_date", month)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("payroll_month"):
            vals = dict(
                vals,
                payroll_month=fields.Date.to_date(vals["payroll_month"]).replace(day=1),
            )
        return super().write(vals)

    @api.constrains("run_type", "payroll_month", "period_id", "state")
    def _check_monthly(self):
        for run in self.filtered(lambda r: r.run_type == "monthly"):
            if not run.payroll_month:
                raise ValidationError(
                    self.env._(
                        "The monthly run %(name)s needs its payroll month.",
                        name=run.display_name,
                    )
                )
            if run.period_id.pay_variable_schedule != "monthly":
                raise ValidationError(
                    self.env._(
                        "The period %(period)s pays variable pay with its final "
                        "run: set its variable pay to monthly runs first.",
                        period=run.period_id.display_name,
                    )
                )
            if run.state != "cancelled" and self.search_count(
                [
                    ("id", "!=", run.id),
                    ("period_id", "=", run.period_id.id),
                    ("run_type", "=", "monthly"),
                    ("payroll_month", "=", run.payroll_month),
                    ("state", "!=", "cancelled"),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "The period %(period)s already has a monthly run for "
                        "%(month)s.",
                        period=run.period_id.display_name,
                        month=run.payroll_month.strftime("%m/%Y"),
                    )
                )

    def _workflow_check_fields(self, vals):
        if "payroll_month" in vals and any(run.state != "draft" for run in self):
            raise UserError(
                self.env._(
                    "The payroll month of a run can only change while it is draft."
                )
            )
        return super()._workflow_check_fields(vals)

    # ------------------------------------------------------------------
    # Order of the monthly runs
    # ------------------------------------------------------------------
    def _monthly_neighbours(self, later):
        # sudo: the other monthly runs of the period decide the step
        return self.sudo().search(
            [
                ("period_id", "=", self.period_id.id),
                ("run_type", "=", "monthly"),
                ("payroll_month", ">" if later else "<", self.payroll_month),
                ("state", "!=", "cancelled"),
            ]
        )

    def _cannot_compute_reason(self, context=None):
        if self.run_type != "monthly":
            return None
        pending = self._monthly_neighbours(later=False).filtered(
            lambda r: r.state in ("draft", "computed")
        )
        if pending:
            return self.env._(
                "The monthly run %(run)s of an earlier month is not approved yet: "
                "approve or cancel it first (this run offsets what it pays).",
                run=pending[0].display_name,
            )
        later = self._monthly_neighbours(later=True).filtered(
            lambda r: r.state not in ("draft",)
        )
        if later:
            return self.env._(
                "The monthly run %(run)s of a later month is already computed: "
                "months are paid in order.",
                run=later[0].display_name,
            )
        return None

    def _cannot_cancel_reason(self, context=None):
        reason = super()._cannot_cancel_reason(context)
        if reason or self.run_type != "monthly":
            return reason
        later = self._monthly_neighbours(later=True)
        if later.filtered(lambda r: r.state != "draft"):
            return self.env._(
                "A later monthly run offsets what %(name)s pays: cancel the later "
                "runs first.",
                name=self.display_name,
            )
        return None

    def _pays_variable_groups(self):
        # a period paying variable pay monthly leaves it out of its final run
        return (
            super()._pays_variable_groups()
            and self.period_id.pay_variable_schedule != "monthly"
        )

    # ------------------------------------------------------------------
    # The computation
    # ------------------------------------------------------------------
    def _compute_lines(self):
        if self.run_type != "monthly":
            return super()._compute_lines()
        return self._compute_monthly()

    def _monthly_as_of(self):
        month = self.payroll_month
        return month.replace(day=calendar.monthrange(month.year, month.month)[1])

    def _compute_monthly(self):
        """Lines and postings of a monthly run; a fixed number of queries
        whatever the number of employees and goals."""
        self.ensure_one()
        as_of = self._monthly_as_of()
        period = self.period_id
        groups = self._run_groups().filtered(
            lambda g: g.entitled and g.pay_model == "variable"
        )
        if not groups:
            raise UserError(
                self.env._(
                    "The monthly run %(name)s pays no bonus group: monthly runs pay "
                    "the groups with variable pay.",
                    name=self.display_name,
                )
            )
        scope, _contracts, _sections = self._scope()
        assignment = self._period_groups()._assign(scope)
        members = {eid: g for eid, g in assignment.items() if g in groups}
        agreements = self.env["hr.goal.agreement"].search_fetch(
            [
                ("period_id", "=", period.id),
                ("employee_id", "in", list(members)),
                ("pay_model", "=", "variable"),
                ("state", "in", PAYING_STATES),
            ],
            # the goals' related fields (state) read these: fetched at once
            ["employee_id", "name", "state", "pay_model"],
        )
        goals = self.env["hr.goal"].search_fetch(
            [
                ("agreement_id", "in", agreements.ids),
                ("goal_date_from", "<=", as_of),
            ],
            ["agreement_id", "name", "unit", *PAY_INPUT_FIELDS, *PAYOUT_FIELDS],
        )
        subgoals = self.env["hr.goal.subgoal"].search_fetch(
            [("goal_id", "in", goals.ids)],
            ["goal_id", "date_from", "date_to", "target"],
        )
        subs_by_goal = {}
        for sub in subgoals:
            subs_by_goal.setdefault(sub.goal_id.id, []).append(sub)
        values_all = goals._kpi_value_map(final=False)
        values_closed = goals._kpi_value_map(final=True)
        basis = remuneration_basis(
            # sudo: the compute step (checked) reads the members' contracts
            self.env(su=True),
            list(members),
            period.date_from,
            period.date_to,
        )
        paid = {
            goal.id: amount
            for goal, amount in self.env["hr.performance.variable.entry"]._read_group(
                [
                    ("goal_id", "in", goals.ids),
                    ("run_id", "!=", self.id),
                    ("run_id.state", "in", COUNTED_STATES),
                ],
                ["goal_id"],
                ["amount:sum"],
            )
        }
        mode = period.pay_overpayment
        limit = period.pay_clawback_limit
        goals_by_employee = {}
        for goal in goals:
            goals_by_employee.setdefault(goal.agreement_id.employee_id.id, []).append(
                goal
            )
        line_vals, entry_rows = [], []
        for employee_id, group in members.items():
            rows = {}
            deltas = []
            for goal in goals_by_employee.get(employee_id, []):
                try:
                    bonus = goal._engine_pay(basis, None).bonus_at_100
                    subs = goal._engine_subgoals(
                        values_all, values_closed, subs_by_goal.get(goal.id, [])
                    )
                    result = goal._engine_entitlement(bonus, subs, as_of)
                except EngineError as error:
                    raise UserError(
                        self.env._(
                            "The variable pay of the goal %(goal)s of %(employee)s "
                            "cannot be computed for %(month)s: %(reason)s",
                            goal=goal.name,
                            employee=goal.agreement_id.employee_id.name,
                            month=self.payroll_month.strftime("%m/%Y"),
                            reason=self._payout_reason(error, basis[employee_id]),
                        )
                    ) from error
                before = round_money(Decimal(str(paid.get(goal.id, 0.0))))
                rows[goal.id] = (goal, result, before)
                deltas.append(GoalDelta(goal.id, result.amount - before, result.final))
            postings = month_postings(deltas, mode, limit)
            if not postings:
                continue
            net = sum((p.amount for p in postings if p.kind != "claim"), Decimal(0))
            goal_rows = []
            for posting in postings:
                goal, result, before = rows[posting.key]
                goal_rows.append(
                    {
                        "goal_id": goal.id,
                        "name": goal.name,
                        "kind": posting.kind,
                        "earned": f"{result.amount:.2f}",
                        "paid_before": f"{before:.2f}",
                        "amount": f"{posting.amount:.2f}",
                        "open": f"{posting.open:.2f}",
                        "final": result.final,
                        "advance": f"{result.advance:.2f}",
                        "achievement": str(result.achievement)
                        if result.achievement is not None
                        else "",
                        "assumed": result.assumed,
                        "settled": result.settled,
                        "subgoals": len(subs_by_goal.get(goal.id, [])),
                    }
                )
                entry_rows.append((employee_id, goal, posting, result, before))
            amount = float(net)
            line_vals.append(
                {
                    **self._variable_line_base(employee_id, group, amount),
                    "breakdown": {
                        "model": "monthly",
                        "month": str(self.payroll_month),
                        "as_of": str(as_of),
                        "mode": mode,
                        "limit": f"{limit:.2f}",
                        "goals": goal_rows,
                        "amount": f"{net:.2f}",
                    },
                }
            )
        # sudo: the lines and postings of a computed run go with a recompute
        self.sudo().entry_ids.unlink()
        self.line_ids.unlink()
        lines = self.env["hr.performance.pay.line"]._create_computed_lines(
            self, line_vals
        )
        # the lines come back in the order of their values (reading their
        # employees would prefetch 1,000 lines a query)
        line_by_employee = {
            vals["employee_id"]: line_id
            for vals, line_id in zip(line_vals, lines.ids, strict=True)
        }
        self._insert_entries(entry_rows, line_by_employee)
        summary = {}
        for vals in line_vals:
            self._variable_summary_add(
                summary, members[vals["employee_id"]], vals["amount"]
            )
        values = {
            "group_summary": summary,
            "computed_date": fields.Datetime.now(),
            "computed_by_id": self.env.uid,
        }
        if self.state == "draft":
            values["state"] = "computed"
        self._workflow_write("compute", values)

    def _insert_entries(self, entry_rows, line_by_employee):
        Entry = self.env["hr.performance.variable.entry"]
        completed = [
            {
                "run_id": self.id,
                "line_id": line_by_employee[employee_id],
                "payroll_month": self.payroll_month,
                "company_id": self.company_id.id,
                "employee_id": employee_id,
                "goal_id": goal.id,
                "kind": posting.kind,
                "earned": float(result.amount),
                "paid_before": float(before),
                "amount": float(posting.amount),
                "open_amount": float(posting.open),
                "final": result.final,
                "advance": float(result.advance),
                "achievement": float(result.achievement or 0),
                "assumed": result.assumed,
            }
            for employee_id, goal, posting, result, before in entry_rows
        ]
        created = insert_rows(Entry, completed, {"company_id": self.company_id.id})
        if created is None:
            Entry.create(completed)
        self.invalidate_recordset(["entry_ids"])

    def _payout_reason(self, error, own_basis):
        if getattr(error, "item", "") == "sub-goals":
            if error.code == "zero_target":
                return self.env._("a sub-goal is 0.")
            return self.env._(
                "its sub-goal periods must cover the goal period without gaps "
                "or overlaps."
            )
        return self._variable_reason(error, own_basis)

    def _budget_changed_message(self):
        return super(
            HrPerformancePayRun, self.filtered(lambda r: r.run_type != "monthly")
        )._budget_changed_message()
