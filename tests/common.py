"""Shared fixtures: one user per role, employees linked by supervisor."""

import contextlib

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

GROUP_EMPLOYEE = "hr_performance.group_hr_performance_employee"
GROUP_MANAGER = "hr_performance.group_hr_performance_manager"
GROUP_OFFICER = "hr_performance.group_hr_performance_officer"
GROUP_ADMIN = "hr_performance.group_hr_performance_admin"
GROUP_PAYROLL = "payroll.group_payroll_user"


class HrPerformanceCase(TransactionCase):
    """Users for every role and a small organisation in two companies.

    Supervisor chain: head -> manager -> employee (and colleague); the portal
    employee also reports to the manager. ``other_*`` live in a second
    company and must never see anything of the first.
    """

    @classmethod
    def new_user(cls, login, groups, company=None):
        """A test user of ``company`` (default: the first) only."""
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})

        user = cls.new_user

        cls.user_employee = user("hrp_employee", "base.group_user")
        cls.user_colleague = user("hrp_colleague", "base.group_user")
        cls.user_manager = user("hrp_manager", f"base.group_user,{GROUP_MANAGER}")
        cls.user_head = user("hrp_head", f"base.group_user,{GROUP_MANAGER}")
        cls.user_officer = user("hrp_officer", f"base.group_user,{GROUP_OFFICER}")
        cls.user_admin = user("hrp_admin", f"base.group_user,{GROUP_ADMIN}")
        cls.user_payroll = user("hrp_payroll", f"base.group_user,{GROUP_PAYROLL}")
        cls.user_portal = user("hrp_portal", "base.group_portal")
        cls.user_other_officer = user(
            "hrp_other_officer",
            f"base.group_user,{GROUP_OFFICER}",
            company=cls.other_company,
        )

        cls.department = cls.env["hr.department"].create({"name": "Bürgeramt"})
        Employee = cls.env["hr.employee"]
        cls.employee_head = Employee.create(
            {"name": "Head", "user_id": cls.user_head.id}
        )
        cls.employee_manager = Employee.create(
            {
                "name": "Manager",
                "user_id": cls.user_manager.id,
                "parent_id": cls.employee_head.id,
                "department_id": cls.department.id,
            }
        )
        cls.department.manager_id = cls.employee_manager
        team = {
            "parent_id": cls.employee_manager.id,
            "department_id": cls.department.id,
        }
        cls.employee = Employee.create(
            {"name": "Employee", "user_id": cls.user_employee.id, **team}
        )
        cls.employee_colleague = Employee.create(
            {"name": "Colleague", "user_id": cls.user_colleague.id, **team}
        )
        cls.employee_portal = Employee.create(
            {"name": "Portal Employee", "user_id": cls.user_portal.id, **team}
        )
        cls.employee_other = Employee.create(
            {
                "name": "Other Company Employee",
                "company_id": cls.other_company.id,
                "resource_calendar_id": cls.other_company.resource_calendar_id.id,
            }
        )

    # ------------------------------------------------------------------
    # Small creation helpers (as HR administrator, fixed dates)
    # ------------------------------------------------------------------
    @classmethod
    def create_payroll_structure(cls):
        """A small salary structure BASIC + ALW = GROSS with the bonus wage
        type, its category hung under a fresh ALW category."""
        Category = cls.env["hr.salary.rule.category"]
        basic = Category.create({"name": "Basic", "code": "BASIC"})
        Category.create({"name": "Allowance", "code": "ALW"})
        gross = Category.create({"name": "Gross", "code": "GROSS"})
        cls.env.ref(
            "hr_performance.salary_rule_category_performance_bonus"
        ).parent_id = False
        Category._hr_performance_attach_to_allowance()
        rules = cls.env["hr.salary.rule"].create(
            [
                {
                    "name": "Basic",
                    "code": "BASIC",
                    "sequence": 1,
                    "category_id": basic.id,
                    "amount_select": "code",
                    "amount_python_compute": "result = contract.wage",
                },
                {
                    "name": "Gross",
                    "code": "GROSS",
                    "sequence": 100,
                    "category_id": gross.id,
                    "amount_select": "code",
                    "amount_python_compute": (
                        "result = categories.BASIC + categories.ALW"
                    ),
                },
            ]
        )
        bonus_rule = cls.env.ref(
            "hr_performance.salary_rule_performance_bonus"
        ) | cls.env.ref("hr_performance.salary_rule_variable_pay")
        return cls.env["hr.payroll.structure"].create(
            {
                "name": "TVöD",
                "code": "TVOD",
                "company_id": cls.company.id,
                "rule_ids": [(6, 0, (rules | bonus_rule).ids)],
            }
        )

    @classmethod
    def create_period(cls, **values):
        vals = {
            "name": "2027",
            "date_from": "2027-01-01",
            "date_to": "2027-12-31",
            "company_id": cls.company.id,
            "state": "open",
        }
        vals.update(values)
        return cls.env["hr.performance.period"].with_user(cls.user_admin).create(vals)

    @classmethod
    def create_agreement(cls, employee, period, goals=None, **values):
        """A draft agreement; ``goals`` are (level, title, weight) triples."""
        goals = (
            goals
            if goals is not None
            else [
                ("company", "Haushalt einhalten", 100),
                ("department", "Wartezeiten senken", 100),
                ("personal", "Fortbildung E-Akte", 60),
                ("personal", "Bescheide fristgerecht", 40),
            ]
        )
        vals = {
            "employee_id": employee.id,
            "period_id": period.id,
            "supervisor_id": employee.parent_id.id,
            "goal_ids": [
                (0, 0, {"level": level, "name": name, "weight": weight})
                for level, name, weight in goals
            ],
        }
        vals.update(values)
        return cls.env["hr.goal.agreement"].with_user(cls.user_admin).create(vals)

    # ------------------------------------------------------------------
    # Workflow helper (goal agreement)
    # ------------------------------------------------------------------
    WORKFLOW_STEPS = ("submitted", "agreed", "in_progress", "rating", "rated", "closed")

    def advance_agreement(self, agreement, state):
        """Drive a draft ``agreement`` to ``state`` through the real buttons,
        each pressed by the user who may press it."""
        if state == "draft":
            self.assertEqual(agreement.state, "draft")
            return agreement
        employee_user = agreement.employee_user_id
        supervisor_user = agreement.supervisor_user_id
        start = 0
        if agreement.state in self.WORKFLOW_STEPS:
            start = self.WORKFLOW_STEPS.index(agreement.state) + 1
        steps = self.WORKFLOW_STEPS[start : self.WORKFLOW_STEPS.index(state) + 1]
        for step in steps:
            as_supervisor = agreement.with_user(supervisor_user)
            if step == "submitted":
                as_supervisor.action_submit()
            elif step == "agreed":
                agreement.with_user(employee_user).action_agree()
                as_supervisor.action_agree()
            elif step == "in_progress":
                as_supervisor.action_start()
            elif step == "rating":
                as_supervisor.action_start_rating()
            elif step == "rated":
                rater = (
                    self.user_officer
                    if agreement.period_id.rating_by == "hr"
                    else supervisor_user
                )
                agreement.with_user(rater).action_finish_rating()
            elif step == "closed":
                agreement.with_user(self.user_officer).action_close()
        self.assertEqual(agreement.state, state)
        return agreement

    @contextlib.contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) that also checks the message contains ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def walk_states(self, record, target, **values):
        """Move ``record`` to state ``target`` by superuser state writes along
        the edges of its workflow graph (the kernel refuses any jump), then
        write ``values``: a fixture for states whose buttons' side effects a
        test does not need."""
        record = record.sudo()
        steps = record._workflow_steps
        paths = {record.state: []}
        queue = [record.state]
        while queue and target not in paths:
            state = queue.pop(0)
            for step in steps.values():
                if state in step.sources and step.target and step.target not in paths:
                    paths[step.target] = paths[state] + [step.target]
                    queue.append(step.target)
        self.assertIn(target, paths, f"no path to {target} in {record._name}")
        for state in paths[target]:
            record.write({"state": state})
        if values:
            record.write(values)
        return record


class TwoAgreementsCase(HrPerformanceCase):
    """A period with the goal agreements of the employee and the colleague."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        cls.agreement = cls.create_agreement(cls.employee, cls.period)
        cls.colleague_agreement = cls.create_agreement(
            cls.employee_colleague, cls.period
        )
