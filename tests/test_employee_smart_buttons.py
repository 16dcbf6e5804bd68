from odoo.tests import tagged

from .common_assessment import AssessmentCase
from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestEmployeePayButtons(PayRunCase):
    """The employee form counts results and pay lines the user may see."""

    def counts(self, user, employee):
        self.env.invalidate_all()  # a new request: counts are computed afresh
        record = self.env["hr.employee.public"].with_user(user).browse(employee.id)
        return record.performance_result_count, record.performance_pay_line_count

    def test_pay_line_counted_for_the_employee_only_after_approval(self):
        run = self.computed_run()
        self.assertEqual(self.counts(self.user_employee, self.employee), (1, 0))
        self.assertEqual(self.counts(self.user_officer, self.employee), (1, 1))
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(self.counts(self.user_employee, self.employee), (1, 1))
        # a colleague sees neither the result nor the payout of another
        self.assertEqual(self.counts(self.user_colleague, self.employee), (0, 0))
        self.assertEqual(self.counts(self.user_manager, self.employee), (1, 1))
        self.assertEqual(self.counts(self.user_other_officer, self.employee), (0, 0))

    def test_pay_button_opens_only_this_employees_lines(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        employee = self.env["hr.employee"].with_user(self.user_officer)
        action = employee.browse(self.employee.id).action_open_performance_pay_lines()
        self.assertEqual(action["res_model"], "hr.performance.pay.line")
        lines = self.env["hr.performance.pay.line"].with_user(self.user_employee)
        self.assertEqual(
            lines.search(action["domain"]), self.line_of(run, self.employee)
        )
        self.assertFalse(action["context"].get("create", True))


@tagged("post_install", "-at_install")
class TestEmployeeAssessmentButton(AssessmentCase):
    def test_assessment_counted_for_the_employee_once_submitted(self):
        self.schedule(self.employee)
        assessment = self.assessment_of(self.employee)
        public = self.env["hr.employee.public"]
        own = public.with_user(self.user_employee).browse(self.employee.id)
        self.assertEqual(own.assessment_count, 0)
        officer_view = self.employee.with_user(self.user_officer)
        self.assertEqual(officer_view.assessment_count, 1)
        action = officer_view.action_open_assessments()
        self.assertEqual(action["domain"], [("employee_id", "=", self.employee.id)])
        self.rate(assessment, assessment.assessor_id)
        assessment.with_user(assessment.assessor_id).action_submit()
        own.invalidate_recordset()
        self.assertEqual(own.assessment_count, 1)
