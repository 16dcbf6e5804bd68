from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import formatLang

from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestPayStatement(PayRunCase):
    """The statement explains one payout step by step, to the right people."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee.sudo().identification_id = "PN-4711"

    def setUp(self):
        super().setUp()
        self.run = self.computed_run()

    def approve(self):
        self.run.with_user(self.user_admin).action_approve()

    def render(self, user, lines):
        return self.render_statement(user, lines)

    def money(self, line, value):
        return formatLang(self.env, value, currency_obj=line.currency_id)

    def test_statement_numbers_match_the_line(self):
        line = self.line_of(self.run, self.employee)
        line.with_user(self.user_officer)._apply_correction(
            "points", 50.0, "Complaint upheld in part"
        )
        self.approve()
        line.invalidate_recordset()
        html = self.render(self.user_officer, line)
        self.assertEqual(line.points, 50.0)
        for text in (
            "Employee",
            "PN-4711",
            self.run.display_name,
            self.group_all.name,
            formatLang(self.env, 45.0, digits=2),  # result
            formatLang(self.env, line.pay_factor, digits=4),
            formatLang(self.env, line.part_time_share, digits=4),
            formatLang(self.env, line.employed_share, digits=4),
            formatLang(self.env, line.points_computed, digits=4),
            formatLang(self.env, line.points, digits=4),
            "Complaint upheld in part",
            formatLang(self.env, line.value_per_point, digits=6),
            formatLang(self.env, line.exact_amount, digits=6),
            self.money(line, line.rounding_adjustment),
            self.money(line, line.amount_distributed),
            self.money(line, line.amount),
        ):
            self.assertIn(text, html)
        # 1000 EUR over 50 + 30 + 60 = 140 points: 357.14... for 50 points
        self.assertEqual(f"{line.amount:.2f}", "357.14")
        self.assertIn("357.14", html)
        # value per point = sub-budget / points of the group
        self.assertIn(self.money(line, 1000.0), html)
        self.assertIn(formatLang(self.env, 140.0, digits=4), html)
        self.assertNotIn("Colleague", html)

    def test_amount_correction_is_explained_with_its_reason(self):
        line = self.line_of(self.run, self.employee)
        line.with_user(self.user_officer)._apply_correction(
            "amount", 400.0, "Agreed with the staff council"
        )
        html = self.render(self.user_officer, line)
        self.assertIn(self.money(line, line.amount_distributed), html)
        self.assertIn(self.money(line, 400.0), html)
        self.assertIn("Agreed with the staff council", html)

    def test_employee_prints_own_statement_only_after_approval(self):
        line = self.line_of(self.run, self.employee)
        with self.assertRaises(AccessError):
            self.render(self.user_employee, line)
        self.approve()
        html = self.render(self.user_employee, line)
        self.assertIn(self.money(line, line.amount), html)
        self.assertIn("PN-4711", html, "own personnel number")
        with self.assertRaises(AccessError):
            self.render(
                self.user_employee, self.line_of(self.run, self.employee_colleague)
            )
        with self.assertRaises(AccessError):
            self.render(self.user_colleague, line)

    def test_manager_prints_team_statements_per_period_setting(self):
        self.approve()
        line = self.line_of(self.run, self.employee)
        html = self.render(self.user_manager, line)
        self.assertIn(self.money(line, line.amount), html)
        self.assertNotIn("PN-4711", html, "no personnel number for managers")
        self.period.pay_manager_visible = False
        self.env.flush_all()
        with self.assertRaises(AccessError):
            self.render(self.user_manager, line)

    def test_other_company_sees_nothing(self):
        self.approve()
        line = self.line_of(self.run, self.employee)
        with self.assertRaises(AccessError):
            self.render(self.user_other_officer, line)
        with self.assertRaises(AccessError):
            line.with_user(self.user_other_officer).action_print_statement()

    def test_run_prints_the_statements_of_all_lines(self):
        self.approve()
        action = self.run.with_user(self.user_officer).action_print_statements()
        self.assertEqual(action["report_name"], "hr_performance.report_pay_statement")
        self.assertEqual(
            sorted(action["context"]["active_ids"]), sorted(self.run.line_ids.ids)
        )
        html = self.render(self.user_officer, self.run.line_ids)
        for employee in self.staff:
            line = self.line_of(self.run, employee)
            self.assertIn(employee.name, html)
            self.assertIn(self.money(line, line.amount), html)
        own = self.line_of(self.run, self.employee)
        action = own.with_user(self.user_employee).action_print_statement()
        self.assertEqual(action["context"]["active_ids"], own.ids)
