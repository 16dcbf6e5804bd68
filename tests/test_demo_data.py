import re

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_path


def documented_logins():
    """The demo logins listed in README.md (password = login)."""
    with open(file_path("hr_performance/README.md"), encoding="utf-8") as readme:
        text = readme.read()
    section = text.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z.]+)` \|", section, flags=re.M)


@tagged("post_install", "-at_install", "hrp_demo")
class TestDemoData(HttpCase):
    def test_demo_tells_the_story(self):
        company = self.env.ref("base.main_company")
        stadtwerke = self.env.ref("hr_performance.company_stadtwerke")
        employees = self.env["hr.employee"].search(
            [("identification_id", "=like", "P%"), ("company_id", "=", company.id)]
        )
        self.assertGreaterEqual(len(employees), 12)
        departments = employees.department_id
        self.assertEqual(len(departments), 3)
        self.assertTrue(all(departments.mapped("manager_id")))
        self.assertTrue(
            all(e.parent_id for e in employees - departments.manager_id[:1])
        )
        contracts = employees.contract_id
        self.assertEqual(contracts.mapped("state"), ["open"] * len(contracts))
        part_time = contracts.filtered(
            lambda c: (
                c.resource_calendar_id
                == self.env.ref("hr_performance.resource_calendar_part_time_20")
            )
        )
        self.assertEqual(len(part_time), 2)
        self.assertTrue(
            self.env["hr.employee"].search_count([("company_id", "=", stadtwerke.id)])
        )

    def test_every_documented_login_works(self):
        logins = documented_logins()
        self.assertGreaterEqual(len(logins), 9)
        for login in logins:
            with self.subTest(login=login):
                self.authenticate(login, login)
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertEqual(len(user), 1)
                url = "/my" if user.share else "/odoo"
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("/web/login", response.url)
                self.logout()

    def test_login_page_answers(self):
        self.assertEqual(self.url_open("/web/login").status_code, 200)

    def test_wage_type_in_the_demo_structure(self):
        rule = self.env.ref("hr_performance.salary_rule_performance_bonus")
        structure = self.env.ref("base.main_company").payroll_structure_id
        self.assertIn(rule, structure.rule_ids)
        self.assertEqual(rule.category_id.parent_id, self.env.ref("payroll.ALW"))
