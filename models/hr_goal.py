from odoo import api, fields, models

GOAL_LEVELS = [
    ("company", "Company Goal"),
    ("department", "Department Goal"),
    ("personal", "Personal Goal"),
]
CHECKIN_STATUS = [
    ("on_track", "On Track"),
    ("behind", "Behind"),
    ("off_track", "Off Track"),
]


class HrGoal(models.Model):
    """One goal of a goal agreement, at one of the three levels."""

    _name = "hr.goal"
    _description = "Goal"
    _order = "agreement_id, level, sequence, id"

    agreement_id = fields.Many2one(
        "hr.goal.agreement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    employee_user_id = fields.Many2one(
        related="agreement_id.employee_user_id", store=True, index=True
    )
    supervisor_user_id = fields.Many2one(
        related="agreement_id.supervisor_user_id", store=True, index=True
    )
    state = fields.Selection(related="agreement_id.state")
    level = fields.Selection(GOAL_LEVELS, required=True, default="personal")
    sequence = fields.Integer(default=10)
    name = fields.Char("Title", required=True)
    description = fields.Html()
    weight = fields.Float("Weight (%)", help="Weight within its level.")
    success_criteria = fields.Text()
    actions = fields.Text(help="What the employee does to reach the goal.")
    resources = fields.Text(help="What the employee must be given to reach the goal.")
    target_value = fields.Float("Target")
    actual_value = fields.Float("Actual")
    unit = fields.Char()
    deadline = fields.Date()
    achievement = fields.Float(
        copy=False,
        help="Achievement of the goal in percent or points, per the period.",
    )
    period_goal_id = fields.Many2one(
        "hr.performance.period.goal",
        string="From Company/Department Goal",
        index="btree_not_null",
        ondelete="set null",
    )
    template_id = fields.Many2one(
        "hr.goal.template", index="btree_not_null", ondelete="set null"
    )
    checkin_ids = fields.One2many("hr.goal.checkin", "goal_id")
    last_checkin_id = fields.Many2one(
        "hr.goal.checkin", compute="_compute_last_checkin", store=True
    )
    last_progress = fields.Float(related="last_checkin_id.progress")
    last_status = fields.Selection(related="last_checkin_id.status")

    @api.depends("checkin_ids.date")
    def _compute_last_checkin(self):
        for goal in self:
            goal.last_checkin_id = goal.checkin_ids.sorted(
                lambda checkin: (checkin.date, checkin.id)
            )[-1:]
