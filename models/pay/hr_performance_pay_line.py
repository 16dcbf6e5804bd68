from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, clean_context
from odoo.tools.misc import format_date, formatLang

from ...engine import EngineError, points_for, round_money, to_decimal
from ..common.engine_messages import engine_error_message
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

    def _refresh_points(self):
        """Recompute points after a pay factor change and redistribute."""
        for line in self:
            try:
                points = points_for(
                    to_decimal(line.result, "result"),
                    pay_factor=to_decimal(line.pay_factor, "pay factor"),
                    part_time=to_decimal(line.part_time_share, "part-time share"),
                    employed=to_decimal(line.employed_share, "employed share"),
                )
            except EngineError as error:
                raise UserError(engine_error_message(self.env, error)) from error
            values = {"points_computed": float(points.points)}
            if not line.points_corrected:
                values["points"] = float(points.points)
            line.sudo().with_context(hrp_pay_internal=True).write(values)
        for run in self.run_id:
            run.sudo()._redistribute(
                self.filtered(lambda ln, r=run: ln.run_id == r).group_id
            )

    def _apply_correction(self, kind, value, reason):
        """Correct points, amount or take over the final result, with a reason.

        A points (or result) correction redistributes the group; an amount
        correction overrides the payout and the group's residual shows the
        difference.
        """
        self.ensure_one()
        self._workflow_check("correct")
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("A correction of a pay line needs a reason."))
        if value is not None and value < 0:
            raise UserError(self.env._("A corrected value must not be negative."))
        before = self.amount
        line = self.sudo().with_context(hrp_pay_internal=True)
        if kind == "amount":
            line.write(
                {
                    "amount_corrected": True,
                    "amount_correction": value,
                    "amount": round(value + self.carried_amount, 2),
                    "correction_reason": reason,
                }
            )
            breakdown = dict(line.breakdown or {}, amount=f"{value:.2f}")
            breakdown["amount_corrected"] = True
            line.write({"breakdown": breakdown})
        else:
            if kind == "result":
                result = self.result_id.sudo() or self.env[
                    "hr.performance.result"
                ].sudo().search(
                    [
                        ("period_id", "=", self.period_id.id),
                        ("employee_id", "=", self.employee_id.id),
                    ],
                    limit=1,
                )
                if not result or result.state != "final":
                    raise UserError(
                        self.env._(
                            "%(employee)s has no final result yet.",
                            employee=self.employee_id.name,
                        )
                    )
                points = points_for(
                    to_decimal(result.final_result, "result"),
                    pay_factor=to_decimal(self.pay_factor, "pay factor"),
                    part_time=to_decimal(self.part_time_share, "part-time share"),
                    employed=to_decimal(self.employed_share, "employed share"),
                )
                line.write(
                    {
                        "result_id": result.id,
                        "result": result.final_result,
                        "provisional": False,
                        "points_computed": float(points.points),
                        "points": float(points.points),
                        "points_corrected": False,
                        "correction_reason": reason,
                    }
                )
            else:
                line.write(
                    {
                        "points_corrected": True,
                        "points_correction": value,
                        "points": value,
                        "correction_reason": reason,
                    }
                )
            self.run_id.sudo()._redistribute(self.group_id)
        self.invalidate_recordset()
        before_text = f"{before:.2f}"
        after_text = f"{self.amount:.2f}"
        body = self.env._(
            "Correction (%(kind)s) of %(employee)s: payout %(before)s -> %(after)s. "
            "Reason: %(reason)s",
            kind=dict(self._correction_kinds()).get(kind, kind),
            employee=self.employee_id.name,
            before=before_text,
            after=after_text,
            reason=reason,
        )
        self.sudo().message_post(body=body)
        self.run_id.sudo().message_post(body=body)
        return True

    def _correction_kinds(self):
        return [
            ("points", self.env._("Points")),
            ("amount", self.env._("Amount")),
            ("result", self.env._("Final Result")),
        ]

    def action_open_correction(self):
        self.ensure_one()
        self._workflow_check("correct")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Pay Line"),
            "res_model": "hr.performance.pay.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    # ------------------------------------------------------------------
    # Settlement of provisional lines
    # ------------------------------------------------------------------
    def _cannot_settle_reason(self, context=None):
        if not self._final_result():
            return self.env._(
                "%(employee)s has no final result for %(period)s yet: the line "
                "can be settled once the result is final.",
                employee=self.employee_id.name,
                period=self.period_id.display_name,
            )
        return None

    def _final_result(self):
        """The employee's final result of the line's period (sudo), if any."""
        self.ensure_one()
        result = self.result_id.sudo()
        if not result:
            result = (
                self.env["hr.performance.result"]
                .sudo()
                .search(
                    [
                        ("period_id", "=", self.period_id.id),
                        ("employee_id", "=", self.employee_id.id),
                    ],
                    limit=1,
                )
            )
        return result if result.state == "final" else result.browse()

    def _settlement_preview(self):
        """Old and new payout of this provisional line with the final result.

        The points follow from the final result with the line's factors;
        the amount uses the value per point of the line's run (no new
        distribution: the difference lies outside the run's budget).
        """
        self.ensure_one()
        result = self._final_result()
        period = self.period_id.sudo()
        final = to_decimal(result.final_result if result else 0.0, "result")
        try:
            points = points_for(
                final,
                pay_factor=to_decimal(self.pay_factor, "pay factor"),
                part_time=to_decimal(self.part_time_share, "part-time share"),
                employed=to_decimal(self.employed_share, "employed share"),
            ).points
        except EngineError as error:
            raise UserError(engine_error_message(self.env, error)) from error
        summary = (self.run_id.sudo().group_summary or {}).get(
            str(self.group_id.id), {}
        )
        vpp = to_decimal(
            (self.breakdown or {}).get("value_per_point")
            or summary.get("value_per_point")
            or 0,
            "value per point",
        )
        eligible = bool(points) and not (
            period.pay_min_result and final < to_decimal(period.pay_min_result, "min")
        )
        exact = points * vpp if eligible else 0
        after = round_money(to_decimal(exact, "amount"))
        capped = False
        if period.pay_max_payout and after > to_decimal(period.pay_max_payout, "max"):
            after = round_money(to_decimal(period.pay_max_payout, "max"))
            capped = True
        before = round(self.amount - self.carried_amount, 2)
        return {
            "result": result,
            "final_result": float(final),
            "points": float(points),
            "value_per_point": float(vpp),
            "exact_amount": float(exact),
            "eligible": eligible,
            "capped": capped,
            "before": before,
            "after": float(after),
            "difference": round(float(after) - before, 2),
            "mode": self._settlement_mode(),
        }

    def _settlement_mode(self):
        """How the difference is paid, from the period setting and the run."""
        self.ensure_one()
        if self.period_id.sudo().pay_provisional_difference == "next_run":
            return "next_run"
        if self.run_id.state in ("posted", "paid"):
            return "difference_line"
        return "line"

    def action_settle(self, reason=None):
        """Settle provisional lines with the final result (see the wizard)."""
        if reason and not isinstance(reason, str):
            raise UserError(self.env._("The reason of a settlement must be a text."))
        self._workflow_check("settle")
        for line in self:
            line._do_settle(reason)
        return True

    def _do_settle(self, reason):
        self.ensure_one()
        preview = self._settlement_preview()
        difference = preview["difference"]
        if difference and not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Settling the pay line of %(employee)s changes the payout by "
                    "%(difference)s: enter a reason.",
                    employee=self.employee_id.name,
                    difference=self._fmt_money(difference),
                )
            )
        mode = preview["mode"]
        line = self.with_context(hrp_pay_internal=True)
        values = {
            "provisional": False,
            "settled": True,
            "settled_date": fields.Date.context_today(self),
            "settlement_mode": mode,
            "settlement_result": preview["final_result"],
            "settlement_points": preview["points"],
            "settlement_amount_before": preview["before"],
            "settlement_amount_after": preview["after"],
            "settlement_difference": difference,
            "settlement_reason": reason or False,
        }
        breakdown = dict(
            line.breakdown or {},
            settlement={
                "mode": mode,
                "final_result": str(preview["final_result"]),
                "points": str(preview["points"]),
                "before": f"{preview['before']:.2f}",
                "after": f"{preview['after']:.2f}",
                "difference": f"{difference:.2f}",
            },
        )
        if mode == "line":
            values.update(
                {
                    "result_id": preview["result"].id,
                    "result": preview["final_result"],
                    "points_computed": preview["points"],
                    "points": preview["points"],
                    "eligible": preview["eligible"],
                    "reason": self._settlement_reason_code(preview),
                    "value_per_point": 0.0
                    if preview["capped"]
                    else preview["value_per_point"],
                    "exact_amount": preview["exact_amount"],
                    "amount": round(preview["after"] + self.carried_amount, 2),
                    "amount_outside_budget": round(
                        self.amount_outside_budget + difference, 2
                    ),
                }
            )
            breakdown["amount"] = f"{preview['after'] + self.carried_amount:.2f}"
        values["breakdown"] = breakdown
        line._workflow_write("settle", values)
        if mode == "difference_line" and difference:
            self._create_difference_line(preview)
        self._post_settlement_message(preview, reason)

    @staticmethod
    def _settlement_reason_code(preview):
        if not preview["points"]:
            return "no_points"
        if not preview["eligible"]:
            return "below_minimum"
        return "capped" if preview["capped"] else False

    def _create_difference_line(self, preview):
        """A line in the same (posted) run that payroll picks up and pays."""
        self.ensure_one()
        return (
            self.env["hr.performance.pay.line"]
            .sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            .create(
                {
                    "run_id": self.run_id.id,
                    "group_id": self.group_id.id,
                    "employee_id": self.employee_id.id,
                    "line_type": "difference",
                    "settles_line_id": self.id,
                    "result_id": preview["result"].id,
                    "result": preview["final_result"],
                    "pay_factor": self.pay_factor,
                    "weekly_hours": self.weekly_hours,
                    "full_time_hours": self.full_time_hours,
                    "part_time_share": self.part_time_share,
                    "employed_share": self.employed_share,
                    "employed_detail": self.employed_detail,
                    "points_computed": preview["points"],
                    "points": preview["points"],
                    "eligible": preview["eligible"],
                    "value_per_point": preview["value_per_point"],
                    "exact_amount": preview["exact_amount"],
                    "amount": preview["difference"],
                    "amount_outside_budget": preview["difference"],
                    "settled_date": fields.Date.context_today(self),
                    "settlement_amount_before": preview["before"],
                    "settlement_amount_after": preview["after"],
                    "settlement_difference": preview["difference"],
                    "settlement_reason": self.sudo().settlement_reason,
                    "breakdown": {
                        "settles_line": self.id,
                        "before": f"{preview['before']:.2f}",
                        "after": f"{preview['after']:.2f}",
                        "amount": f"{preview['difference']:.2f}",
                    },
                }
            )
        )

    def _post_settlement_message(self, preview, reason):
        mode_label = dict(
            self._fields["settlement_mode"]._description_selection(self.env)
        ).get(preview["mode"])
        body = self.env._(
            "Provisional line of %(employee)s settled with the final result "
            "%(result)s: payout %(before)s -> %(after)s, difference %(difference)s "
            "(%(mode)s). Reason: %(reason)s",
            employee=self.employee_id.name,
            result=self._fmt(preview["final_result"]),
            before=self._fmt_money(preview["before"]),
            after=self._fmt_money(preview["after"]),
            difference=self._fmt_money(preview["difference"]),
            mode=mode_label,
            reason=reason or "-",
        )
        self.sudo().message_post(body=body)
        self.run_id.sudo().message_post(body=body)

    def action_open_settlement(self):
        self.ensure_one()
        self._workflow_check("settle")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Settle Provisional Line"),
            "res_model": "hr.performance.pay.settle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

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
        related = {"period_id": run.period_id.id, "company_id": run.company_id.id}
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
        prepared = lines._prepare_create_values(completed)
        names = sorted({name for vals in prepared for name in vals})
        computed = {
            name
            for name, field in self._fields.items()
            if field.store and field.compute
        }
        unknown = [
            name
            for name in names
            if not self._fields[name].column_type
            or self._fields[name].company_dependent
        ]
        if unknown or not computed.issubset(names):
            return lines.create(vals_list)
        # Monetary fields round with the currency of a record: one new line
        # of the run's company stands for all rows.
        template = lines.new({"company_id": run.company_id.id})
        rows = [
            tuple(
                self._fields[name].convert_to_column_insert(vals[name], template)
                if name in vals
                else SQL("DEFAULT")
                for name in names
            )
            for vals in prepared
        ]
        self.flush_model()
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(self._table),
                    SQL(", ").join(map(SQL.identifier, names)),
                    SQL(", ").join(SQL("(%s)", SQL(", ").join(row)) for row in rows),
                )
            )
        ]
        created = lines.browse(ids)
        created._validate_fields(names)
        # what create() does to the cache: the run's lines and everything
        # computed from them (totals) are read again
        run.invalidate_recordset(["line_ids"])
        run.modified(["line_ids"])
        return created

    @api.model
    def _pending_carry_overs(self, run, employee_ids):
        """Settlement differences to be carried into ``run``: still pending,
        or already carried into one of its current lines (recompute)."""
        return self.sudo().search_fetch(
            [
                ("company_id", "=", run.company_id.id),
                ("employee_id", "in", list(employee_ids)),
                ("settlement_mode", "=", "next_run"),
                ("settlement_difference", "!=", 0),
                "|",
                "|",
                ("carried_to_line_id", "=", False),
                ("carried_to_line_id", "in", run.line_ids.ids),
                ("carried_to_line_id.run_id.state", "=", "cancelled"),
                ("run_id", "!=", run.id),
                ("run_id.state", "in", SETTLE_STATES),
            ],
            ["employee_id", "settlement_difference"],
            order="id",
        )

    # ------------------------------------------------------------------
    # Statement (Abrechnungserläuterung)
    # ------------------------------------------------------------------
    def _fmt(self, value, digits=2):
        return formatLang(self.env, value or 0.0, digits=digits)

    def _fmt_money(self, value):
        return formatLang(self.env, value or 0.0, currency_obj=self.currency_id)

    def action_print_statement(self):
        """Print the statement of these lines (access is checked on render)."""
        self.check_access("read")
        return self.env.ref(
            "hr_performance.hr_performance_pay_line_report_statement"
        ).report_action(self)

    def _statement_settlement_steps(self):
        """Statement rows of a settled provisional line (sudo record)."""
        if not self.settled:
            return []
        mode = dict(
            self._fields["settlement_mode"]._description_selection(self.env)
        ).get(self.settlement_mode, "")
        steps = [
            {
                "label": self.env._("Final result (settlement)"),
                "value": self._fmt(self.settlement_result),
                "note": self.env._(
                    "settled on %(date)s",
                    date=format_date(self.env, self.settled_date),
                ),
            },
            {
                "label": self.env._("Points with the final result"),
                "value": self._fmt(self.settlement_points, 4),
                "note": "",
            },
            {
                "label": self.env._("Payout before the settlement"),
                "value": self._fmt_money(self.settlement_amount_before),
                "note": "",
            },
            {
                "label": self.env._("Payout with the final result"),
                "value": self._fmt_money(self.settlement_amount_after),
                "note": "",
            },
            {
                "label": self.env._("Settlement difference"),
                "value": self._fmt_money(self.settlement_difference),
                "note": " – ".join(filter(None, [mode, self.settlement_reason])),
            },
        ]
        if self.settlement_mode == "next_run":
            steps.append(
                {
                    "label": self.env._("Difference paid with"),
                    "value": "",
                    "note": self.carried_to_line_id.run_id.display_name
                    or self.env._("the next pay run (pending)"),
                }
            )
        return steps

    def _get_difference_statement_steps(self):
        """Statement rows of a settlement difference line (sudo record)."""
        source = self.settles_line_id
        return [
            {
                "label": self.env._("Provisional result"),
                "value": self._fmt(source.result),
                "note": "",
            },
            {
                "label": self.env._("Final result"),
                "value": self._fmt(self.result),
                "note": "",
            },
            {
                "label": self.env._("Points with the final result"),
                "value": self._fmt(self.points, 4),
                "note": "",
            },
            {
                "label": self.env._("Value per point of the bonus group"),
                "value": self._fmt(self.value_per_point, 6),
                "note": self.group_id.name,
            },
            {
                "label": self.env._("Payout before the settlement"),
                "value": self._fmt_money(self.settlement_amount_before),
                "note": "",
            },
            {
                "label": self.env._("Payout with the final result"),
                "value": self._fmt_money(self.settlement_amount_after),
                "note": "",
            },
            {
                "label": self.env._("Settlement difference"),
                "value": self._fmt_money(self.settlement_difference),
                "note": self.settlement_reason or "",
            },
        ]

    def _get_statement_data(self):
        """Everything the statement shows, step by step, for one line.

        Read access is checked first; the employee and run details are then
        read with sudo (plain users cannot read ``hr.employee``).
        """
        self.ensure_one()
        self.check_access("read")
        line = self.sudo()
        run = line.run_id
        employee = line.employee_id
        detail = line.employed_detail or {}
        breakdown = line.breakdown or {}
        header = {
            "employee": employee.name,
            "personnel_number": (
                employee.identification_id or ""
                if line.employee_user_id == self.env.user
                or self.env.user.has_group(OFFICER_GROUP)
                else ""
            ),
            "department": employee.department_id.name or "",
            "job": employee.job_title or "",
            "period": run.period_id.display_name,
            "run": run.display_name,
            "group": line.group_id.name,
            "payout_date": run.payout_date,
            "provisional": line.provisional,
            "difference": line.line_type == "difference",
            "amount": self._fmt_money(line.amount),
        }
        if line.line_type == "difference":
            return dict(header, steps=line._get_difference_statement_steps())
        steps = [
            {
                "label": self.env._("Performance result"),
                "value": self._fmt(line.result),
                "note": self.env._("provisional, not final yet")
                if line.provisional
                else "",
            },
            {
                "label": self.env._("Individual pay factor"),
                "value": self._fmt(line.pay_factor, 4),
                "note": "",
            },
            {
                "label": self.env._("Part-time share"),
                "value": self._fmt(line.part_time_share, 4),
                "note": self.env._(
                    "%(hours)s of %(full)s weekly hours",
                    hours=self._fmt(line.weekly_hours),
                    full=self._fmt(line.full_time_hours),
                ),
            },
            {
                "label": self.env._("Share of the period employed and paid"),
                "value": self._fmt(line.employed_share, 4),
                "note": self.env._(
                    "%(paid)s of %(total)s %(unit)s",
                    paid=detail.get("paid_units", ""),
                    total=detail.get("total_units", ""),
                    unit=self.env._("months")
                    if detail.get("method") == "months"
                    else self.env._("days"),
                )
                if detail
                else "",
            },
            {
                "label": self.env._("Points (result x factor x shares)"),
                "value": self._fmt(line.points_computed, 4),
                "note": "",
            },
        ]
        if line.points_corrected:
            steps.append(
                {
                    "label": self.env._("Corrected points"),
                    "value": self._fmt(line.points, 4),
                    "note": line.correction_reason or "",
                }
            )
        if not line.eligible:
            steps.append(
                {
                    "label": self.env._("No performance pay"),
                    "value": "",
                    "note": dict(
                        self._fields["reason"]._description_selection(self.env)
                    ).get(line.reason, ""),
                }
            )
        group = (run.group_summary or {}).get(str(line.group_id.id), {})
        steps += [
            {
                "label": self.env._("Value per point of the bonus group"),
                "value": self._fmt(line.value_per_point, 6),
                "note": self.env._(
                    "%(group)s: sub-budget %(budget)s / %(points)s points",
                    group=line.group_id.name,
                    budget=self._fmt_money(group.get("sub_budget", 0.0)),
                    points=self._fmt(float(group.get("points") or 0), 4),
                ),
            },
            {
                "label": self.env._("Exact amount (points x value per point)"),
                "value": self._fmt(line.exact_amount, 6),
                "note": self.env._("capped at the maximum payout")
                if breakdown.get("capped")
                else "",
            },
            {
                "label": self.env._("Rounding cent from the distribution"),
                "value": self._fmt_money(line.rounding_adjustment),
                "note": self.env._(
                    "Amounts are rounded down to the cent; the remaining cents go "
                    "to the largest remainders."
                ),
            },
            {
                "label": self.env._("Distributed amount"),
                "value": self._fmt_money(line.amount_distributed),
                "note": "",
            },
        ]
        if line.amount_corrected:
            steps.append(
                {
                    "label": self.env._("Corrected amount"),
                    "value": self._fmt_money(line.amount_correction),
                    "note": line.correction_reason or "",
                }
            )
        steps += line._statement_settlement_steps()
        for source in line.carried_from_line_ids:
            steps.append(
                {
                    "label": self.env._(
                        "Difference carried over from %(run)s",
                        run=source.run_id.display_name,
                    ),
                    "value": self._fmt_money(source.settlement_difference),
                    "note": source.settlement_reason or "",
                }
            )
        return dict(header, steps=steps)
