import datetime as dt
from decimal import Decimal

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...engine import (
    to_decimal,
)
from ..common.hr_performance_workflow_mixin import Step

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
ADMIN_GROUP = "hr_performance.group_hr_performance_admin"
PAYROLL_GROUP = "payroll.group_payroll_user"

EDITABLE_STATES = ("draft", "computed")
CONTRACT_STATES = ("open", "close")
#: Fields the computation reads from contracts and employees, fetched in one
#: query each (see ``_scope``).
SCOPE_CONTRACT_FIELDS = [
    "name",
    "employee_id",
    "date_start",
    "date_end",
    "wage",
    "resource_calendar_id",
]
SCOPE_EMPLOYEE_FIELDS = [
    "active",
    "company_id",
    "name",
    "department_id",
    "job_id",
    "user_id",
    "resource_calendar_id",
]
#: Fields of the previous lines that a recomputation carries over.
KEPT_LINE_FIELDS = [
    "employee_id",
    "pay_factor",
    "points_corrected",
    "points_correction",
    "amount_corrected",
    "amount_correction",
    "correction_reason",
]


def _merge_spans(spans):
    """Union of inclusive (date_from, date_to) spans, sorted."""
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _weekly_hours(attendances, two_weeks):
    hours = sum(
        att.hour_to - att.hour_from
        for att in attendances
        if not att.display_type and att.day_period != "lunch" and not att.resource_id
    )
    return hours / 2 if two_weeks else hours


