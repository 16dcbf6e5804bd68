from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"


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
    pay_advance_share = fields.Float(
        "Advance Share (%)",
        digits=(16, 2),
        default=50.0,
        tracking=True,
        help="Advance runs (Abschlag) pay together at most this share of each "
        "bonus group's budget on provisional results; the final run distributes "
        "the whole budget and offsets the advances.",
    )
    pay_advance_missing = fields.Selection(
        [
            ("skip", "No Advance"),
            ("assume", "Advance on an Assumed Result"),
        ],
        string="Without a Provisional Result",
        required=True,
        default="skip",
        tracking=True,
        help="What an advance run does with employees who have no provisional "
        "result yet.",
    )
    pay_advance_assumed_result = fields.Float(
        "Assumed Result",
        digits=(16, 2),
        default=100.0,
        tracking=True,
        help="Result on which employees without a provisional result get their "
        "advance (when the period assumes one).",
    )
    pay_advance_excess = fields.Selection(
        [
            ("clawback", "Deduct With the Final Run"),
            ("keep", "Keep It (the Group Shares Less)"),
        ],
        string="Advance Above the Final Share",
        required=True,
        default="clawback",
        tracking=True,
        help="When someone's advances exceed their final share: deduct the "
        "difference with the final run, or let them keep it; the rest of the "
        "bonus group then shares what remains. The statement says which.",
    )
    pay_budget_total = fields.Monetary(
        "Budget of the Period",
        groups=OFFICER_GROUP,
        currency_field="currency_id",
        compute="_compute_pay_overview",
        help="Budget of the final run, else of the latest advance run, else "
        "the entered budget.",
    )
    pay_advanced_total = fields.Monetary(
        "Advanced",
        groups=OFFICER_GROUP,
        currency_field="currency_id",
        compute="_compute_pay_overview",
        help="Payouts of the computed, approved, posted and paid advance runs.",
    )
    pay_final_total = fields.Monetary(
        "Final Run",
        groups=OFFICER_GROUP,
        currency_field="currency_id",
        compute="_compute_pay_overview",
        help="Payouts of the final run(s), after offsetting the advances.",
    )
    pay_paid_total = fields.Monetary(
        "Paid",
        groups=OFFICER_GROUP,
        currency_field="currency_id",
        compute="_compute_pay_overview",
        help="Payouts paid by confirmed payslips or of runs marked paid.",
    )
    pay_residual_total = fields.Monetary(
        "Not Paid Out",
        groups=OFFICER_GROUP,
        currency_field="currency_id",
        compute="_compute_pay_overview",
        help="Budget minus what all runs pay from it.",
    )
    pay_budget_warning = fields.Char(
        compute="_compute_pay_overview", groups=OFFICER_GROUP
    )
    pay_manager_visible = fields.Boolean(
        "Managers See Team Payouts",
        default=True,
        help="Managers may read the pay lines of their team once the run is approved.",
    )
    bonus_group_ids = fields.One2many(
        "hr.performance.bonus.group", "period_id", string="Bonus Groups"
    )

    @api.depends("pay_budget_mode", "pay_budget_amount", "bonus_group_ids", "state")
    @api.depends_context("uid")
    def _compute_pay_overview(self):
        """Budget, advanced, final and paid money of the periods' runs.

        Read with the user's rights: who may not read pay runs sees the
        entered budget and zeros. Two grouped queries for all periods.
        """
        Run = self.env["hr.performance.pay.run"]
        Line = self.env["hr.performance.pay.line"]
        counted = ("computed", "approved", "posted", "paid")
        runs = {}
        lines = {}
        paid = {}
        if self.ids and Run.has_access("read"):
            for run in Run.search(
                [("period_id", "in", self.ids), ("state", "in", counted)],
                order="id",
            ):
                runs.setdefault(run.period_id.id, []).append(run)
            for period, run_type, amount, outside in Line._read_group(
                [
                    ("period_id", "in", self.ids),
                    ("run_state", "in", counted),
                    ("pay_model", "=", "points"),
                ],
                ["period_id", "run_type"],
                ["amount:sum", "amount_outside_budget:sum"],
            ):
                lines[period.id, run_type] = (amount, outside)
            for period, amount in Line._read_group(
                [
                    ("period_id", "in", self.ids),
                    "|",
                    ("payroll_paid", "=", True),
                    ("run_state", "=", "paid"),
                ],
                ["period_id"],
                ["amount:sum"],
            ):
                paid[period.id] = amount
        for period in self:
            own = runs.get(period.id, [])
            finals = [run for run in own if run.run_type == "final"]
            source = (finals or own)[-1:]
            if source:
                budget = source[0].budget
            elif period.pay_budget_mode == "amount":
                budget = period.pay_budget_amount
            else:
                budget = 0.0
            advanced = lines.get((period.id, "advance"), (0.0, 0.0))
            final = lines.get((period.id, "final"), (0.0, 0.0))
            # From the budget: payouts without settlement differences, plus
            # the advances a final run offset (they were paid before).
            from_budget = (advanced[0] - advanced[1]) + (final[0] - final[1])
            period.pay_budget_total = budget
            period.pay_advanced_total = round(advanced[0], 2)
            period.pay_final_total = round(final[0], 2)
            period.pay_paid_total = round(paid.get(period.id, 0.0), 2)
            period.pay_residual_total = round(budget - from_budget, 2)
            period.pay_budget_warning = (
                self.env._(
                    "The computed payouts (%(computed)s) exceed the budget "
                    "(%(budget)s) by %(excess)s.",
                    computed=period._fmt_money(from_budget),
                    budget=period._fmt_money(budget),
                    excess=period._fmt_money(from_budget - budget),
                )
                if own and round(from_budget - budget, 2) > 0
                else False
            )

    def _fmt_money(self, value):
        return formatLang(self.env, value or 0.0, currency_obj=self.currency_id)

    def _copy_into_next_period(self, new):
        result = super()._copy_into_next_period(new)
        for group in self.bonus_group_ids:
            group.copy({"period_id": new.id})
        return result

    @api.constrains("pay_advance_share", "pay_advance_assumed_result")
    def _check_advance_settings(self):
        for period in self:
            if not 0 <= period.pay_advance_share <= 100:
                raise ValidationError(
                    self.env._(
                        "The advance share of period %(name)s must lie between "
                        "0 and 100 %%.",
                        name=period.display_name,
                    )
                )
            if not period.pay_advance_assumed_result >= 0:
                raise ValidationError(
                    self.env._(
                        "The assumed result of period %(name)s must not be negative.",
                        name=period.display_name,
                    )
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
