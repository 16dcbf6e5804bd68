from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentScheduleWizard(AssessmentCase):
    def test_creates_and_reports_skipped_with_reasons(self):
        self.schedule(self.employee)
        wizard = self.schedule(
            self.employee | self.employee_colleague | self.employee_head
        )
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.created_count, 1)
        self.assertEqual(
            wizard.created_assessment_ids.employee_id, self.employee_colleague
        )
        reasons = {line.employee_id: line.reason for line in wizard.skipped_line_ids}
        self.assertEqual(wizard.skipped_count, 2)
        self.assertIn("already has an assessment", reasons[self.employee])
        self.assertIn("no supervisor", reasons[self.employee_head])

    def test_one_activity_per_assessor(self):
        self.schedule(self.employee | self.employee_colleague | self.employee_portal)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.assessment"),
                ("user_id", "=", self.user_manager.id),
            ]
        )
        self.assertEqual(len(activities), 1)
        self.assertIn("3", activities.summary)
        self.assertEqual(
            activities.activity_type_id,
            self.env.ref("hr_performance.mail_activity_type_assessment_todo"),
        )

    def test_department_named_assessor_and_all_without(self):
        wizard = self.schedule(
            self.env["hr.employee"],
            selection="department",
            department_id=self.department.id,
            assessor_rule="user",
            assessor_user_id=self.user_head.id,
        )
        self.assertEqual(wizard.created_count, 4)
        self.assertEqual(wizard.created_assessment_ids.assessor_id, self.user_head)
        wizard = self.schedule(self.env["hr.employee"], selection="all_without")
        # Only the head is left and has no supervisor.
        self.assertEqual(wizard.created_count, 0)
        self.assertIn(self.employee_head, wizard.skipped_line_ids.employee_id)

    def test_department_head_rule(self):
        wizard = self.schedule(
            self.employee | self.employee_manager, assessor_rule="department_head"
        )
        self.assertEqual(wizard.created_count, 1)
        self.assertEqual(wizard.created_assessment_ids.assessor_id, self.user_manager)
        self.assertIn("no department head", wizard.skipped_line_ids.reason)

    def test_self_assessment_side_by_side(self):
        self.period.sudo().write(
            {"self_assessment_counts": True, "self_assessment_weight": 20}
        )
        self.schedule(self.employee, with_self_assessment=True)
        main = self.assessment_of(self.employee)
        own = self.assessment_of(self.employee, "self")
        self.assertEqual(main.self_assessment_id, own)
        self.assertEqual(own.assessor_id, self.user_employee)
        # The employee fills in the self-assessment but still cannot see
        # the assessor's one.
        self.rate(own, self.user_employee, {"On time": 5, "Carefully": 5, "Volume": 5})
        own.with_user(self.user_employee).action_submit()
        with self.assertRaises(AccessError):
            main.invalidate_recordset()
            main.with_user(self.user_employee).read(["state"])
        self.rate(main, self.user_manager)
        scores = main.with_user(self.user_manager).line_ids.mapped("self_score")
        self.assertEqual(scores, [5.0, 5.0, 5.0])
        main.with_user(self.user_manager).action_submit()
        result = self.env["hr.performance.result"].search(
            [("employee_id", "=", self.employee.id)]
        )
        # 60 % * 80 % + 100 % * 20 % = 68 %
        self.assertAlmostEqual(result.assessment_result, 68.0)
        self.assertAlmostEqual(result.final_result, 68.0)

    def test_only_hr_schedules_and_bad_input(self):
        with self.assertRaises(AccessError):
            self.schedule(self.employee, user=self.user_manager)
        with self.assertRaisesText(UserError, "choose the assessor"):
            self.schedule(self.employee, assessor_rule="user")
        self.assertFalse(self.assessment_of(self.employee))
