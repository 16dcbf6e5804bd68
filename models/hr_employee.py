from collections import Counter

from odoo import api, fields, models


class HrEmployeeBase(models.AbstractModel):
    """Goal agreements on the employee (hr.employee and hr.employee.public).

    Defined on the base model, as hr_holidays does, so that users who can
    only read public employee profiles get the count and the smart button;
    the count follows the user's own access rights on goal agreements.
    """

    _inherit = "hr.employee.base"

    goal_agreement_count = fields.Integer(
        "Goal Agreements", compute="_compute_goal_agreement_count"
    )

    @api.depends_context("uid")
    def _compute_goal_agreement_count(self):
        Agreement = self.env["hr.goal.agreement"]
        counts = Counter()
        if self.ids and Agreement.has_access("read"):
            agreements = Agreement.search_fetch(
                [("employee_id", "in", self.ids)], ["employee_id"]
            )
            counts.update(agreement.employee_id.id for agreement in agreements)
        for employee in self:
            employee.goal_agreement_count = counts.get(employee.id, 0)

    def action_open_goal_agreements(self):
        """The goal agreements of this employee the user may see."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_goal_agreement_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
