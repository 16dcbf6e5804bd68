"""One goal's posting in a monthly run: what it has earned by the payroll
month, what was paid before, and what this run pays, deducts or keeps as a
claim."""

from odoo import fields, models

ENTRY_KINDS = [
    ("pay", "Payment"),
    ("clawback", "Claw-Back"),
    ("claim", "Claim"),
]


class HrPerformanceVariableEntry(models.Model):
    _name = "hr.performance.variable.entry"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Variable Pay Posting of a Goal"
    _order = "payroll_month desc, employee_id, id"

    run_id = fields.Many2one(
        "hr.performance.pay.run", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        "hr.performance.pay.line", required=True, ondelete="cascade", index=True
    )
    run_state = fields.Selection(related="run_id.state", string="State")
    payroll_month = fields.Date(related="run_id.payroll_month", store=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    goal_id = fields.Many2one("hr.goal", required=True, index=True, ondelete="restrict")
    kind = fields.Selection(ENTRY_KINDS, required=True)
    earned = fields.Monetary(
        "Earned So Far", help="What the goal has earned by the payroll month."
    )
    paid_before = fields.Monetary(
        help="Payments, deductions and claims of earlier months."
    )
    amount = fields.Monetary(
        help="Paid (positive) or deducted (negative) with this run; a claim is "
        "not posted."
    )
    open_amount = fields.Monetary(
        "Still to Claw Back", help="What later payslips still deduct."
    )
    final = fields.Boolean(help="The goal's bonus is final (settlement).")
    advance = fields.Monetary(
        "Of Which Advance", help="The part of what was earned paid in advance."
    )
    achievement = fields.Float(digits=(16, 4))
    assumed = fields.Boolean("Assumed Achievement")
