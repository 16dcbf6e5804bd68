from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...engine import EngineError
from ...engine.curves import achievement as engine_achievement
from ...engine.variable import goal_pay
from .basis import remuneration_basis
from .hr_performance_curve_template import (
    PARAMETER_KINDS,
    curve_error_text,
    curve_svg,
    rating_levels,
)

PAY_KINDS = [
    ("variable", "Variable Share"),
    ("bonus_relative", "Bonus on Top (Relative)"),
    ("bonus_absolute", "Bonus on Top (Absolute)"),
]
#: What a goal's variable pay is computed from (the forecast depends on
#: them; the pay run reads them in one query).
PAY_INPUT_FIELDS = (
    "pay_kind",
    "weight",
    "bonus_percent",
    "bonus_amount",
    "goal_date_from",
    "goal_date_to",
    "achievement_mode",
    "achievement",
    "actual_value",
    "target_value",
    "curve_template_id",
    "curve_lower_achievement",
    "curve_lower_rate",
    "curve_upper_achievement",
    "curve_upper_rate",
)


class HrGoal(models.Model):
    """A goal of a variable-pay agreement: weight over the variable salary (or
    a bonus on top), goal period, target value or manual achievement, and a
    bonus curve (template + parameters)."""

    _inherit = "hr.goal"

    pay_model = fields.Selection(related="agreement_id.pay_model", related_sudo=False)
    employee_id = fields.Many2one(
        related="agreement_id.employee_id",
        related_sudo=False,
        store=True,
        index="btree_not_null",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pay_kind = fields.Selection(
        PAY_KINDS,
        "Remuneration Kind",
        default="variable",
        help="Variable share: the weight is the goal's share of the variable "
        "salary. Bonus on top: paid in addition to the target salary, "
        "relative (percent of the target salary for the goal's time) or "
        "absolute (an amount).",
    )
    goal_date_from = fields.Date(
        "Goal Period From",
        compute="_compute_goal_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    goal_date_to = fields.Date(
        "Goal Period To",
        compute="_compute_goal_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    achievement_mode = fields.Selection(
        [("value", "Actual / Target Value"), ("manual", "Manual Achievement")],
        default="value",
        help="Actual / target value: the achievement is the actual value "
        "divided by the target value. Manual: the rating enters the "
        "achievement in percent.",
    )
    bonus_percent = fields.Float(
        "Bonus (% of the Target Salary)",
        digits=(16, 4),
        help="Bonus at 100 % achievement in percent of the target salary for "
        "the goal's time.",
    )
    bonus_amount = fields.Monetary(help="Bonus at 100 % achievement as an amount.")
    curve_template_id = fields.Many2one(
        "hr.performance.curve.template",
        "Bonus Curve",
        index="btree_not_null",
        ondelete="restrict",
    )
    curve_kind = fields.Selection(related="curve_template_id.kind")
    curve_uses_parameters = fields.Boolean(related="curve_template_id.uses_parameters")
    curve_lower_achievement = fields.Float(
        "Lower Point: Achievement (%)",
        digits=(16, 4),
        compute="_compute_curve_parameters",
        store=True,
        readonly=False,
    )
    curve_lower_rate = fields.Float(
        "Lower Point: Payout Rate (%)",
        digits=(16, 4),
        compute="_compute_curve_parameters",
        store=True,
        readonly=False,
    )
    curve_upper_achievement = fields.Float(
        "Upper Point: Achievement (%)",
        digits=(16, 4),
        compute="_compute_curve_parameters",
        store=True,
        readonly=False,
    )
    curve_upper_rate = fields.Float(
        "Upper Point: Payout Rate (%)",
        digits=(16, 4),
        compute="_compute_curve_parameters",
        store=True,
        readonly=False,
    )
    curve_svg = fields.Html("Curve", compute="_compute_curve_svg", sanitize=False)
    variable_achievement = fields.Float(
        "Achievement (%)",
        digits=(16, 4),
        compute="_compute_variable_pay",
        help="Actual value / target value, or the manual achievement.",
    )
    current_achievement = fields.Float(
        "Latest Achievement (%)",
        digits=(16, 4),
        compute="_compute_variable_pay",
        help="The rated achievement, else the progress of the latest check-in.",
    )
    has_current_achievement = fields.Boolean(compute="_compute_variable_pay")
    forecast_rate = fields.Float(
        "Payout Rate (%)", digits=(16, 4), compute="_compute_variable_pay"
    )
    forecast_level = fields.Selection(
        "_rating_level_selection", "Rating Level", compute="_compute_variable_pay"
    )
    bonus_at_100 = fields.Monetary(
        "Bonus at 100 %",
        compute="_compute_variable_pay",
        help="The bonus of the whole goal period at 100 % achievement, "
        "reduced for unpaid leave and ended by leaving.",
    )
    forecast_amount = fields.Monetary(
        "Forecast",
        compute="_compute_variable_pay",
        help="The bonus if the latest achievement held for the whole goal "
        "period (Prognose).",
    )

    def _rating_level_selection(self):
        return rating_levels(self.env)

    @api.depends("agreement_id.period_id")
    def _compute_goal_dates(self):
        for goal in self:
            # sudo: the period's dates are no secret of the goal's readers
            period = goal.agreement_id.sudo().period_id
            if not goal.goal_date_from:
                goal.goal_date_from = period.date_from
            if not goal.goal_date_to:
                goal.goal_date_to = period.date_to

    @api.depends("curve_template_id")
    def _compute_curve_parameters(self):
        for goal in self:
            template = goal.curve_template_id
            goal.curve_lower_achievement = template.lower_achievement
            goal.curve_lower_rate = template.lower_rate
            goal.curve_upper_achievement = template.upper_achievement
            goal.curve_upper_rate = template.upper_rate

    # ------------------------------------------------------------------
    # The engine curve and the achievement
    # ------------------------------------------------------------------
    def _engine_curve(self):
        """The goal's curve (template + parameters); raises EngineError."""
        self.ensure_one()
        template = self.curve_template_id
        if template.kind in PARAMETER_KINDS:
            return template._engine_curve(
                lower=(self.curve_lower_achievement, self.curve_lower_rate),
                upper=(self.curve_upper_achievement, self.curve_upper_rate),
                name=self.name or "",
            )
        return template._engine_curve(name=self.name or "")

    def _achievement_inputs(self, final):
        """What many goals' achievements need, read once for all of
        ``self`` (other areas add theirs, e.g. KPI values); ``final``: only
        what counts for the payout."""
        return {}

    def _engine_achievement(self, inputs=None):
        """Achievement in percent (Decimal) from actual/target or manual."""
        self.ensure_one()
        if self.achievement_mode == "manual":
            return engine_achievement(self.achievement, 100)
        return engine_achievement(self.actual_value, self.target_value)

    def _latest_achievement(self, inputs=None):
        """The achievement the forecast assumes, or None if none is known."""
        self.ensure_one()
        if self.state in ("rating", "rated", "closed"):
            return self._engine_achievement(inputs)
        if self.last_checkin_id:
            return engine_achievement(self.last_progress, 100)
        return None

    @api.depends(
        "curve_template_id",
        "curve_lower_achievement",
        "curve_lower_rate",
        "curve_upper_achievement",
        "curve_upper_rate",
        "current_achievement",
    )
    def _compute_curve_svg(self):
        for goal in self:
            if not goal.curve_template_id:
                goal.curve_svg = False
                continue
            try:
                curve = goal._engine_curve()
            except EngineError:
                goal.curve_svg = False
                continue
            marker = goal.current_achievement if goal.has_current_achievement else None
            goal.curve_svg = curve_svg(curve, marker=marker)

    @api.depends("pay_model", *PAY_INPUT_FIELDS, "last_checkin_id", "state")
    def _compute_variable_pay(self):
        for goal in self:
            goal.variable_achievement = 0.0
            goal.current_achievement = 0.0
            goal.has_current_achievement = False
            goal.forecast_rate = 0.0
            goal.forecast_level = False
            goal.bonus_at_100 = 0.0
            goal.forecast_amount = 0.0
        goals = self._readable_variable_goals()
        inputs = goals._achievement_inputs(final=False)
        latest = {}
        for goal in goals:
            try:
                achieved = goal._engine_achievement(inputs)
            except EngineError:
                achieved = None
            goal.variable_achievement = float(achieved or 0)
            try:
                latest[goal.id] = goal._latest_achievement(inputs)
            except EngineError:
                latest[goal.id] = None
        results = goals._variable_pay_results(latest)
        for goal in goals:
            result = results.get(goal.id)
            if result is None:
                continue
            goal.has_current_achievement = latest[goal.id] is not None
            goal.current_achievement = float(latest[goal.id] or 0)
            goal.bonus_at_100 = float(result.bonus_at_100)
            goal.forecast_rate = float(result.rate)
            goal.forecast_level = result.level or False
            goal.forecast_amount = float(result.payout)

    def _readable_variable_goals(self):
        """The variable goals of ``self`` with a goal period whose agreement
        the user may read: only they get figures from the contracts (an
        onchange naming a colleague's agreement gets none)."""
        goals = self.filtered(
            lambda g: g.pay_model == "variable" and g.goal_date_from and g.goal_date_to
        )
        readable = goals.agreement_id._filtered_access("read")
        return goals.filtered(lambda g: g.agreement_id in readable)

    def _variable_pay_results(self, achievements):
        """{goal id: GoalPay} of ``self`` (readable variable goals, see
        ``_readable_variable_goals``) with ``achievements`` (goal id ->
        achievement or None); the remuneration basis is read once for all."""
        if not self:
            return {}
        basis = remuneration_basis(
            # sudo: contracts and time off of the readable goals' employees
            # enter the bonus these goals' readers see (employee, supervisor, HR)
            self.env(su=True),
            self.agreement_id.employee_id.ids,
            min(self.mapped("goal_date_from")),
            max(self.mapped("goal_date_to")),
        )
        results = {}
        for goal in self:
            try:
                results[goal.id] = goal._engine_pay(basis, achievements.get(goal.id))
            except EngineError:
                continue
        return results

    def _engine_pay(self, basis, achieved, date_to=None):
        """The engine's GoalPay of this goal with ``achieved`` (or None)."""
        self.ensure_one()
        own = basis[self.agreement_id.employee_id.id]
        return goal_pay(
            key=str(self.id),
            kind=self.pay_kind or "variable",
            date_from=self.goal_date_from,
            date_to=date_to or self.goal_date_to,
            sections=own["sections"],
            unpaid=own["unpaid"],
            weight=self.weight if self.pay_kind == "variable" else 0,
            percent=self.bonus_percent if self.pay_kind == "bonus_relative" else 0,
            amount=self.bonus_amount if self.pay_kind == "bonus_absolute" else 0,
            curve=self._engine_curve() if self.curve_template_id else None,
            achievement=achieved,
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains(
        "pay_kind",
        "goal_date_from",
        "goal_date_to",
        "bonus_percent",
        "bonus_amount",
        "target_value",
        "achievement_mode",
        "curve_template_id",
        "curve_lower_achievement",
        "curve_lower_rate",
        "curve_upper_achievement",
        "curve_upper_rate",
    )
    def _check_variable(self):
        for goal in self.filtered(lambda g: g.pay_model == "variable"):
            message = goal._variable_error()
            if message:
                raise ValidationError(message)

    def _variable_error(self):
        """The translated problem of a variable goal's settings, or None."""
        self.ensure_one()
        name = self.name
        agreement = self.agreement_id.display_name
        # sudo: the period's dates are no secret of the goal's readers
        period = self.agreement_id.sudo().period_id
        if not self.goal_date_from or not self.goal_date_to:
            return self.env._(
                "The goal %(goal)s in the goal agreement %(name)s needs a goal period.",
                goal=name,
                name=agreement,
            )
        if self.goal_date_from > self.goal_date_to:
            return self.env._(
                "The goal period of %(goal)s in the goal agreement %(name)s ends "
                "before it starts.",
                goal=name,
                name=agreement,
            )
        if self.goal_date_from < period.date_from or self.goal_date_to > period.date_to:
            return self.env._(
                "The goal period of %(goal)s in the goal agreement %(name)s must "
                "lie within the period %(period)s.",
                goal=name,
                name=agreement,
                period=period.display_name,
            )
        if not self.bonus_percent >= 0 or not self.bonus_amount >= 0:
            return self.env._(
                "The bonus of the goal %(goal)s in the goal agreement %(name)s "
                "must not be negative.",
                goal=name,
                name=agreement,
            )
        if self.achievement_mode != "manual" and not self.target_value > 0:
            return self.env._(
                "The target value of the goal %(goal)s in the goal agreement "
                "%(name)s must be greater than 0 (or choose a manual "
                "achievement).",
                goal=name,
                name=agreement,
            )
        if self.curve_template_id:
            try:
                self._engine_curve()
            except EngineError as error:
                return self.env._(
                    "The bonus curve of the goal %(goal)s in the goal agreement "
                    "%(name)s is not valid: %(reason)s",
                    goal=name,
                    name=agreement,
                    reason=curve_error_text(self.env, error),
                )
        return None

    def _variable_submit_error(self):
        """What a variable goal lacks before it can be agreed, or None."""
        self.ensure_one()
        message = self._variable_error()
        if message:
            return message
        if not self.curve_template_id:
            return self.env._(
                "The goal %(goal)s in the goal agreement %(name)s needs a bonus curve.",
                goal=self.name,
                name=self.agreement_id.display_name,
            )
        if self.pay_kind == "bonus_relative" and not self.bonus_percent:
            return self.env._(
                "The goal %(goal)s in the goal agreement %(name)s is a bonus on "
                "top: give its percentage of the target salary.",
                goal=self.name,
                name=self.agreement_id.display_name,
            )
        if self.pay_kind == "bonus_absolute" and not self.bonus_amount:
            return self.env._(
                "The goal %(goal)s in the goal agreement %(name)s is a bonus on "
                "top: give its amount.",
                goal=self.name,
                name=self.agreement_id.display_name,
            )
        return None


def check_variable_goals_employed(env, goals):
    """Raise if a variable goal's period lies wholly outside the employment."""
    if not goals:
        return
    basis = remuneration_basis(
        # sudo: only whether a contract covers the goal period is used
        env(su=True),
        goals.agreement_id.employee_id.ids,
        min(goals.mapped("goal_date_from")),
        max(goals.mapped("goal_date_to")),
    )
    for goal in goals:
        sections = basis[goal.agreement_id.employee_id.id]["sections"]
        if not any(
            s.date_from <= goal.goal_date_to
            and (s.date_to is None or s.date_to >= goal.goal_date_from)
            for s in sections
        ):
            raise UserError(
                env._(
                    "The goal period of %(goal)s in the goal agreement %(name)s "
                    "lies outside the employment of %(employee)s (no contract "
                    "with a target salary covers it).",
                    goal=goal.name,
                    name=goal.agreement_id.display_name,
                    employee=goal.agreement_id.employee_id.name,
                )
            )
