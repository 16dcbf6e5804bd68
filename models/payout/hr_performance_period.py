"""How a period pays variable pay: with its final run or in monthly runs,
and what happens to advances above the final bonus."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HrPerformancePeriod(models.Model):
    _inherit = "hr.performance.period"

    pay_variable_schedule = fields.Selection(
        [("final", "With the Final Pay Run"), ("monthly", "In Monthly Runs")],
        string="Variable Pay",
        required=True,
        default="final",
        tracking=True,
        help="Monthly runs pay each payroll month what the goals' payout "
        "timing makes due: advances, sub-goal periods and final settlements.",
    )
    pay_overpayment = fields.Selection(
        [
            ("clawback", "Claw Back in the Next Payslips"),
            ("claim", "Keep as a Claim Shown to HR"),
        ],
        string="Advances Above the Final Bonus",
        required=True,
        default="clawback",
        tracking=True,
    )
    pay_clawback_limit = fields.Monetary(
        "Claw-Back Limit per Payslip",
        currency_field="currency_id",
        tracking=True,
        help="A payslip's variable pay is never below minus this amount; the "
        "rest is clawed back with the following payslips.",
    )

    @api.constrains("pay_clawback_limit", "pay_overpayment", "pay_variable_schedule")
    def _check_clawback_limit(self):
        for period in self:
            if not 0 <= period.pay_clawback_limit < 10**9:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The claw-back limit of the period %(name)s must not be "
                        "negative.",
                        name=period.display_name,
                    )
                )
            if (
                period.pay_overpayment == "clawback"
                and period.pay_variable_schedule == "monthly"
                and not period.pay_clawback_limit
            ):
                raise ValidationError(
                    self.env._(
                        "The period %(name)s claws back advances: give the most "
                        "that may be deducted from one payslip.",
                        name=period.display_name,
                    )
                )

    def write(self, vals):
        if "pay_variable_schedule" in vals:
            self._check_schedule_change(vals["pay_variable_schedule"])
        return super().write(vals)

    def _check_schedule_change(self, schedule):
        """Variable pay is paid once: by monthly runs or by the final run.
        The schedule stays while runs of the other kind pay it."""
        changed = self.filtered(lambda p: p.pay_variable_schedule != schedule)
        if not changed:
            return
        # sudo: whether runs pay the period decides the change; nothing shown
        Line = self.env["hr.performance.pay.line"].sudo()
        paying = Line.search(
            [
                ("run_id.period_id", "in", changed.ids),
                ("run_id.state", "!=", "cancelled"),
                ("pay_model", "=", "variable"),
                (
                    "run_id.run_type",
                    "=",
                    "monthly" if schedule == "final" else "final",
                ),
            ],
            limit=1,
        )
        if paying:
            raise UserError(
                self.env._(
                    "The variable pay of the period %(name)s is already paid by the "
                    "pay run %(run)s: cancel that run before changing how variable "
                    "pay is paid.",
                    name=paying.run_id.period_id.display_name,
                    run=paying.run_id.display_name,
                )
            )