class HrPerformancePayRun(models.Model):
    """Performance pay run: turns the period's results into money.

    Budget (entered or rate x base), sub-budgets per bonus group, points per
    employee (result x pay factor x part-time share x employed share) and
    the engine's distribution per group (value per point, cents, residual).
    """

    _name = "hr.performance.pay.run"
    _description = "Performance Pay Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.performance.workflow.mixin"]
    _order = "id desc"

    # HR officers prepare, HR administrators approve, payroll posts and pays.
    # Only cancelling has no side effect; it is the one raw edge.
    _workflow_steps = {
        "compute": Step(("draft", "computed"), "computed", groups=(OFFICER_GROUP,)),
        "compute_base": Step(("draft", "computed"), groups=(OFFICER_GROUP,)),
        "approve": Step(("computed",), "approved", groups=(ADMIN_GROUP,)),
        "post": Step(("approved",), "posted", groups=(PAYROLL_GROUP,)),
        "mark_paid": Step(("posted",), "paid", groups=(PAYROLL_GROUP,)),
        # A payslip of the run was cancelled after it was done (payroll hook).
        "reopen_payment": Step(("paid",), "posted", groups=(PAYROLL_GROUP,)),
        # Who cancels depends on the state (see _workflow_rights_reason).
        "cancel": Step(("draft", "computed", "approved"), "cancelled", raw=True),
        "reset": Step(("computed", "cancelled"), "draft", groups=(OFFICER_GROUP,)),
    }
    _workflow_undeletable_states = ("approved", "posted", "paid")
    _workflow_locked_states = ("approved", "posted", "paid", "cancelled")
    _workflow_depends = ("company_id",)

    name = fields.Char(required=True, tracking=True)
    period_id = fields.Many2one(
        "hr.performance.period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    run_type = fields.Selection(
        [("final", "Final Run"), ("advance", "Advance Run (Abschlag)")],
        string="Type",
        required=True,
        default="final",
        tracking=True,
        help="Advance runs pay part of the budget on provisional results; the "
        "final run distributes the whole budget on final results and offsets "
        "the advances.",
    )
    advance_missing = fields.Text(
        "Without a Provisional Result",
        compute="_compute_advance_missing",
        help="Employees of an advance run who have no provisional result yet; "
        "the period decides whether they are skipped or get an advance on an "
        "assumed result.",
    )
    advance_missing_mode = fields.Selection(
        related="period_id.pay_advance_missing", string="Their Advance"
    )
    group_ids = fields.Many2many(
        "hr.performance.bonus.group",
        string="Only These Bonus Groups",
        domain="[('period_id', '=', period_id)]",
        help="Leave empty to pay every bonus group of the period.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("approved", "Approved"),
            ("posted", "Posted"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    budget_mode = fields.Selection(
        [("amount", "Entered Amount"), ("rate", "Rate of Base Pay")],
        required=True,
        default="amount",
        tracking=True,
    )
    budget_amount = fields.Monetary(
        "Entered Budget", currency_field="currency_id", tracking=True
    )
    budget_rate = fields.Float(
        "Budget Rate (%)", digits=(16, 4), default=2.0, tracking=True
    )
    base_source = fields.Selection(
        [
            ("payslip", "Done Payslips, Else Contracts"),
            ("contract", "Contracts"),
        ],
        string="Base From",
        required=True,
        default="payslip",
        help="Where the previous year's regular pay is taken from. Employees "
        "without done payslips fall back to their contracts; employees without "
        "either get a row to fill in manually.",
    )
    base_category_codes = fields.Char(
        "Salary Rule Categories in Base",
        default="BASIC",
        help="Comma-separated codes of the salary rule categories whose payslip "
        "lines count as regular pay, e.g. BASIC,ALW.",
    )
    base_ids = fields.One2many(
        "hr.performance.budget.base", "run_id", string="Budget Base"
    )
    base_total = fields.Monetary(
        "Total Base Pay", currency_field="currency_id", compute="_compute_budget"
    )
    budget = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_budget",
        help="Entered amount, or the rate applied to the total base pay "
        "(rounded to the cent).",
    )
    allow_provisional = fields.Boolean(
        "Allow Provisional Results",
        help="Employees whose result is not final (or missing) get a "
        "provisional line instead of stopping the computation.",
    )
    min_result = fields.Float(related="period_id.pay_min_result")
    max_payout = fields.Monetary(related="period_id.pay_max_payout")
    line_ids = fields.One2many("hr.performance.pay.line", "run_id", string="Pay Lines")
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Monetary(
        "Total Payout", currency_field="currency_id", compute="_compute_totals"
    )
    residual_total = fields.Monetary(
        "Residual",
        currency_field="currency_id",
        compute="_compute_totals",
        help="Budget minus the payouts of all lines from the budget: money left "
        "by the distribution or changed by amount corrections.",
    )
    outside_budget_total = fields.Monetary(
        "Settlement Differences",
        currency_field="currency_id",
        compute="_compute_totals",
        help="Paid on top of (or offset against) the budget: differences of "
        "settled provisional lines and differences carried over from earlier "
        "runs. Total payout = budget - residual + settlement differences.",
    )
    provisional_count = fields.Integer(compute="_compute_totals")
    advance_total = fields.Monetary(
        "Advances Offset",
        currency_field="currency_id",
        compute="_compute_totals",
        help="Advances paid earlier in the period that this final run offsets: "
        "total payout = budget - residual - advances offset + settlement "
        "differences.",
    )
    group_summary = fields.Json(readonly=True, copy=False)
    group_summary_html = fields.Html(
        "Bonus Groups Summary", compute="_compute_totals", sanitize=False
    )
    computed_date = fields.Datetime(readonly=True, copy=False)
    computed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(
        "Approved On", readonly=True, copy=False, tracking=True
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("budget_mode", "budget_amount", "budget_rate", "base_ids.base")
    def _compute_budget(self):
        for run in self:
            total = sum((to_decimal(b.base, "base") for b in run.base_ids), Decimal(0))
            run.base_total = float(total)
            run.budget = float(run._budget_decimal(total))

    @api.depends(
        "line_ids.amount",
        "line_ids.amount_outside_budget",
        "line_ids.provisional",
        "group_summary",
    )
    def _compute_totals(self):
        data = self.env["hr.performance.pay.line"]._read_group(
            [("run_id", "in", self.ids)],
            ["run_id", "group_id"],
            [
                "amount:sum",
                "__count",
                "amount_outside_budget:sum",
                "advance_amount:sum",
            ],
        )
        provisional = dict(
            self.env["hr.performance.pay.line"]._read_group(
                [("run_id", "in", self.ids), ("provisional", "=", True)],
                ["run_id"],
                ["__count"],
            )
        )
        for run in self:
            rows = [row for row in data if row[0] == run]
            # From the run's budget: the payouts without settlement
            # differences, plus the advances they offset (paid before).
            paid = {
                group.id: amount - outside + advance
                for _r, group, amount, _c, outside, advance in rows
            }
            run.line_count = sum(row[3] for row in rows)
            run.outside_budget_total = round(sum(row[4] for row in rows), 2)
            run.advance_total = round(sum(row[5] for row in rows), 2)
            run.amount_total = round(sum(row[2] for row in rows), 2)
            run.provisional_count = provisional.get(run, 0)
            summary = run.group_summary or {}
            budget = sum(g.get("sub_budget", 0.0) for g in summary.values())
            # Variable pay comes from target salaries, not from the budget.
            variable = {int(k) for k, g in summary.items() if g.get("variable")}
            from_budget = sum(v for gid, v in paid.items() if gid not in variable)
            run.residual_total = round(budget - from_budget, 2) if summary else 0.0
            run.group_summary_html = run._summary_html(summary, paid)

    def _summary_html(self, summary, paid):
        if not summary:
            return False
        header = [
            self.env._("Bonus Group"),
            self.env._("Sub-Budget"),
            self.env._("Points"),
            self.env._("Value per Point"),
            self.env._("Paid Out"),
            self.env._("Residual"),
        ]
        rows = []
        for group_id, values in summary.items():
            amount = paid.get(int(group_id), 0.0)
            if values.get("variable"):
                cells = [
                    values.get("name", ""),
                    self.env._("variable pay"),
                    "–",
                    "–",
                    f"{amount:.2f}",
                    "–",
                ]
                rows.append(
                    "<tr>"
                    + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
                    + "</tr>"
                )
                continue
            cells = [
                values.get("name", ""),
                f"{values.get('sub_budget', 0.0):.2f}",
                values.get("points", "0"),
                values.get("value_per_point", "0"),
                f"{amount:.2f}",
                f"{values.get('sub_budget', 0.0) - amount:.2f}",
            ]
            rows.append(
                "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>"
            )
        head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
        return (
            '<table class="table table-sm o_hrp_pay_summary"><thead><tr>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    @api.depends("run_type", "state", "period_id", "group_ids")
    def _compute_advance_missing(self):
        for run in self:
            run.advance_missing = False
            if (
                run.run_type != "advance"
                or run.state not in EDITABLE_STATES
                or not run.period_id
                or not isinstance(run.id, int)
            ):
                continue
            # sudo: HR prepares the run (the form is theirs); the names of
            # the run's own employees without a result are its input.
            names = run.sudo()._advance_missing_names()
            run.advance_missing = ", ".join(names) if names else False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.constrains("budget_amount", "budget_rate")
    def _check_budget_values(self):
        for run in self:
            # "not x >= 0" also refuses NaN
            if not run.budget_amount >= 0 or not run.budget_rate >= 0:
                raise ValidationError(
                    self.env._(
                        "The budget and the budget rate of pay run %(name)s must "
                        "not be negative.",
                        name=run.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["hr.performance.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        settings = {period.id: period for period in periods}
        for vals in vals_list:
            period = settings.get(vals.get("period_id"))
            if not period:
                continue
            if vals.get("run_type") == "advance":
                vals.setdefault(
                    "name", self.env._("Advance %(period)s", period=period.name)
                )
            vals.setdefault(
                "name",
                self.env._("Performance Pay %(period)s", period=period.name),
            )
            vals.setdefault("budget_mode", period.pay_budget_mode)
            vals.setdefault("budget_amount", period.pay_budget_amount)
            vals.setdefault("budget_rate", period.pay_budget_rate)
            vals.setdefault("allow_provisional", period.pay_allow_provisional)
            if vals.get("state", "draft") != "draft" and not self.env.su:
                raise UserError(self.env._("A pay run starts as draft."))
        return super().create(vals_list)

    def _workflow_system_fields(self):
        return super()._workflow_system_fields() | {
            "approved_by_id",
            "approved_date",
            "computed_date",
            "computed_by_id",
            "group_summary",
        }

    def _workflow_check_fields(self, vals):
        if "run_type" in vals and any(
            run.state != "draft" and run.run_type != vals["run_type"] for run in self
        ):
            raise UserError(
                self.env._(
                    "The type of a pay run can only be changed while it is draft: "
                    "reset it to draft first."
                )
            )
        return super()._workflow_check_fields(vals)

    def _cannot_cancel_reason(self, context=None):
        if self.run_type != "advance" or self.state != "approved":
            return None
        # sudo: whether a final run offsets this advance decides the step
        finals = self.sudo().search(
            [
                ("period_id", "=", self.period_id.id),
                ("run_type", "=", "final"),
                ("state", "!=", "cancelled"),
            ]
        )
        groups = self._run_groups()
        for final in finals:
            if final._run_groups() & groups:
                return self.env._(
                    "The final run %(run)s offsets the advance run %(name)s: "
                    "cancel or reset the final run first.",
                    run=final.display_name,
                    name=self.display_name,
                )
        return None

    def _workflow_locked_message(self):
        return self.env._(
            "The pay run %(name)s is %(state)s and locked: it can no longer be "
            "changed.",
            name=self.display_name,
            state=self._state_label(),
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The pay run %(name)s is approved and cannot be deleted.",
            name=self.display_name,
        )

    # ------------------------------------------------------------------
    # Actions (each runs one step of the workflow kernel)
    # ------------------------------------------------------------------
    def action_compute(self):
        """Compute (or recompute) the pay lines of the run."""
        return self._workflow_run("compute")

    def action_compute_base(self):
        """Rebuild the budget base from the contracts of the previous year."""
        return self._workflow_run("compute_base")

    def action_approve(self):
        return self._workflow_run("approve")

    def action_post(self):
        """Mark the run posted (called by the payroll integration)."""
        return self._workflow_run("post")

    def action_mark_paid(self):
        return self._workflow_run("mark_paid")

    def action_cancel(self):
        return self._workflow_run("cancel")

    def action_print_statements(self):
        """Print the statements of all lines of the runs."""
        lines = self.line_ids
        if not lines:
            raise UserError(
                self.env._(
                    "The pay run %(name)s has no pay lines to print.",
                    name=self[:1].display_name,
                )
            )
        return lines.action_print_statement()

    def action_reset(self):
        return self._workflow_run("reset")

    # ------------------------------------------------------------------
    # Who may do what (one place)
    # ------------------------------------------------------------------
    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env)).get(
            self.state, self.state
        )

    def _workflow_state_message(self, action):
        messages = {
            "compute": self.env._(
                "The pay run %(name)s can only be computed while draft or computed.",
                name=self.display_name,
            ),
            "compute_base": self.env._(
                "The budget base of pay run %(name)s can only be rebuilt while "
                "the run is draft or computed.",
                name=self.display_name,
            ),
            "approve": self.env._(
                "The pay run %(name)s can only be approved once it is computed "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "post": self.env._(
                "The pay run %(name)s can only be posted once it is approved "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "mark_paid": self.env._(
                "The pay run %(name)s can only be marked paid once it is posted "
                "(it is %(state)s).",
                name=self.display_name,
                state=self._state_label(),
            ),
            "cancel": self.env._(
                "The pay run %(name)s can only be cancelled before it is posted.",
                name=self.display_name,
            ),
            "reset": self.env._(
                "The pay run %(name)s can only be reset to draft when it is "
                "computed or cancelled.",
                name=self.display_name,
            ),
        }
        return messages.get(action) or super()._workflow_state_message(action)

    def _workflow_group_message(self, action):
        if action in ("post", "mark_paid", "reopen_payment"):
            return self.env._(
                "Only payroll officers can post pay runs or mark them paid."
            )
        if action == "approve":
            return self._admin_message()
        return self.env._("Only HR officers can prepare pay runs.")

    def _admin_message(self):
        return self.env._(
            "Only HR administrators can approve pay runs or cancel approved ones."
        )

    def _workflow_rights_reason(self, action, context):
        user = self.env.user
        if action == "cancel":
            if self.state == "approved" and not user.has_group(ADMIN_GROUP):
                return self._admin_message()
            if not user.has_group(OFFICER_GROUP):
                return self._workflow_group_message(action)
        if self.company_id not in user.company_ids:
            return self.env._(
                "The pay run %(name)s belongs to another company.",
                name=self.display_name,
            )
        if (
            action == "approve"
            and self.computed_by_id == user
            # sudo: the company's four-eyes setting decides, nothing is shown
            and self.sudo().company_id.hrp_pay_four_eyes
        ):
            return self.env._(
                "You computed the pay run %(name)s: another HR administrator "
                "approves it (four-eyes principle).",
                name=self.display_name,
            )
        return None

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _do_approve(self):
        # The approver approves lines of the budget as it stands now.
        message = self._budget_changed_message()
        if message:
            raise UserError(message)
        self._workflow_write(
            "approve",
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            },
        )

    def _do_cancel(self):
        self._workflow_write("cancel", {"state": "cancelled"})

    def _do_reset(self):
        for run in self:
            run._workflow_write("reset", {"state": "draft", "group_summary": False})
            # sudo: the lines of a computed or cancelled run go with its reset
            # (the officer may not delete lines one by one).
            run.sudo().line_ids.unlink()

    # ------------------------------------------------------------------
    # Scope, groups and budget
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Budget base (previous year's regular pay)
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # The computation (set-based)
    # ------------------------------------------------------------------
