from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import EngineError
from ..engine.curves import achievement as engine_achievement
from ..models.variable.hr_performance_curve_template import rating_levels


class HrPerformanceVariableWhatif(models.TransientModel):
    """What-if (Was-wäre-wenn): HR or the supervisor enters achievements and
    sees the variable pay, without saving anything on the goals."""

    _name = "hr.performance.variable.whatif"
    _description = "Variable Pay What-If"
    _inherit = ["hr.performance.input.mixin"]

    agreement_id = fields.Many2one("hr.goal.agreement", required=True, readonly=True)
    currency_id = fields.Many2one(related="agreement_id.company_id.currency_id")
    line_ids = fields.One2many(
        "hr.performance.variable.whatif.line", "wizard_id", string="Goals"
    )
    total_amount = fields.Monetary(
        "Variable Pay", compute="_compute_total_amount", currency_field="currency_id"
    )

    @api.depends("line_ids.payout")
    def _compute_total_amount(self):
        for wizard in self:
            wizard.total_amount = round(sum(wizard.line_ids.mapped("payout")), 2)

    @api.model
    def _open_for(self, agreement):
        """The what-if of ``agreement`` with the goals' latest achievements."""
        agreement.check_access("read")
        if agreement.pay_model != "variable":
            raise UserError(
                self.env._(
                    "The goal agreement %(name)s has no variable pay.",
                    name=agreement.display_name,
                )
            )
        wizard = self.create(
            {
                "agreement_id": agreement.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "goal_id": goal.id,
                            "achievement": goal.current_achievement,
                        },
                    )
                    for goal in agreement.goal_ids
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("What-If: %(name)s", name=agreement.display_name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class HrPerformanceVariableWhatifLine(models.TransientModel):
    _name = "hr.performance.variable.whatif.line"
    _description = "Variable Pay What-If Line"
    _inherit = ["hr.performance.input.mixin"]

    wizard_id = fields.Many2one(
        "hr.performance.variable.whatif", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    goal_id = fields.Many2one("hr.goal", required=True, readonly=True)
    name = fields.Char(related="goal_id.name", related_sudo=False)
    achievement = fields.Float("Achievement (%)", digits=(16, 2))
    rate = fields.Float("Payout Rate (%)", digits=(16, 2), compute="_compute_pay")
    level = fields.Selection(
        "_rating_level_selection", "Rating Level", compute="_compute_pay"
    )
    bonus_at_100 = fields.Monetary("Bonus at 100 %", compute="_compute_pay")
    payout = fields.Monetary(compute="_compute_pay")

    def _rating_level_selection(self):
        return rating_levels(self.env)

    @api.depends("achievement", "goal_id")
    def _compute_pay(self):
        for line in self:
            line.rate = line.bonus_at_100 = line.payout = 0.0
            line.level = False
        goals = self.goal_id._readable_variable_goals()
        achievements = {}
        for line in self.filtered(lambda ln: ln.goal_id in goals):
            try:
                achievements[line.goal_id.id] = engine_achievement(
                    line.achievement, 100
                )
            except EngineError:
                continue
        results = goals._variable_pay_results(achievements)
        for line in self:
            result = results.get(line.goal_id.id)
            if result is None or line.goal_id.id not in achievements:
                continue
            line.rate = float(result.rate)
            line.level = result.level or False
            line.bonus_at_100 = float(result.bonus_at_100)
            line.payout = float(result.payout)

    @api.constrains("achievement")
    def _check_achievement(self):
        for line in self:
            if not 0 <= line.achievement <= 10000:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The achievement of %(goal)s must lie between 0 and 10,000 %%.",
                        goal=line.goal_id.name,
                    )
                )
