from odoo import fields, models


class HrPerformancePeriodGoal(models.Model):
    """A company or department goal that HR maintains for one period.

    Taken over into goal agreements as goal lines of the matching level.
    """

    _name = "hr.performance.period.goal"
    _description = "Company or Department Goal"
    _inherit = ["mail.thread"]
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
