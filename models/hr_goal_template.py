from odoo import api, fields, models

from .hr_goal import GOAL_LEVELS


class HrGoalTemplate(models.Model):
    """A reusable, partly filled goal. Templates build on templates: a
    child inherits every field it leaves empty from its parent."""

    _name = "hr.goal.template"
    _description = "Goal Template"
    _parent_store = True
    _order = "complete_name, id"

    name = fields.Char("Title", required=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "hr.goal.template", string="Builds On", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("hr.goal.template", "parent_id")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    level = fields.Selection(GOAL_LEVELS)
    description = fields.Html()
    weight = fields.Float("Weight (%)")
    success_criteria = fields.Text()
    actions = fields.Text()
    resources = fields.Text()
    target_value = fields.Float("Target")
    unit = fields.Char()

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for template in self:
            if template.parent_id:
                template.complete_name = (
                    f"{template.parent_id.complete_name} / {template.name or ''}"
                )
            else:
                template.complete_name = template.name or ""
