from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import HrPerformanceCase

GROUP_OFFICER = "hr_performance.group_hr_performance_officer"


@tagged("post_install", "-at_install")
class TestGoalReminders(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.period = cls.create_period(
            date_from=cls.today - timedelta(days=200),
            date_to=cls.today + timedelta(days=165),
            agreement_deadline=cls.today + timedelta(days=7),
            rating_deadline=cls.today + timedelta(days=150),
            checkin_interval_days=90,
        )
        cls.agreement = cls.create_agreement(cls.employee, cls.period)
        cls.Activity = cls.env["mail.activity"].with_context(active_test=False)
        cls.type_agreement_due = cls.env.ref(
            "hr_performance.mail_act_goal_agreement_due"
        )
        cls.type_checkin_due = cls.env.ref("hr_performance.mail_act_goal_checkin_due")
        cls.type_rating_due = cls.env.ref("hr_performance.mail_act_goal_rating_due")
        cls.type_overdue = cls.env.ref("hr_performance.mail_act_goal_overdue")

    def set_state(self, agreement, state, **values):
        # Set directly: the workflow itself is tested with the agreement.
        agreement.invalidate_recordset()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE hr_goal_agreement SET state = %s WHERE id = %s",
                state,
                agreement.id,
            )
        )
        agreement.invalidate_recordset()
        if values:
            agreement.sudo().write(values)

    def run_job(self):
        self.env["hr.goal.agreement"]._cron_send_goal_reminders()

    def reminders(self, activity_type, agreement=None, active=True):
        return self.Activity.search(
            [
                ("res_model", "=", "hr.goal.agreement"),
                ("res_id", "=", (agreement or self.agreement).id),
                ("activity_type_id", "=", activity_type.id),
                ("active", "=", active),
            ]
        )

    def test_agreement_due_once_for_supervisor_and_employee(self):
        self.run_job()
        due = self.reminders(self.type_agreement_due)
        self.assertEqual(due.user_id, self.user_manager | self.user_employee)
        self.assertEqual(
            set(due.mapped("date_deadline")), {self.period.agreement_deadline}
        )
        self.assertFalse(self.reminders(self.type_overdue))
        self.run_job()
        self.assertEqual(self.reminders(self.type_agreement_due), due)

    def test_agreement_due_only_within_fourteen_days(self):
        self.period.agreement_deadline = self.today + timedelta(days=30)
        self.run_job()
        self.assertFalse(self.reminders(self.type_agreement_due))

    def test_agreement_due_done_once_agreed(self):
        self.run_job()
        due = self.reminders(self.type_agreement_due)
        self.assertEqual(len(due), 2)
        self.set_state(self.agreement, "agreed")
        self.run_job()
        self.assertFalse(self.reminders(self.type_agreement_due))
        done = self.reminders(self.type_agreement_due, active=False)
        self.assertEqual(done, due)
        self.assertTrue(all(done.mapped("date_done")))

    def test_overdue_to_supervisor_and_hr_officers_of_the_company(self):
        self.period.agreement_deadline = self.today - timedelta(days=1)
        self.run_job()
        overdue = self.reminders(self.type_overdue)
        self.assertIn(self.user_manager, overdue.user_id)
        self.assertIn(self.user_officer, overdue.user_id)
        self.assertIn(self.user_admin, overdue.user_id)
        self.assertNotIn(self.user_other_officer, overdue.user_id)
        self.assertNotIn(self.user_employee, overdue.user_id)
        self.assertNotIn(self.user_head, overdue.user_id)
        # One reminder per person: the supervisor has the overdue one only,
        # the employee is still due to agree.
        self.assertEqual(
            self.reminders(self.type_agreement_due).user_id, self.user_employee
        )
        self.run_job()
        self.assertEqual(self.reminders(self.type_overdue), overdue)
        # the deadline moved: no longer overdue
        self.period.agreement_deadline = self.today + timedelta(days=3)
        self.run_job()
        self.assertFalse(self.reminders(self.type_overdue))

    def test_one_reminder_per_person_never_to_archived_users(self):
        self.period.agreement_deadline = self.today - timedelta(days=1)
        bot = self.env.ref("base.user_root")
        bot.sudo().groups_id = [(4, self.env.ref(GROUP_OFFICER).id)]
        self.run_job()
        everything = self.Activity.search(
            [
                ("res_model", "=", "hr.goal.agreement"),
                ("res_id", "=", self.agreement.id),
                ("active", "=", True),
            ]
        )
        self.assertEqual(len(everything), len(everything.user_id))
        self.assertNotIn(bot, everything.user_id)

    def test_overdue_goes_to_the_periods_hr_contact(self):
        self.period.write(
            {
                "agreement_deadline": self.today - timedelta(days=1),
                "hr_contact_id": self.user_officer.id,
            }
        )
        self.run_job()
        overdue = self.reminders(self.type_overdue)
        self.assertEqual(overdue.user_id, self.user_manager | self.user_officer)

    def test_goal_past_its_deadline_is_overdue(self):
        goal = self.agreement.goal_ids[0]
        goal.deadline = self.today - timedelta(days=2)
        self.set_state(self.agreement, "in_progress")
        self.env["hr.goal.checkin"].create(
            {"agreement_id": self.agreement.id, "date": self.today}
        )
        self.run_job()
        self.assertIn(self.user_manager, self.reminders(self.type_overdue).user_id)
        self.env["hr.goal.checkin"].create(
            {
                "agreement_id": self.agreement.id,
                "goal_id": goal.id,
                "date": self.today,
                "progress": 100,
            }
        )
        self.run_job()
        self.assertFalse(self.reminders(self.type_overdue))

    def test_checkin_due_after_interval(self):
        self.set_state(
            self.agreement,
            "in_progress",
        )
        self.agreement.sudo().supervisor_agreed_on = fields.Datetime.now() - timedelta(
            days=100
        )
        self.run_job()
        due = self.reminders(self.type_checkin_due)
        self.assertEqual(due.user_id, self.user_manager)
        self.assertEqual(due.date_deadline, self.today - timedelta(days=10))
        self.run_job()
        self.assertEqual(self.reminders(self.type_checkin_due), due)
        self.env["hr.goal.checkin"].create(
            {"agreement_id": self.agreement.id, "date": self.today}
        )
        self.run_job()
        self.assertFalse(self.reminders(self.type_checkin_due))
        self.assertEqual(self.reminders(self.type_checkin_due, active=False), due)

    def test_no_checkin_due_within_interval(self):
        self.set_state(self.agreement, "agreed")
        self.agreement.sudo().supervisor_agreed_on = fields.Datetime.now() - timedelta(
            days=20
        )
        self.run_job()
        self.assertFalse(self.reminders(self.type_checkin_due))

    def test_rating_due(self):
        self.set_state(self.agreement, "in_progress")
        self.agreement.sudo().supervisor_agreed_on = fields.Datetime.now()
        self.run_job()
        self.assertFalse(self.reminders(self.type_rating_due))
        self.period.rating_deadline = self.today + timedelta(days=10)
        self.run_job()
        due = self.reminders(self.type_rating_due)
        self.assertEqual(due.user_id, self.user_manager)
        self.set_state(self.agreement, "rating")
        self.run_job()
        self.assertEqual(self.reminders(self.type_rating_due), due)
        self.set_state(self.agreement, "rated")
        self.run_job()
        self.assertFalse(self.reminders(self.type_rating_due))
        self.assertEqual(self.reminders(self.type_rating_due, active=False), due)

    def test_closed_period_completes_reminders(self):
        self.run_job()
        self.assertTrue(self.reminders(self.type_agreement_due))
        self.period.state = "closed"
        self.run_job()
        self.assertFalse(self.reminders(self.type_agreement_due))

    def test_state_change_updates_reminders_at_once(self):
        self.run_job()
        self.assertTrue(self.reminders(self.type_agreement_due))
        self.agreement.sudo().write(
            {"state": "cancelled", "cancel_reason": "Versetzung"}
        )
        self.assertFalse(self.reminders(self.type_agreement_due))

    def test_employees_see_their_reminder(self):
        self.run_job()
        mine = (
            self.env["mail.activity"]
            .with_user(self.user_employee)
            .search([("user_id", "=", self.user_employee.id)])
        )
        self.assertEqual(mine.activity_type_id, self.type_agreement_due)

    # ------------------------------------------------------------------
    # Mass action "Send Reminder" (HR, from the list)
    # ------------------------------------------------------------------
    def send(self, agreements, user=None):
        return agreements.with_user(user or self.user_officer).action_send_reminder()

    def test_send_reminder_reaches_whoever_acts_next_once(self):
        colleague = self.create_agreement(self.employee_colleague, self.period)
        agreements = self.agreement | colleague
        self.set_state(colleague, "submitted")
        result = self.send(agreements)
        self.assertIn("3 reminders sent", result["params"]["message"])
        # draft: the supervisor submits
        self.assertEqual(
            self.reminders(self.type_agreement_due).user_id, self.user_manager
        )
        # submitted: both sides still have to agree
        self.assertEqual(
            self.reminders(self.type_agreement_due, colleague).user_id,
            self.user_manager | self.user_colleague,
        )
        # again: nobody gets a second one
        result = self.send(agreements)
        self.assertIn("0 reminders sent", result["params"]["message"])
        self.assertEqual(len(self.reminders(self.type_agreement_due, colleague)), 2)

    def test_staff_without_login_are_reminded_through_hr(self):
        no_login = self.env["hr.employee"].create(
            {"name": "Ohne Login", "parent_id": self.employee_manager.id}
        )
        agreement = self.create_agreement(no_login, self.period)
        self.set_state(
            agreement, "submitted", supervisor_agreed_on=fields.Datetime.now()
        )
        self.period.hr_contact_id = self.user_officer
        self.send(agreement)
        self.assertEqual(
            self.reminders(self.type_agreement_due, agreement).user_id,
            self.user_officer,
        )

    def test_only_hr_sends_reminders(self):
        with self.assertRaisesText(AccessError, "Only HR can send reminders"):
            self.send(self.agreement, self.user_manager)
        with self.assertRaisesText(AccessError, "Only HR can send reminders"):
            self.send(self.agreement, self.user_employee)
        self.assertFalse(self.reminders(self.type_agreement_due))
