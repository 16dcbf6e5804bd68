from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import EngineError, points_for, to_decimal
from .engine_messages import engine_error_message

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
EDITABLE_STATES = ("draft", "computed")

#: Fields a user may edit on a line of a computed run (everything else is
#: written by the computation or through a correction).
USER_EDITABLE_FIELDS = {"pay_factor"}


class HrPerformancePayLine(models.Model):
    """One employee's performance pay in a pay run, with its full breakdown."""

    _name = "hr.performance.pay.line"
    _description = "Performance Pay Line"
    _inherit = ["mail.thread"]
    _order = "run_id desc, group_id, employee_id, id"
    _rec_name = "employee_id"

    #: Fields that may still change once the run is approved; the payroll
    #: hook adds its link fields by extending this set.
    _locked_free_fields = set()

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
    employee_user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        related_sudo=True,
        store=True,
        index=True,
        string="Employee User",
    )
    department_id = fields.Many2one(
        "hr.department",
        related="employee_id.department_id",
        related_sudo=True,
        store=True,
        index=True,
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

    _sql_constraints = [
        (
            "run_employee_unique",
            "unique(run_id, employee_id)",
            "An employee has one line per pay run.",
        ),
    ]

    @api.depends("amount", "amount_initial")
    def _compute_amount_difference(self):
        for line in self:
            line.amount_difference = round(line.amount - line.amount_initial, 2)

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    def write(self, vals):
        internal = self.env.context.get("hrp_pay_internal")
        locked = {
            name
            for name in set(vals) - self._locked_free_fields
            if not name.startswith(("message_", "activity_"))
        }
        if locked:
            for line in self:
                if line.run_id.state not in EDITABLE_STATES:
                    raise UserError(
                        self.env._(
                            "The pay line of %(employee)s belongs to the %(state)s "
                            "pay run %(run)s and is locked.",
                            employee=line.employee_id.name,
                            state=line.run_id._state_label(),
                            run=line.run_id.display_name,
                        )
                    )
        if not internal and not self.env.su and set(vals) - USER_EDITABLE_FIELDS:
            forbidden = set(vals) - USER_EDITABLE_FIELDS
            if {n for n in forbidden if not n.startswith(("message_", "activity_"))}:
                raise UserError(
                    self.env._(
                        "Pay lines are computed: change points or amounts through "
                        "a correction with a reason."
                    )
                )
        if "pay_factor" in vals and not internal:
            self._check_can_correct()
            if vals["pay_factor"] < 0:
                raise UserError(self.env._("The pay factor must not be negative."))
        res = super().write(vals)
        if "pay_factor" in vals and not internal:
            self._refresh_points()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        for line in self:
            if line.run_id.state not in ("draft", "computed", "cancelled"):
                raise UserError(
                    self.env._(
                        "The pay line of %(employee)s belongs to an approved pay "
                        "run and cannot be deleted.",
                        employee=line.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Corrections
    # ------------------------------------------------------------------
    def _cannot_correct_reason(self):
        self.ensure_one()
        if not self.env.user.has_group(OFFICER_GROUP):
            return self.env._("Only HR officers can correct pay lines.")
        if self.run_id.state != "computed":
            return self.env._(
                "The pay line of %(employee)s can only be corrected while the "
                "run is computed.",
                employee=self.employee_id.name,
            )
        return None

    def _check_can_correct(self):
        self.check_access("write")
        for line in self:
            reason = line._cannot_correct_reason()
            if reason:
                raise UserError(reason)

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
        self._check_can_correct()
        if not (reason or "").strip():
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
                    "amount": value,
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
        self._check_can_correct()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Pay Line"),
            "res_model": "hr.performance.pay.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }
