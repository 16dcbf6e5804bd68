from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalTakeoverWizard(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        PeriodGoal = cls.env["hr.performance.period.goal"].with_user(cls.user_admin)
        cls.company_goal = PeriodGoal.create(
            {
                "period_id": cls.period.id,
                "level": "company",
                "name": "Haushalt einhalten",
                "weight": 100,
            }
        )
        cls.other_department = cls.env["hr.department"].create({"name": "Kämmerei"})
        cls.department_goal = PeriodGoal.create(
            {
                "period_id": cls.period.id,
                "level": "department",
                "department_id": cls.department.id,
                "name": "Wartezeiten senken",
                "weight": 100,
                "target_value": 20,
                "unit": "Minuten",
            }
        )
        cls.other_department_goal = PeriodGoal.create(
            {
                "period_id": cls.period.id,
                "level": "department",
                "department_id": cls.other_department.id,
                "name": "Jahresabschluss pünktlich",
                "weight": 100,
            }
        )
        Template = cls.env["hr.goal.template"].with_user(cls.user_admin)
        cls.template_parent = Template.create(
            {"name": "Fortbildung", "level": "personal", "weight": 40}
        )
        cls.template = Template.create(
            {
                "name": "Fortbildung E-Akte",
                "parent_id": cls.template_parent.id,
                "actions": "Schulung im Frühjahr",
            }
        )
        cls.team = cls.employee | cls.employee_colleague | cls.employee_portal
        cls.hr_user = cls.user_officer

    def run_wizard(self, user=None, **values):
        vals = {
            "period_id": self.period.id,
            "source": "templates",
            "template_ids": [Command.set(self.template.ids)],
            "scope": "employees",
            "employee_ids": [Command.set(self.team.ids)],
        }
        vals.update(values)
        wizard = (
            self.env["hr.goal.takeover.wizard"]
            .with_user(user or self.hr_user)
            .create(vals)
        )
        wizard.action_apply()
        return wizard

    def agreement_of(self, employee):
        return self.env["hr.goal.agreement"].search(
            [("employee_id", "=", employee.id), ("period_id", "=", self.period.id)]
        )

    def results_by_employee(self, wizard):
        return {line.employee_id: line for line in wizard.result_ids}

    def test_creates_draft_agreements_with_template_goals(self):
        wizard = self.run_wizard()
        self.assertEqual(wizard.created_count, 3)
        agreement = self.agreement_of(self.employee)
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.supervisor_id, self.employee_manager)
        goal = agreement.goal_ids
        self.assertEqual(goal.name, "Fortbildung E-Akte")
        self.assertEqual(goal.template_id, self.template)
        # resolved along the template tree
        self.assertEqual(goal.level, "personal")
        self.assertEqual(goal.weight, 40)
        self.assertEqual(goal.actions, "Schulung im Frühjahr")
        lines = self.results_by_employee(wizard)
        self.assertEqual(lines[self.employee].action, "created")
        self.assertEqual(lines[self.employee].agreement_id, agreement)
        self.assertEqual(lines[self.employee].goal_count, 1)

    def test_department_head_signs_when_the_period_says_so(self):
        self.period.signer = "department_head"
        self.employee_manager.parent_id = False
        self.run_wizard(
            employee_ids=[Command.set((self.employee | self.employee_manager).ids)]
        )
        # the department head (the manager) signs for the employee...
        self.assertEqual(
            self.agreement_of(self.employee).supervisor_id, self.employee_manager
        )
        # ...but not for himself: his own supervisor would, and he has none.
        self.assertFalse(self.agreement_of(self.employee_manager))

    def test_updates_existing_draft_and_keeps_existing_lines(self):
        agreement = self.create_agreement(self.employee, self.period, goals=[])
        self.run_wizard(source="company", employee_ids=[Command.set(self.employee.ids)])
        self.assertEqual(agreement.goal_ids.period_goal_id, self.company_goal)
        agreement.goal_ids.name = "Haushalt einhalten (angepasst)"
        wizard = self.run_wizard(
            source="company", employee_ids=[Command.set(self.employee.ids)]
        )
        self.assertEqual(wizard.unchanged_count, 1)
        self.assertEqual(len(agreement.goal_ids), 1)
        self.assertEqual(agreement.goal_ids.name, "Haushalt einhalten (angepasst)")
        wizard = self.run_wizard(employee_ids=[Command.set(self.employee.ids)])
        self.assertEqual(wizard.updated_count, 1)
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(
            sorted(agreement.goal_ids.mapped("name")),
            ["Fortbildung E-Akte", "Haushalt einhalten (angepasst)"],
        )
        self.assertEqual(len(self.agreement_of(self.employee)), 1)

    def test_skips_agreements_that_are_not_draft(self):
        agreement = self.create_agreement(self.employee, self.period, goals=[])
        # set the state directly: the agreement workflow is tested elsewhere
        self.env.cr.execute(
            SQL(
                "UPDATE hr_goal_agreement SET state = 'agreed' WHERE id = %s",
                agreement.id,
            )
        )
        agreement.invalidate_recordset(["state"])
        wizard = self.run_wizard()
        line = self.results_by_employee(wizard)[self.employee]
        self.assertEqual(line.action, "skipped")
        self.assertIn("Agreed", line.reason)
        self.assertIn("revision", line.reason)
        self.assertFalse(agreement.goal_ids)
        self.assertEqual(wizard.created_count, 2)

    def test_company_goals_respect_excluded_employees(self):
        self.company_goal.excluded_employee_ids = self.employee_colleague
        wizard = self.run_wizard(source="company")
        self.assertEqual(
            self.agreement_of(self.employee).goal_ids.period_goal_id, self.company_goal
        )
        self.assertFalse(self.agreement_of(self.employee_colleague))
        line = self.results_by_employee(wizard)[self.employee_colleague]
        self.assertEqual(line.action, "skipped")
        self.assertTrue(line.reason)

    def test_department_goals_only_reach_their_department(self):
        self.employee_colleague.department_id = self.other_department
        self.run_wizard(source="department", scope="company")
        self.assertEqual(
            self.agreement_of(self.employee).goal_ids.period_goal_id,
            self.department_goal,
        )
        self.assertEqual(
            self.agreement_of(self.employee_colleague).goal_ids.period_goal_id,
            self.other_department_goal,
        )
        goal = self.agreement_of(self.employee).goal_ids
        self.assertEqual(
            (goal.level, goal.target_value, goal.unit), ("department", 20, "Minuten")
        )
        # employees without a department get no department goal
        self.assertFalse(self.agreement_of(self.employee_head))

    def test_department_scope(self):
        self.employee_colleague.department_id = self.other_department
        wizard = self.run_wizard(scope="department", department_id=self.department.id)
        self.assertEqual(
            wizard.result_ids.employee_id,
            self.employee | self.employee_portal | self.employee_manager,
        )
        self.assertFalse(self.agreement_of(self.employee_colleague))

    def test_company_scope_stays_in_the_period_company(self):
        wizard = self.run_wizard(scope="company")
        self.assertNotIn(self.employee_other, wizard.result_ids.employee_id)
        self.assertIn(self.employee_head, wizard.result_ids.employee_id)

    def test_closed_period_is_refused(self):
        self.period.state = "closed"
        with self.assertRaisesRegex(UserError, "is closed"):
            self.run_wizard()
        self.assertFalse(self.agreement_of(self.employee))

    def test_employee_without_supervisor_is_skipped(self):
        wizard = self.run_wizard(
            employee_ids=[Command.set((self.employee | self.employee_head).ids)]
        )
        lines = self.results_by_employee(wizard)
        self.assertEqual(lines[self.employee].action, "created")
        self.assertEqual(lines[self.employee_head].action, "skipped")
        self.assertIn("supervisor", lines[self.employee_head].reason)
        self.assertFalse(self.agreement_of(self.employee_head))

    def test_reports_on_the_period(self):
        wizard = self.run_wizard()
        self.assertEqual(wizard.state, "done")
        message = self.period.message_ids[:1]
        self.assertIn("3 agreements created", message.body)
        self.assertEqual(message.author_id, self.hr_user.partner_id)
        # no chatter message on the created agreements
        self.assertFalse(self.agreement_of(self.employee).message_ids)

    def test_employee_and_manager_cannot_run_the_wizard(self):
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(AccessError):
                self.run_wizard(user=user)
        wizard = (
            self.env["hr.goal.takeover.wizard"]
            .with_user(self.hr_user)
            .create(
                {
                    "period_id": self.period.id,
                    "template_ids": [Command.set(self.template.ids)],
                    "employee_ids": [Command.set(self.team.ids)],
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_manager).action_apply()
        self.assertFalse(self.agreement_of(self.employee))

    def test_other_company_officer_cannot_use_the_period(self):
        with self.assertRaises(AccessError):
            self.run_wizard(user=self.user_other_officer)
