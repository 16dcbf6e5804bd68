from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from ...engine import EngineError
from ...engine.variable import weight_gaps
from .basis import remuneration_basis
from .hr_goal import check_variable_goals_employed

PAY_MODELS = [
    ("points", "Performance Points (Budget)"),
    ("variable", "Variable Pay (Target Salary)"),
]


class HrGoalAgreement(models.Model):
    """The pay model of a goal agreement: TVöD points or variable pay."""

    _inherit = "hr.goal.agreement"

    pay_model = fields.Selection(
        PAY_MODELS,
        default="points",
        required=True,
        tracking=True,
        help="Performance points: the goal result enters the points of a "
        "budget (TVöD §18). Variable pay: each goal's weight, curve and "
        "achievement give its share of the employee's variable salary (or a "
        "bonus on top).",
    )
    variable_bonus_total = fields.Monetary(
        "Bonus at 100 %", compute="_compute_variable_totals"
    )
    variable_forecast_total = fields.Monetary(
        "Forecast", compute="_compute_variable_totals"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("goal_ids.bonus_at_100", "goal_ids.forecast_amount", "pay_model")
    def _compute_variable_totals(self):
        for agreement in self:
            goals = agreement.goal_ids
            agreement.variable_bonus_total = sum(goals.mapped("bonus_at_100"))
            agreement.variable_forecast_total = sum(goals.mapped("forecast_amount"))

    def write(self, vals):
        if "pay_model" in vals:
            for agreement in self:
                if (
                    agreement.state != "draft"
                    and agreement.pay_model != vals["pay_model"]
                ):
                    raise UserError(
                        self.env._(
                            "The pay model of the goal agreement %(name)s can only "
                            "be changed in draft.",
                            name=agreement.display_name,
                        )
                    )
        return super().write(vals)

    def action_open_whatif(self):
        """What-if of the variable pay (HR or the supervisor), nothing saved."""
        self.ensure_one()
        return self.env["hr.performance.variable.whatif"]._open_for(self)

    # ------------------------------------------------------------------
    # Weights and the goal result of the variable model
    # ------------------------------------------------------------------
    def _weight_error_message(self):
        self.ensure_one()
        if self.pay_model != "variable":
            return super()._weight_error_message()
        for goal in self.goal_ids:
            message = goal._variable_submit_error()
            if message:
                return message
        try:
            check_variable_goals_employed(self.env, self.goal_ids)
        except UserError as error:
            return error.args[0]
        window = self._variable_window()
        if window is None:
            return None
        variable_goals = self.goal_ids.filtered(lambda g: g.pay_kind == "variable")
        gaps = weight_gaps(
            [
                (goal.name, goal.goal_date_from, goal.goal_date_to, goal.weight)
                for goal in variable_goals
            ],
            *window,
        )
        if not gaps:
            return None
        gap = gaps[0]
        return self.env._(
            "The weights of the variable-share goals of the goal agreement "
            "%(name)s add up to %(total)s %% instead of 100 %% from %(start)s to "
            "%(end)s (goals: %(goals)s).",
            name=self.display_name,
            total=formatLang(self.env, float(gap.total), digits=2),
            start=format_date(self.env, gap.date_from),
            end=format_date(self.env, gap.date_to),
            goals=", ".join(gap.keys) or self.env._("none"),
        )

    def _variable_window(self):
        """The days of the period the employee is employed (first contract
        start to last contract end), or None if not employed in it."""
        self.ensure_one()
        period = self.period_id
        basis = remuneration_basis(
            # sudo: only the employment dates bound the weight check
            self.env(su=True),
            self.employee_id.ids,
            period.date_from,
            period.date_to,
        )[self.employee_id.id]
        if not basis["sections"]:
            return None
        start = max(period.date_from, min(s.date_from for s in basis["sections"]))
        ends = [s.date_to for s in basis["sections"]]
        end = period.date_to if None in ends else min(period.date_to, max(ends))
        if start > end:
            return None
        return start, end

    def _compute_goal_result(self):
        self.ensure_one()
        if self.pay_model != "variable":
            return super()._compute_goal_result()
        # The goal result of a variable agreement is informative: the average
        # achievement of its variable-share goals weighted by weight and days
        # (bonus-on-top goals by days); pay comes from the curves.
        goals = self.goal_ids.filtered(lambda g: g.pay_kind == "variable") or (
            self.goal_ids
        )
        total = Decimal(0)
        weights = Decimal(0)
        rows = []
        for goal in goals:
            try:
                achieved = goal._engine_achievement()
            except EngineError as error:
                raise UserError(
                    self.env._(
                        "The achievement of the goal %(goal)s in the goal "
                        "agreement %(name)s cannot be computed: give an actual "
                        "value and a target value greater than 0, or a manual "
                        "achievement.",
                        goal=goal.name,
                        name=self.display_name,
                    )
                ) from error
            days = (goal.goal_date_to - goal.goal_date_from).days + 1
            weight = (
                Decimal(str(goal.weight or 0)) if goal.pay_kind == "variable" else 1
            )
            total += achieved * weight * days
            weights += weight * days
            rows.append(
                {
                    "goal_id": goal.id,
                    "name": goal.name,
                    "weight": float(goal.weight),
                    "achievement": float(achieved),
                    "contribution": 0.0,
                }
            )
        result = float(round(total / weights, 2)) if weights else 0.0
        return {
            "result_company": 0.0,
            "result_department": 0.0,
            "result_personal": result,
            "result_total": result,
            "result_breakdown": {
                "total": result,
                "exact": result,
                "scale": self.period_id.result_scale,
                "variable": True,
                "levels": [
                    {
                        "level": "personal",
                        "weight": 100.0,
                        "skipped": False,
                        "result": result,
                        "contribution": result,
                        "goals": rows,
                    }
                ],
            },
        }
