from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentReports(AssessmentCase):
    def setUp(self):
        super().setUp()
        self.employee.sudo().job_title = "Koordinator FFW"
        self.schedule(self.employee)
        self.assessment = self.assessment_of(self.employee)
        self.rate(self.assessment, self.user_manager, {"On time": 4})
        self.assessment.with_user(self.user_manager).action_submit()

    def render(self, xmlid, user, records):
        report = self.env["ir.actions.report"].with_user(user)
        html, _kind = report._render_qweb_html(xmlid, records.ids)
        return html.decode()

    def test_assessment_sheet_as_the_employee(self):
        html = self.render(
            "hr_performance.hr_assessment_report_sheet",
            self.user_employee,
            self.assessment,
        )
        for text in (
            "Employee",
            "Supervisor:",
            "Manager",
            "Koordinator FFW",
            "Quality of Work",
            "On time",
            "Quantity of Work",
            "Result:",
            "3.30",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Leadership", html)

    def test_status_list_as_hr(self):
        html = self.render(
            "hr_performance.hr_assessment_report_status",
            self.user_officer,
            self.assessment,
        )
        self.assertIn("Assessment Status List", html)
        self.assertIn("Employee", html)
        self.assertIn("Submitted", html)
