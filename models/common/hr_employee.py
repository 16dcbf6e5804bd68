from collections import Counter

from odoo import api, fields, models

#: Smart buttons on the employee: count field -> (model, action xml id).
PERFORMANCE_RECORDS = {
    "goal_agreement_count": (
        "hr.goal.agreement",
        "hr_performance.hr_goal_agreement_action",
    ),
    "assessment_count": ("hr.assessment", "hr_performance.hr_assessment_action"),
    "performance_result_count": (
        "hr.performance.result",
        "hr_performance.hr_performance_result_action",
    ),
    "performance_pay_line_count": (
        "hr.performance.pay.line",
        "hr_performance.hr_performance_pay_line_action",
    ),
}


class HrEmployeeBase(models.AbstractModel):
    """Performance records on the employee (hr.employee and hr.employee.public).

    Defined on the base model, as hr_holidays does, so that users who can
    only read public employee profiles get the counts and the smart buttons;
    each count follows the user's own access rights on those records (an
    employee sees their own pay line only after approval, a manager the
    team's, HR all in its companies).
    """

    _inherit = "hr.employee.base"

    goal_agreement_count = fields.Integer(
        "Goal Agreements", compute="_compute_performance_counts"
    )
    assessment_count = fields.Integer(
        "Assessments", compute="_compute_performance_counts"
    )
    performance_result_count = fields.Integer(
        "Performance Results", compute="_compute_performance_counts"
    )
    performance_pay_line_count = fields.Integer(
        "Performance Pay", compute="_compute_performance_counts"
    )

    @api.depends_context("uid")
    def _compute_performance_counts(self):
        for field_name, (model_name, _action) in PERFORMANCE_RECORDS.items():
            Model = self.env[model_name]
            counts = Counter()
            if self.ids and Model.has_access("read"):
                groups = Model._read_group(
                    [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
                )
                counts.update({employee.id: count for employee, count in groups})
            for employee in self:
                employee[field_name] = counts.get(employee.id, 0)

    def _open_performance_records(self, field_name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            PERFORMANCE_RECORDS[field_name][1]
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    def action_open_goal_agreements(self):
        """The goal agreements of this employee the user may see."""
        return self._open_performance_records("goal_agreement_count")

    def action_open_assessments(self):
        return self._open_performance_records("assessment_count")

    def action_open_performance_results(self):
        return self._open_performance_records("performance_result_count")

    def action_open_performance_pay_lines(self):
        action = self._open_performance_records("performance_pay_line_count")
        action["context"] = {"create": False}
        return action
