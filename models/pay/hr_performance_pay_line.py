from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import clean_context

from ..common.bulk_insert import insert_rows
from ..common.hr_performance_workflow_mixin import Step

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
EDITABLE_STATES = ("draft", "computed")

#: Fields a user may edit on a line of a computed run (everything else is
#: written by the computation or through a correction).
USER_EDITABLE_FIELDS = {"pay_factor"}
#: States of the run in which a provisional line can be settled.
SETTLE_STATES = ("approved", "posted", "paid")


class HrPerformancePayLine(models.Model):
    """One employee's performance pay in a pay run, with its full breakdown."""

    _name = "hr.performance.pay.line"
    _description = "Performance Pay Line"
    _inherit = [
        "mail.thread",
        "hr.performance.employee.mixin",
        "hr.performance.workflow.mixin",
    ]
    _order = "run_id desc, group_id, employee_id, id"
    _rec_name = "employee_id"

    # A line follows its run's state: it is corrected while the run is
    # computed and settled once it is approved; it is locked with the run.
    _workflow_state_field = "run_state"
    _workflow_steps = {
        "correct": Step(("computed",), groups=(OFFICER_GROUP,)),
        "settle": Step(SETTLE_STATES, groups=(OFFICER_GROUP,)),
    }
    _workflow_locked_states = ("approved", "posted", "paid", "cancelled")
    _workflow_undeletable_states = ("approved", "posted", "paid")
    _workflow_depends = ("provisional", "line_type", "company_id")

    run_id = fields.Many2one(
        "hr.performance.pay.run", required=True, index=True, ondelete="cascade"
    )
    run_state = fields.Selection(related="run_id.state", string="Run Status")
    period_id = fields.Many2one(
        related="run_id.period_id", store=True, index=True, string="Period"
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    group_id = fields.Many2one(
        "hr.performance.bonus.group", "Bonus Group", required=True, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict"
    )
    result_id = fields.Many2one("hr.performance.result", "Performance Result")
    result = fields.Float(digits=(16, 2), readonly=True)
    provisional = fields.Boolean(
        readonly=True,
        help="The result was not final when the run was computed.",
    )
    pay_factor = fields.Float(
        digits=(16, 4),
        default=1.0,
        tracking=True,
        help="Optional individual factor on the points (1 = none).",
    )
    weekly_hours = fields.Float(digits=(16, 2), readonly=True)
    full_time_hours = fields.Float(digits=(16, 2), readonly=True)
    part_time_share = fields.Float(digits=(16, 4), readonly=True)
    employed_share = fields.Float("Share Employed", digits=(16, 4), readonly=True)
    employed_detail = fields.Json(readonly=True)
    points_computed = fields.Float("Computed Points", digits=(16, 4), readonly=True)
    points_corrected = fields.Boolean(readonly=True, tracking=True)
    points_correction = fields.Float(
        "Corrected Points", digits=(16, 4), readonly=True, tracking=True
    )
    points = fields.Float(digits=(16, 4), readonly=True)
    eligible = fields.Boolean(readonly=True)
    reason = fields.Selection(
        [
            ("below_minimum", "Below Minimum Result"),
            ("no_points", "No Points"),
            ("capped", "Capped at Maximum Payout"),
        ],
        readonly=True,
    )
    value_per_point = fields.Float(digits=(16, 6), readonly=True)
    exact_amount = fields.Float(digits=(16, 6), readonly=True)
    rounding_adjustment = fields.Monetary(
        "Rounding Cent", currency_field="currency_id", readonly=True
    )
    amount_distributed = fields.Monetary(
        "Distributed Amount", currency_field="currency_id", readonly=True
    )
    amount_initial = fields.Monetary(
        "Amount Before Corrections", currency_field="currency_id", readonly=True
    )
    amount_corrected = fields.Boolean(readonly=True, tracking=True)
    amount_correction = fields.Monetary(
        "Corrected Amount", currency_field="currency_id", readonly=True, tracking=True
    )
    amount = fields.Monetary(
        "Payout", currency_field="currency_id", readonly=True, tracking=True
    )
    amount_difference = fields.Monetary(
        "Difference",
        currency_field="currency_id",
        compute="_compute_amount_difference",
        help="Payout minus the amount before corrections.",
    )
    correction_reason = fields.Text(readonly=True, tracking=True)
    breakdown = fields.Json(readonly=True)
    line_type = fields.Selection(
        [("regular", "Regular"), ("difference", "Settlement Difference")],
        required=True,
        default="regular",
        readonly=True,
        index=True,
        help="A settlement difference line pays (or recovers) the difference "
        "of a provisional line whose run was already posted.",
    )
    settles_line_id = fields.Many2one(
        "hr.performance.pay.line",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The provisional line whose difference this line pays.",
    )
    difference_line_ids = fields.One2many(
        "hr.performance.pay.line", "settles_line_id", string="Difference Lines"
    )
    settled = fields.Boolean(readonly=True, tracking=True, copy=False)
    settled_date = fields.Date("Settled On", readonly=True, copy=False)
    settlement_mode = fields.Selection(
        [
            ("line", "Payout of This Line Changed"),
            ("difference_line", "Paid Now With a Difference Line"),
            ("next_run", "Carried Into the Next Run"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    settlement_result = fields.Float(
        "Final Result", digits=(16, 2), readonly=True, copy=False
    )
    settlement_points = fields.Float(
        "Points With the Final Result", digits=(16, 4), readonly=True, copy=False
    )
    settlement_amount_before = fields.Monetary(
        "Payout Before Settlement",
        currency_field="currency_id",
        readonly=True,
        copy=False,
    )
    settlement_amount_after = fields.Monetary(
        "Payout With the Final Result",
        currency_field="currency_id",
        readonly=True,
        copy=False,
    )
    settlement_difference = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False, tracking=True
    )
    settlement_reason = fields.Text(readonly=True, copy=False, tracking=True)
    carried_to_line_id = fields.Many2one(
        "hr.performance.pay.line",
        "Difference Carried Into",
        readonly=True,
        index=True,
        copy=False,
        ondelete="set null",
        help="The line of a later pay run that pays this line's settlement "
        "difference. Empty while the difference is still pending.",
    )
    carried_from_line_ids = fields.One2many(
        "hr.performance.pay.line",
        "carried_to_line_id",
        string="Carried-Over Differences",
    )
    carried_amount = fields.Monetary(
        "Carried-Over Difference",
        currency_field="currency_id",
        readonly=True,
        tracking=True,
        help="Settlement differences of provisional lines of earlier runs, "
        "paid (or offset) with this line on top of its distributed amount.",
    )
    amount_outside_budget = fields.Monetary(
        "Outside the Budget",
        currency_field="currency_id",
        readonly=True,
        help="Part of the payout that does not come from this run's budget: "
        "carried-over differences and settlement differences.",
    )

    run_type = fields.Selection(related="run_id.run_type", store=True, index=True)
    pay_model = fields.Selection(
        [
            ("points", "Performance Points (Budget)"),
            ("variable", "Variable Pay (Target Salary)"),
        ],
        default="points",
        required=True,
        readonly=True,
        index=True,
        help="Variable pay lines come from target salaries and bonus curves, "
        "not from the budget.",
    )
    result_assumed = fields.Boolean(
        "Assumed Result",
        readonly=True,
        help="The employee had no provisional result: the advance uses the "
        "result the period assumes.",
    )
    advance_amount = fields.Monetary(
        "Advances Offset",
        currency_field="currency_id",
        readonly=True,
        help="What the employee received in the advance runs of the period; "
        "the final run pays its share minus this.",
    )
    advance_kept = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Part of the advances above the final share that the employee "
        "keeps (period setting); the rest of the bonus group shares less.",
    )
    advance_clawback = fields.Monetary(
        "Advance Deducted",
        currency_field="currency_id",
        readonly=True,
        help="Part of the advances above the final share that the final run deducts.",
    )

    _sql_constraints = [
        (
            "run_employee_unique",
            "unique(run_id, employee_id, line_type)",
            "An employee has one line per pay run.",
        ),
    ]

    @api.depends("amount", "amount_initial", "amount_outside_budget")
    def _compute_amount_difference(self):
        for line in self:
            line.amount_difference = round(
                line.amount - line.amount_outside_budget - line.amount_initial, 2
            )

    @api.depends("employee_id")
    def _compute_display_name(self):
        for line in self:
            # sudo: the name of the line's employee, shown to whoever may read
            # the line (a portal user cannot read hr.employee and its images)
            line.display_name = line.sudo().employee_id.name or ""

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    def write(self, vals):
        # Internal writes of the computation come as superuser (the context
        # alone, which a caller sets, is not enough).
        internal = self.env.su and self.env.context.get("hrp_pay_internal")
        res = super().write(vals)
        if "pay_factor" in vals and not internal:
            self._refresh_points()
        return res

    def _workflow_free_fields(self):
        # The carry-over link is set when a later run pays the difference.
        return super()._workflow_free_fields() | {"carried_to_line_id"}

    def _workflow_check_fields(self, vals):
        if "pay_factor" in vals:
            self._workflow_check("correct")
            if not vals["pay_factor"] >= 0:  # also NaN
                raise UserError(self.env._("The pay factor must not be negative."))
        forbidden = {
            name
            for name in set(vals) - USER_EDITABLE_FIELDS
            if not name.startswith(("message_", "activity_"))
        }
        if forbidden:
            raise UserError(
                self.env._(
                    "Pay lines are computed: change points or amounts through "
                    "a correction with a reason."
                )
            )

    def _workflow_locked_message(self):
        return self.env._(
            "The pay line of %(employee)s belongs to the %(state)s pay run %(run)s "
            "and is locked.",
            employee=self.employee_id.name,
            state=self.run_id._state_label(),
            run=self.run_id.display_name,
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The pay line of %(employee)s belongs to an approved pay run and cannot "
            "be deleted.",
            employee=self.employee_id.name,
        )

    def _workflow_check(self, action):
        """Record rules first: only who may write the line corrects or settles."""
        if not self.env.su:
            self.check_access("write")
        return super()._workflow_check(action)

    def _workflow_group_message(self, action):
        if action == "settle":
            return self.env._("Only HR officers can settle provisional pay lines.")
        return self.env._("Only HR officers can correct pay lines.")

    def _workflow_precheck(self, action, context):
        if action == "settle" and (self.line_type != "regular" or not self.provisional):
            return self.env._(
                "The pay line of %(employee)s in %(run)s is not provisional: there "
                "is nothing to settle.",
                employee=self.employee_id.name,
                run=self.run_id.display_name,
            )
        return None

    def _workflow_state_message(self, action):
        if action == "correct":
            return self.env._(
                "The pay line of %(employee)s can only be corrected while the "
                "run is computed.",
                employee=self.employee_id.name,
            )
        if self.run_id.state == "computed":
            return self.env._(
                "The pay run %(run)s is not approved yet: take over the final "
                "result of %(employee)s with a correction or compute the run again.",
                run=self.run_id.display_name,
                employee=self.employee_id.name,
            )
        return self.env._(
            "The pay line of %(employee)s can only be settled once its run "
            "%(run)s is approved (it is %(state)s).",
            employee=self.employee_id.name,
            run=self.run_id.display_name,
            state=self.run_id._state_label(),
        )

    def _workflow_rights_reason(self, action, context):
        if self.company_id not in self.env.user.company_ids:
            return self.env._(
                "The pay line of %(employee)s belongs to another company.",
                employee=self.employee_id.name,
            )
        return None

    # ------------------------------------------------------------------
    # Settlement of provisional lines
    # ------------------------------------------------------------------
    def _hrp_payable(self):
        """Whether payroll may pay this line now (see ``hr.payslip``).

        Lines of posted runs with a payout date; settlement difference lines
        also once their run is paid. Negative amounts (an overpayment offset)
        are paid as a deduction.
        """
        self.ensure_one()
        states = ("posted", "paid") if self.line_type == "difference" else ("posted",)
        return bool(
            self.run_id.state in states
            and not self.payroll_paid
            and self.amount
            and self.run_id.payout_date
        )

    @api.model
    def _create_computed_lines(self, run, vals_list):
        """Insert the lines computed by ``run`` with ONE SQL statement.

        ``create()`` inserts 100 rows per statement, then recomputes the
        stored related fields (period, company, department, employee user)
        with one UPDATE per 100 rows after reading the employees in chunks of
        1,000: the queries of a pay run would grow with its employees.

        Computed lines need none of ``create()``'s side effects: the run
        creates them as superuser, they have no inverse fields, no computed
        fields besides the related ones filled in here, and no mail
        (tracking, followers and the creation message are off for them).
        So the values are completed as ``create()`` would store them
        (defaults, create/write user and date, related fields) and converted
        with the fields' own column conversion; the run's cached lines are
        invalidated afterwards. Returns the lines in the order of
        ``vals_list``. Falls back to ``create()`` if a module adds a field
        this method does not know how to fill.
        """
        if not vals_list:
            return self.browse()
        assert self.env.su, "computed pay lines are created as superuser"
        lines = self.with_context(
            clean_context(self.env.context),
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
        )
        employees = self.env["hr.employee"].browse(
            {vals["employee_id"] for vals in vals_list}
        )
        employees.fetch(["department_id", "user_id"])
        related = {
            "period_id": run.period_id.id,
            "company_id": run.company_id.id,
            "run_type": run.run_type,
        }
        completed = []
        for vals in vals_list:
            employee = employees.browse(vals["employee_id"])
            completed.append(
                dict(
                    vals,
                    **related,
                    department_id=employee.department_id.id,
                    employee_user_id=employee.user_id.id,
                )
            )
        # Monetary fields round with the currency of a record: one new line
        # of the run's company stands for all rows.
        created = insert_rows(lines, completed, {"company_id": run.company_id.id})
        if created is None:
            return lines.create(vals_list)
        # what create() does to the cache: the run's lines and everything
        # computed from them (totals) are read again
        run.invalidate_recordset(["line_ids"])
        run.modified(["line_ids"])
        return created

    # ------------------------------------------------------------------
    # Statement (Abrechnungserläuterung)
    # ------------------------------------------------------------------
