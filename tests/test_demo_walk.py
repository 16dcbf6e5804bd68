"""The German demo walked in a real browser as its roles do: a list on the
current period, an agreement signed on behalf, a final run that offsets the
advances, a multi-record PDF whose text reads back, a payslip with the bonus.
"""

from odoo.tests import HttpCase, tagged

from .common_pdf import PdfPagesMixin

REPORT_STATEMENT = "hr_performance.hr_performance_pay_line_report_statement"


@tagged("post_install", "-at_install", "hrp_demo")
class TestDemoWalk(PdfPagesMixin, HttpCase):
    def test_hr_officer_signs_on_behalf_from_the_current_period(self):
        richter = self.env.ref("hr_performance.employee_richter")
        agreement = self.env["hr.goal.agreement"].search(
            [
                ("employee_id", "=", richter.id),
                ("period_id", "=", self.env.ref("hr_performance.period_2026").id),
            ]
        )
        self.assertEqual(agreement.state, "draft")
        self.start_tour(
            "/odoo/action-hr_performance.hr_goal_agreement_action",
            "hrp_demo_walk_hr_officer",
            login="hr.officer",
        )
        self.assertEqual(agreement.state, "agreed")
        self.assertTrue(agreement.employee_agreed_on)

    def test_hr_admin_sees_the_final_run_offset_the_advance(self):
        self.start_tour(
            "/odoo/action-hr_performance.hr_performance_pay_run_action",
            "hrp_demo_walk_hr_admin",
            login="hr.admin",
        )

    def test_payroll_sees_the_bonus_on_the_payslip(self):
        schmidt = self.env.ref("hr_performance.employee_schmidt")
        slip = self.env["hr.payslip"].search(
            [("employee_id", "=", schmidt.id), ("date_from", "=", "2026-12-01")]
        )
        self.assertEqual(len(slip), 1)
        self.start_tour(
            f"/odoo/action-payroll.hr_payslip_action/{slip.id}",
            "hrp_demo_walk_payroll",
            login="payroll",
        )

    def test_statements_of_the_final_run_print_in_german(self):
        final = self.env["hr.performance.pay.run"].search(
            [("name", "=", "Leistungsentgelt 2025 – Endabrechnung")]
        )
        lines = final.line_ids.sorted("id")
        self.assertEqual(len(lines), 2)
        officer = self.env.ref("hr_performance.user_krueger")
        pages = self.pdf_pages(REPORT_STATEMENT, lines, officer, lang="de_DE")
        text = "\n".join(pages)
        self.assertGreaterEqual(len(pages), 2)
        for name in ("Anna Schmidt", "Lukas Meyer"):
            self.assertIn(name, text)
        self.assertIn("Leistungsentgelt – Abrechnungserläuterung", text)
        self.assertIn("Bereits gezahlte Abschläge", text)
        self.assertIn("-800,00", text)
        for page in pages:
            self.assertIn("Rathausplatz 1", page)
