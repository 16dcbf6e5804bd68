from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformancePeriod(models.Model):
    """Performance pay settings of a period."""

    _inherit = "hr.performance.period"

    currency_id = fields.Many2one(related="company_id.currency_id")
    pay_budget_mode = fields.Selection(
        [("amount", "Entered Amount"), ("rate", "Rate of Base Pay")],
        string="Budget Mode",
        required=True,
        default="amount",
        tracking=True,
        help="Enter the performance pay budget as an amount, or compute it as a "
        "rate of last year's regular pay of the employees in scope.",
    )
    pay_budget_amount = fields.Monetary(
        "Budget", currency_field="currency_id", tracking=True
    )
    pay_budget_rate = fields.Float(
        "Budget Rate (%)",
        default=2.0,
        digits=(16, 4),
        tracking=True,
        help="Share of last year's regular pay that forms the budget.",
    )
    pay_sub_budget_mode = fields.Selection(
        [("share", "Share (%)"), ("amount", "Amount")],
        string="Sub-Budgets By",
        required=True,
        default="share",
        tracking=True,
    )
    pay_prorata_method = fields.Selection(
        [("days", "Days"), ("months", "Months")],
        string="Pro-Rata By",
        required=True,
        default="months",
        tracking=True,
        help="How the share of the period employed and paid is counted.",
    )
    pay_month_rule = fields.Selection(
        [
            ("any_paid_day", "Month Counts With Any Paid Day"),
            ("full_month", "Only Fully Paid Months Count"),
        ],
        string="Month Rule",
        required=True,
        default="any_paid_day",
        tracking=True,
    )
    pay_min_result = fields.Float(
        "Minimum Result",
        digits=(16, 2),
        tracking=True,
        help="Employees whose result is below this get no performance pay and "
        "their points are not counted.",
    )
    pay_max_payout = fields.Monetary(
        "Maximum Payout",
        currency_field="currency_id",
        tracking=True,
        help="Highest payout per employee; the excess goes to the others. "
        "0 means no maximum.",
    )
    pay_allow_provisional = fields.Boolean(
        "Pay Provisional Results",
        help="Pay runs may use results that are not final yet; such lines are "
        "marked provisional.",
    )
    pay_provisional_difference = fields.Selection(
        [("now", "Pay the Difference Now"), ("next_run", "With the Next Run")],
        string="Difference of Provisional Lines",
        required=True,
        default="next_run",
        tracking=True,
    )
    pay_manager_visible = fields.Boolean(
        "Managers See Team Payouts",
        default=True,
        help="Managers may read the pay lines of their team once the run is approved.",
    )
    bonus_group_ids = fields.One2many(
        "hr.performance.bonus.group", "period_id", string="Bonus Groups"
    )

    @api.constrains(
        "pay_budget_amount", "pay_budget_rate", "pay_max_payout", "pay_min_result"
    )
    def _check_pay_settings(self):
        for period in self:
            if (
                # "not x >= 0" also refuses NaN
                not period.pay_budget_amount >= 0
                or not period.pay_budget_rate >= 0
                or not period.pay_max_payout >= 0
                or not period.pay_min_result >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The performance pay settings of period %(name)s must not "
                        "be negative.",
                        name=period.display_name,
                    )
                )
