from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformancePeriodGoal(models.Model):
    """A company or department goal that HR maintains for one period.

    Taken over into goal agreements as goal lines of the matching level.
    """

    _name = "hr.performance.period.goal"
    _description = "Company or Department Goal"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "period_id, level, sequence, id"

    period_id = fields.Many2one(
        "hr.performance.period", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    level = fields.Selection(
        [("company", "Company Goal"), ("department", "Department Goal")],
        required=True,
        default="company",
    )
    department_id = fields.Many2one(
        "hr.department",
        help="The department whose employees share this goal (department goals).",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Title", required=True, tracking=True)
    description = fields.Html()
    weight = fields.Float(
        "Weight (%)", default=100.0, tracking=True, help="Weight within its level."
    )
    success_criteria = fields.Text()
    target_value = fields.Float("Target")
    unit = fields.Char()
    deadline = fields.Date()
    excluded_employee_ids = fields.Many2many(
        "hr.employee",
        string="Excluded Employees",
        help="Employees who cannot influence this goal; it is not taken over "
        "into their agreements.",
    )

    @api.constrains("level", "department_id", "weight")
    def _check_level(self):
        for goal in self:
            if goal.level == "department" and not goal.department_id:
                raise ValidationError(
                    self.env._(
                        "The department goal %(name)s of period %(period)s needs a "
                        "department.",
                        name=goal.name,
                        period=goal.period_id.display_name,
                    )
                )
            if not 0 <= goal.weight <= 100:  # also NaN
                raise ValidationError(
                    self.env._(
                        "The weight of goal %(name)s of period %(period)s must lie "
                        "between 0 and 100.",
                        name=goal.name,
                        period=goal.period_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        period_ids = {vals.get("period_id") for vals in vals_list}
        self.env["hr.performance.period"].browse(period_ids)._check_open()
        return super().create(vals_list)

    def write(self, vals):
        self.period_id._check_open()
        if vals.get("period_id"):
            self.env["hr.performance.period"].browse(vals["period_id"])._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_period(self):
        self.period_id._check_open()
