"""Sub-goals of a KPI goal: one per report period of its goal period."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...engine.periods import kpi_actual
from ..common.write_guard import check_no_related_create, check_no_related_write


class HrGoalSubgoal(models.Model):
    """What a goal's KPI should reach in one report period (Teilziel)."""

    _name = "hr.goal.subgoal"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Sub-Goal"
    _order = "goal_id, date_from, id"

    goal_id = fields.Many2one("hr.goal", required=True, ondelete="cascade", index=True)
    agreement_id = fields.Many2one(related="goal_id.agreement_id", store=True)
    company_id = fields.Many2one(related="goal_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="goal_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="goal_id.supervisor_user_id", store=True, index=True
    )
    date_from = fields.Date("From", required=True)
    date_to = fields.Date("To", required=True)
    mode = fields.Selection(related="goal_id.subgoal_mode")
    unit = fields.Char(related="goal_id.unit")
    target_percent = fields.Float(
        "Sub-Goal (%)",
        digits=(16, 2),
        help="Relative sub-goals: the share of the goal's target value to be "
        "reached in this report period.",
    )
    target_value = fields.Float(
        "Sub-Goal",
        digits=(16, 4),
        help="Absolute sub-goals: the value in the KPI's unit to be reached in "
        "this report period.",
    )
    target = fields.Float(
        "Sub-Goal in the KPI's Unit",
        digits=(16, 4),
        compute="_compute_target",
        help="Relative: percent × the goal's target value; absolute: as entered.",
    )

    actual = fields.Float(
        digits=(16, 4),
        compute="_compute_actual",
        help="The KPI's value of this report period (sum or latest value), open "
        "values included.",
    )
    achievement = fields.Float(
        "Achievement (%)",
        digits=(16, 2),
        compute="_compute_actual",
        help="Actual against the sub-goal.",
    )

    @api.depends("date_from", "date_to", "target", "goal_id.kpi_id")
    def _compute_actual(self):
        self.actual = self.achievement = 0.0
        # only goals the user may read (an onchange may name any goal)
        goals = self.goal_id._filtered_access("read").filtered(
            lambda g: g.achievement_mode == "kpi"
        )
        values = goals._kpi_value_map(final=False)
        for sub in self.filtered(lambda s: s.goal_id in goals):
            goal = sub.goal_id
            result = kpi_actual(
                values.get(goal._kpi_owner_key(), []),
                sub.date_from,
                sub.date_to,
                goal.kpi_id.cumulative,
            )
            if result is None:
                continue
            sub.actual = float(result.actual)
            if sub.target > 0:
                sub.achievement = float(result.actual) * 100 / sub.target

    @api.depends("target_percent", "target_value", "goal_id.target_value", "mode")
    def _compute_target(self):
        for sub in self:
            if sub.goal_id.subgoal_mode == "absolute":
                sub.target = sub.target_value
            else:
                sub.target = sub.target_percent * sub.goal_id.target_value / 100

    @api.constrains("date_from", "date_to", "target_percent", "target_value")
    def _check_subgoal(self):
        for sub in self:
            if sub.date_to < sub.date_from:
                raise ValidationError(
                    self.env._(
                        "A sub-goal period of the goal %(goal)s ends before it starts.",
                        goal=sub.goal_id.name,
                    )
                )
            if not sub.target_percent >= 0 or not sub.target_value >= 0:
                raise ValidationError(
                    self.env._(
                        "The sub-goals of the goal %(goal)s must not be negative.",
                        goal=sub.goal_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_no_related_create(self, vals_list)
        goals = self.env["hr.goal"].browse({vals.get("goal_id") for vals in vals_list})
        goals.agreement_id._check_goals_editable()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            check_no_related_write(self, vals)
        self.agreement_id._check_goals_editable()
        if "goal_id" in vals:
            self.env["hr.goal"].browse(
                vals["goal_id"]
            ).agreement_id._check_goals_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.agreement_id._check_goals_editable()
