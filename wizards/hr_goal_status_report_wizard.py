from odoo import fields, models
from odoo.exceptions import UserError

STATUS_LIST_REPORT = "hr_performance.hr_goal_agreement_report_status_list"


class HrGoalStatusReportWizard(models.TransientModel):
    """Print the status list (Prüfliste) of one period's goal agreements."""

    _name = "hr.goal.status.report.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Print Status List of Goal Agreements"

    period_id = fields.Many2one(
        "hr.performance.period",
        required=True,
        default=lambda self: self._default_period(),
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Only these departments; leave empty for all departments.",
    )
    include_cancelled = fields.Boolean(
        "Include Cancelled Agreements",
        help="Also list agreements that were cancelled.",
    )

    def _default_period(self):
        Period = self.env["hr.performance.period"]
        return Period.search(
            [("company_id", "in", self.env.companies.ids), ("state", "=", "open")],
            limit=1,
        ) or Period.search([("company_id", "in", self.env.companies.ids)], limit=1)

    def _get_status_domain(self):
        self.ensure_one()
        domain = [("period_id", "=", self.period_id.id)]
        if self.department_ids:
            domain.append(("department_id", "in", self.department_ids.ids))
        if not self.include_cancelled:
            domain.append(("state", "!=", "cancelled"))
        return domain

    def action_print(self):
        """Print the status list for the agreements the user may read."""
        self.ensure_one()
        domain = self._get_status_domain()
        if not self.env["hr.goal.agreement"].search_count(domain, limit=1):
            raise UserError(
                self.env._(
                    "There are no goal agreements in the period %(period)s "
                    "for this selection.",
                    period=self.period_id.display_name,
                )
            )
        return self.env.ref(STATUS_LIST_REPORT).report_action(
            self.env["hr.goal.agreement"], data={"status_domain": domain}
        )
