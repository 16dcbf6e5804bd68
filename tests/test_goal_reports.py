"""Printable reports of goal agreements: agreement, result sheet, status list."""

import re

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase

AGREEMENT_REPORT = "hr_performance.hr_goal_agreement_report_agreement"
RESULT_REPORT = "hr_performance.hr_goal_agreement_report_result"
STATUS_REPORT = "hr_performance.hr_goal_agreement_report_status_list"


def html_text(content):
    """The visible text of a rendered report, whitespace collapsed."""
    text = lxml_html.fromstring(content).text_content()
    return re.sub(r"\s+", " ", text)


@tagged("post_install", "-at_install")
class TestGoalReports(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee.sudo().identification_id = "PN-4711"
        cls.employee.sudo().job_title = "Sachbearbeiterin Bürgerdienste"
        cls.period = cls.create_period(
            weight_company=10.0,
            weight_department=30.0,
            weight_personal=60.0,
            agreement_deadline="2027-02-28",
            rating_deadline="2028-01-31",
        )
        cls.agreement = cls.create_agreement(
            cls.employee,
            cls.period,
            goals=[
                ("company", "Haushalt einhalten", 100),
                ("department", "Wartezeiten senken", 100),
                ("personal", "Fortbildung E-Akte", 60),
                ("personal", "Bescheide fristgerecht", 40),
            ],
        )
        goal = cls.agreement.goal_ids.filtered(
            lambda goal: goal.name == "Wartezeiten senken"
        )
        goal.sudo().write(
            {
                "success_criteria": "Mittlere Wartezeit unter 15 Minuten",
                "actions": "Terminvergabe online",
                "resources": "Zweiter Schalter",
                "target_value": 15,
                "unit": "Minuten",
                "deadline": "2027-09-30",
            }
        )
        cls.colleague_agreement = cls.create_agreement(
            cls.employee_colleague, cls.period
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def render(self, user, report, records, data=None):
        self.env.flush_all()
        self.env.invalidate_all()
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, records.ids, data=data)
        )
        self.assertEqual(report_type, "html")
        return html_text(content)

    def set_agreed(self, agreement):
        """Agree through the buttons: employee on 10 Feb, supervisor on 11 Feb."""
        self.advance_agreement(agreement, "submitted")
        with freeze_time("2027-02-10 08:30:00"):
            agreement.with_user(agreement.employee_user_id).action_agree()
        with freeze_time("2027-02-11 09:45:00"):
            agreement.with_user(agreement.supervisor_user_id).action_agree()
        self.assertEqual(agreement.state, "agreed")
        return agreement

    def set_rated(self, agreement):
        """Rate: 100 / 80 / (120 * 60 % + 90 * 40 %) = 108 -> 98.80 total."""
        achievements = {
            "Haushalt einhalten": 100,
            "Wartezeiten senken": 80,
            "Fortbildung E-Akte": 120,
            "Bescheide fristgerecht": 90,
        }
        self.advance_agreement(agreement, "rating")
        for goal in agreement.goal_ids:
            goal.with_user(self.user_manager).write(
                {"achievement": achievements[goal.name]}
            )
        self.advance_agreement(agreement, "rated")
        self.assertEqual(agreement.result_total, 98.8)
        return agreement

    # ------------------------------------------------------------------
    # goal agreement
    # ------------------------------------------------------------------
    def test_agreement_report_as_employee(self):
        text = self.render(self.user_employee, AGREEMENT_REPORT, self.agreement)
        self.assertIn("Goal Agreement", text)
        self.assertIn("Employee", text)
        self.assertIn("Sachbearbeiterin Bürgerdienste", text)
        self.assertIn("Bürgeramt", text)
        self.assertIn("Manager", text)
        # goals grouped by level, in the order company, department, personal,
        # with the level weights of the period and the goal weights
        positions = [
            text.index("Company Goal Level weight: 10 %"),
            text.index("Department Goal Level weight: 30 %"),
            text.index("Personal Goal Level weight: 60 %"),
        ]
        self.assertEqual(positions, sorted(positions))
        self.assertIn("Fortbildung E-Akte 60 %", text)
        self.assertIn("Bescheide fristgerecht 40 %", text)
        self.assertIn("Success criteria: Mittlere Wartezeit unter 15 Minuten", text)
        self.assertIn("Actions: Terminvergabe online", text)
        self.assertIn("Resources: Zweiter Schalter", text)
        self.assertIn("15 Minuten", text)
        self.assertIn("09/30/2027", text)
        # signature lines for both sides
        self.assertIn("Place, date", text)
        self.assertIn("Signature of the employee: Employee", text)
        self.assertIn("Signature of the supervisor: Manager", text)
        # nothing agreed yet, no results in an agreement
        self.assertNotIn("Agreed electronically", text)
        # plain employees do not see personnel numbers
        self.assertNotIn("PN-4711", text)
        self.assertNotIn("Personnel Number", text)

    def test_agreement_report_prints_agreement_timestamps(self):
        self.set_agreed(self.agreement)
        text = self.render(self.user_manager, AGREEMENT_REPORT, self.agreement)
        self.assertIn(
            f"Agreed electronically: {self.user_employee.name}, 02/10/2027 08:30:00",
            text,
        )
        self.assertIn(
            f"Agreed electronically: {self.user_manager.name}, 02/11/2027 09:45:00",
            text,
        )

    def test_agreement_report_personnel_number_for_hr(self):
        text = self.render(self.user_officer, AGREEMENT_REPORT, self.agreement)
        self.assertIn("Personnel Number PN-4711", text)

    def test_manager_prints_team_agreements(self):
        agreements = self.agreement | self.colleague_agreement
        text = self.render(self.user_manager, AGREEMENT_REPORT, agreements)
        self.assertEqual(text.count("Signature of the supervisor: Manager"), 2)
        self.assertIn("Signature of the employee: Colleague", text)
        self.assertIn("Signature of the employee: Employee", text)

    def test_employee_cannot_print_colleague_agreement(self):
        with self.assertRaises(AccessError):
            self.render(self.user_employee, AGREEMENT_REPORT, self.colleague_agreement)
        with self.assertRaises(AccessError):
            self.render(self.user_employee, RESULT_REPORT, self.colleague_agreement)
        with self.assertRaises(AccessError):
            self.render(self.user_other_officer, AGREEMENT_REPORT, self.agreement)

    def test_report_data_is_plain(self):
        data = self.agreement.with_user(self.user_employee)._get_report_data()
        self.assertEqual(len(data), 1)
        values = data[0]
        self.assertEqual(values["employee"]["name"], "Employee")
        self.assertIsNone(values["employee"]["personnel_number"])
        self.assertEqual(
            [level["key"] for level in values["levels"]],
            ["company", "department", "personal"],
        )
        self.assertEqual(
            [(goal["name"], goal["weight"]) for goal in values["levels"][2]["goals"]],
            [("Fortbildung E-Akte", 60.0), ("Bescheide fristgerecht", 40.0)],
        )
        self.assertEqual(values["version"], 1)
        self.assertFalse(values["rated"])
        self.assertIsNone(values["result_total"])

    def test_report_file_names(self):
        agreement = self.agreement.with_user(self.user_employee)
        self.assertEqual(
            agreement._get_report_filename("agreement"),
            "Goal Agreement - Employee - 2027",
        )
        self.assertEqual(
            agreement._get_report_filename("result"), "Result Sheet - Employee - 2027"
        )

    def test_reports_in_print_menu_of_employee(self):
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.user_employee)
            .get_bindings("hr.goal.agreement")
        )
        printable = {action["id"] for action in bindings.get("report", [])}
        for xmlid in (AGREEMENT_REPORT, RESULT_REPORT, STATUS_REPORT):
            self.assertIn(self.env.ref(xmlid).id, printable)

    # ------------------------------------------------------------------
    # result sheet
    # ------------------------------------------------------------------
    def test_result_sheet_not_rated(self):
        text = self.render(self.user_employee, RESULT_REPORT, self.agreement)
        self.assertIn("Result Sheet", text)
        self.assertIn("has not been rated yet", text)
        self.assertNotIn("Overall Result", text)

    def test_result_sheet_rated(self):
        self.set_rated(self.agreement)
        text = self.render(self.user_employee, RESULT_REPORT, self.agreement)
        self.assertNotIn("has not been rated yet", text)
        # per goal: weight, achievement and what it adds to its level
        self.assertIn("Fortbildung E-Akte 60 % 120.00 % 72.00 %", text)
        self.assertIn("Bescheide fristgerecht 40 % 90.00 % 36.00 %", text)
        self.assertIn("Result of the level 108.00 %", text)
        # per level: weight, result, share of the total (engine breakdown)
        self.assertIn("Company Goal 10 % 100.00 % 10.00 %", text)
        self.assertIn("Department Goal 30 % 80.00 % 24.00 %", text)
        self.assertIn("Personal Goal 60 % 108.00 % 64.80 %", text)
        self.assertIn("Goal Result 98.80 %", text)

    def test_result_sheet_points_scale(self):
        self.period.sudo().write({"result_scale": "points", "max_achievement": 150})
        self.set_rated(self.agreement)
        text = self.render(self.user_manager, RESULT_REPORT, self.agreement)
        self.assertIn("Goal Result 98.80 points", text)

    # ------------------------------------------------------------------
    # status list
    # ------------------------------------------------------------------
    def _status_fixture(self):
        """Agreements in two departments and several states."""
        department = self.env["hr.department"].create({"name": "Ordnungsamt"})
        clerk = self.env["hr.employee"].create(
            {
                "name": "Anna Ordnung",
                "parent_id": self.employee_manager.id,
                "department_id": department.id,
            }
        )
        self.advance_agreement(self.colleague_agreement, "submitted")
        self.set_agreed(self.agreement)
        portal_agreement = self.create_agreement(self.employee_portal, self.period)
        clerk_agreement = self.create_agreement(clerk, self.period)
        self.env["hr.goal.checkin"].sudo().create(
            {
                "agreement_id": self.agreement.id,
                "date": "2027-04-01",
                "progress": 30,
                "status": "behind",
            }
        )
        return (
            self.agreement
            | self.colleague_agreement
            | portal_agreement
            | clerk_agreement
        )

    def test_status_list_groups_by_department_and_state(self):
        agreements = self._status_fixture()
        data = (
            self.env["hr.goal.agreement"]
            .with_user(self.user_officer)
            ._get_status_list_data([("id", "in", agreements.ids)])
        )
        self.assertEqual(data["count"], 4)
        self.assertEqual(data["periods"], ["2027"])
        self.assertEqual(
            [department["name"] for department in data["departments"]],
            ["Bürgeramt", "Ordnungsamt"],
        )
        buergeramt, ordnungsamt = data["departments"]
        self.assertEqual(
            {group["state"]: group["count"] for group in buergeramt["states"]},
            {"draft": 1, "submitted": 1, "agreed": 1},
        )
        self.assertEqual(
            [group["state"] for group in buergeramt["states"]],
            ["draft", "submitted", "agreed"],
        )
        self.assertEqual(ordnungsamt["state_counts"], {"draft": 1})
        self.assertEqual(
            data["state_totals"], {"draft": 2, "submitted": 1, "agreed": 1}
        )
        agreed_row = buergeramt["states"][2]["rows"][0]
        self.assertEqual(agreed_row["employee"], "Employee")
        self.assertEqual(agreed_row["supervisor"], "Manager")
        self.assertEqual(str(agreed_row["last_checkin"]), "2027-04-01")
        # agreed: the rating deadline applies; draft: the agreement deadline
        self.assertEqual(str(agreed_row["deadline"]), "2028-01-31")
        draft_row = ordnungsamt["states"][0]["rows"][0]
        self.assertEqual(draft_row["employee"], "Anna Ordnung")
        self.assertEqual(str(draft_row["deadline"]), "2027-02-28")

    def test_status_list_report_from_selection(self):
        agreements = self._status_fixture()
        text = self.render(self.user_officer, STATUS_REPORT, agreements)
        self.assertIn("Status List of Goal Agreements", text)
        self.assertIn("Bürgeramt 1 1 1 3", text)
        self.assertIn("Ordnungsamt 1 0 0 1", text)
        self.assertIn("Total 2 1 1 4", text)
        self.assertIn("Employee Manager 2027 04/01/2027 01/31/2028", text)
        self.assertIn("Anna Ordnung Manager 2027 none 02/28/2027", text)

    def test_status_list_shows_only_readable_agreements(self):
        agreements = self._status_fixture()
        data = (
            self.env["hr.goal.agreement"]
            .with_user(self.user_employee)
            ._get_status_list_data([("id", "in", agreements.ids)])
        )
        self.assertEqual(data["count"], 1)
        self.assertEqual(
            data["departments"][0]["states"][0]["rows"][0]["employee"], "Employee"
        )
        other = (
            self.env["hr.goal.agreement"]
            .with_user(self.user_other_officer)
            ._get_status_list_data([("id", "in", agreements.ids)])
        )
        self.assertEqual(other["count"], 0)
        self.assertEqual(other["departments"], [])

    def test_status_list_wizard_for_period(self):
        agreements = self._status_fixture()
        agreements[-1].with_user(self.user_manager).action_cancel(reason="Versetzung")
        wizard = (
            self.env["hr.goal.status.report.wizard"]
            .with_user(self.user_officer)
            .create({"period_id": self.period.id})
        )
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "hr_performance.report_goal_status_list"
        )
        text = self.render(
            self.user_officer,
            STATUS_REPORT,
            self.env["hr.goal.agreement"],
            data=action["data"],
        )
        self.assertIn("Goal Agreements 3", text)
        self.assertNotIn("Anna Ordnung", text)
        wizard.include_cancelled = True
        text = self.render(
            self.user_officer,
            STATUS_REPORT,
            self.env["hr.goal.agreement"],
            data=wizard.action_print()["data"],
        )
        self.assertIn("Anna Ordnung", text)
        self.assertIn("Goal Agreements 4", text)

    def test_status_list_wizard_manager_sees_own_team(self):
        self._status_fixture()
        outsider = self.env["hr.employee"].create(
            {"name": "Kai Kämmerei", "parent_id": self.employee_head.id}
        )
        self.create_agreement(outsider, self.period)
        wizard = (
            self.env["hr.goal.status.report.wizard"]
            .with_user(self.user_manager)
            .create({"department_ids": [(6, 0, self.department.ids)]})
        )
        self.assertEqual(wizard.period_id, self.period)
        text = self.render(
            self.user_manager,
            STATUS_REPORT,
            self.env["hr.goal.agreement"],
            data=wizard.action_print()["data"],
        )
        self.assertIn("Goal Agreements 3", text)
        self.assertIn("Bürgeramt 1 1 1 3", text)
        self.assertNotIn("Ordnungsamt", text)
        self.assertNotIn("Kai Kämmerei", text)
        # HR sees the agreement outside the team, too
        text = self.render(
            self.user_officer,
            STATUS_REPORT,
            self.env["hr.goal.agreement"],
            data={"status_domain": [("period_id", "=", self.period.id)]},
        )
        self.assertIn("Kai Kämmerei", text)

    def test_status_list_wizard_empty_selection(self):
        period = self.create_period(
            name="2030", date_from="2030-01-01", date_to="2030-12-31"
        )
        wizard = (
            self.env["hr.goal.status.report.wizard"]
            .with_user(self.user_officer)
            .create({"period_id": period.id})
        )
        with self.assertRaises(UserError):
            wizard.action_print()

    def test_status_list_query_count_does_not_grow(self):
        def queries_for(count):
            employees = self.env["hr.employee"].create(
                [
                    {
                        "name": f"Mitarbeiter {count}-{index}",
                        "parent_id": self.employee_manager.id,
                        "department_id": self.department.id,
                    }
                    for index in range(count)
                ]
            )
            agreements = self.env["hr.goal.agreement"].create(
                [
                    {
                        "employee_id": employee.id,
                        "period_id": self.period.id,
                        "supervisor_id": self.employee_manager.id,
                    }
                    for employee in employees
                ]
            )
            Agreement = self.env["hr.goal.agreement"].with_user(self.user_officer)
            domain = [("id", "in", agreements.ids)]
            Agreement._get_status_list_data(domain)  # warm caches (rules, ...)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            data = Agreement._get_status_list_data(domain)
            self.assertEqual(data["count"], count)
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries_for(3), queries_for(30))

    # ------------------------------------------------------------------
    # archived PDF of the agreed version
    # ------------------------------------------------------------------
    def _archived(self, agreement):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "hr.goal.agreement"), ("res_id", "=", agreement.id)]
        )

    def agree_supervisor_first(self, agreement):
        """Submit, then the supervisor agrees and the employee completes it."""
        self.advance_agreement(agreement, "submitted")
        agreement.with_user(agreement.supervisor_user_id).action_agree()
        agreement.with_user(agreement.employee_user_id).action_agree()
        self.assertEqual(agreement.state, "agreed")

    def test_agreed_version_archived_once(self):
        self.assertFalse(self._archived(self.agreement))
        # the employee's agreement completes it: archived as the employee
        self.agree_supervisor_first(self.agreement)
        attachment = self._archived(self.agreement)
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.name, "Goal Agreement Employee 2027 v1.pdf")
        self.assertEqual(attachment.mimetype, "application/pdf")
        # test mode renders HTML in place of the PDF: its text is checkable
        self.assertIn(b"Signature of the employee", attachment.raw)
        self.assertIn(b"Fortbildung E-Akte", attachment.raw)
        self.assertIn(b"Agreed electronically:", attachment.raw)
        # the archived copy does not carry the personnel number
        self.assertNotIn(b"PN-4711", attachment.raw)
        message = self.agreement.message_ids.filtered(
            lambda message: attachment in message.attachment_ids
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.user_employee.partner_id)
        # the employee can open the archived copy
        self.env.invalidate_all()
        self.assertTrue(attachment.with_user(self.user_employee).raw)
        # a second call for the same version adds nothing
        again = self.agreement.with_user(self.user_manager)._attach_agreement_pdf()
        self.assertFalse(again)
        self.assertEqual(len(self._archived(self.agreement)), 1)

    def test_archive_deferred_while_loading_data_is_done_by_the_job(self):
        deferred = self.agreement.with_context(hr_performance_defer_archive=True)
        self.advance_agreement(deferred, "submitted")
        deferred.with_user(self.user_manager).action_agree()
        deferred.with_user(self.user_employee).action_agree()
        self.assertEqual(self.agreement.state, "agreed")
        self.assertFalse(self._archived(self.agreement))
        cron = self.env.ref("hr_performance.hr_goal_agreement_cron_archive")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        # The job runs later, when tracking has started: the archived copy
        # still says it is the agreed version.
        self.agreement.with_user(self.user_manager).action_start()
        self.assertEqual(self.agreement.state, "in_progress")
        Agreement = self.env["hr.goal.agreement"]
        self.assertEqual(Agreement._cron_archive_agreed_versions(), 1)
        attachment = self._archived(self.agreement)
        self.assertEqual(attachment.name, "Goal Agreement Employee 2027 v1.pdf")
        self.assertIn(b">Agreed<", attachment.raw)
        self.assertNotIn(b">In Progress<", attachment.raw)
        self.assertEqual(Agreement._cron_archive_agreed_versions(), 0)

    def test_revised_version_archived_next_to_previous(self):
        self.set_agreed(self.agreement)
        self.agreement.with_user(self.user_manager).action_revise(
            reason="Neue Aufgabe im Bürgeramt"
        )
        self.assertEqual(self.agreement.revision, 2)
        self.assertEqual(len(self._archived(self.agreement)), 1)
        self.set_agreed(self.agreement)
        self.assertEqual(
            sorted(self._archived(self.agreement).mapped("name")),
            [
                "Goal Agreement Employee 2027 v1.pdf",
                "Goal Agreement Employee 2027 v2.pdf",
            ],
        )

    def test_attach_agreement_pdf_refused_for_other_employee(self):
        self.set_agreed(self.colleague_agreement)
        archived = self._archived(self.colleague_agreement)
        self.assertEqual(len(archived), 1)
        self.colleague_agreement.with_user(self.user_manager).action_revise(
            reason="Neue Aufgabe"
        )
        with self.assertRaises(AccessError):
            self.colleague_agreement.with_user(
                self.user_employee
            )._attach_agreement_pdf()
        self.assertEqual(self._archived(self.colleague_agreement), archived)
