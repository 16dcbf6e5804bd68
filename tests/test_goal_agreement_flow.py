from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HrPerformanceCase

REFUSED = (AccessError, UserError)


@tagged("post_install", "-at_install")
class TestGoalAgreementFlow(HrPerformanceCase):
    """Every transition, for every role: allowed and refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period()
        cls.agreement = cls.create_agreement(cls.employee, cls.period)
        cls.roles = {
            "employee": cls.user_employee,
            "colleague": cls.user_colleague,
            "supervisor": cls.user_manager,
            "head": cls.user_head,
            "officer": cls.user_officer,
            "other_officer": cls.user_other_officer,
            "payroll": cls.user_payroll,
        }

    def attempt(self, user, method, state, **kwargs):
        """Press ``method`` as ``user`` on the agreement in ``state``; report
        whether it worked and the state it led to, then undo it all."""
        agreement = self.agreement
        with self.env.cr.savepoint() as savepoint:
            self.advance_agreement(agreement, state)
            self.env.flush_all()
            self.env.invalidate_all()
            try:
                getattr(agreement.with_user(user), method)(**kwargs)
                self.env.flush_all()
                outcome = agreement.state
            except REFUSED:
                outcome = None
            savepoint.rollback()
        self.env.invalidate_all()
        return outcome

    def check_matrix(self, method, state, allowed, result, **kwargs):
        for role, user in self.roles.items():
            with self.subTest(action=method, role=role):
                outcome = self.attempt(user, method, state, **kwargs)
                if role in allowed:
                    self.assertEqual(outcome, result)
                else:
                    self.assertIsNone(outcome, f"{role} could {method}")

    # ------------------------------------------------------------------
    # One test per transition
    # ------------------------------------------------------------------
    def test_submit(self):
        self.check_matrix(
            "action_submit",
            "draft",
            {"employee", "supervisor", "head", "officer"},
            "submitted",
        )

    def test_back_to_draft(self):
        self.check_matrix(
            "action_reset_draft",
            "submitted",
            {"employee", "supervisor", "head", "officer"},
            "draft",
        )

    def test_agree_own_side_only(self):
        # one side agreeing leaves the agreement submitted
        self.check_matrix(
            "action_agree", "submitted", {"employee", "supervisor"}, "submitted"
        )

    def test_start(self):
        self.check_matrix(
            "action_start", "agreed", {"supervisor", "head", "officer"}, "in_progress"
        )

    def test_start_rating(self):
        self.check_matrix(
            "action_start_rating",
            "in_progress",
            {"supervisor", "head", "officer"},
            "rating",
        )

    def test_finish_rating_by_supervisor(self):
        self.check_matrix("action_finish_rating", "rating", {"supervisor"}, "rated")

    def test_finish_rating_by_hr(self):
        self.period.sudo().rating_by = "hr"
        self.check_matrix("action_finish_rating", "rating", {"officer"}, "rated")

    def test_close(self):
        self.check_matrix("action_close", "rated", {"officer"}, "closed")

    def test_cancel_from_early_states(self):
        for state in ("draft", "submitted", "agreed"):
            self.check_matrix(
                "action_cancel",
                state,
                {"supervisor", "head", "officer"},
                "cancelled",
                reason="Versetzung",
            )

    def test_revise(self):
        for state in ("agreed", "in_progress"):
            self.check_matrix(
                "action_revise",
                state,
                {"supervisor", "head", "officer"},
                "draft",
                reason="Neue Aufgabe",
            )

    def test_wrong_states_are_refused_for_everyone(self):
        wrong = {
            "action_submit": "submitted",
            "action_reset_draft": "agreed",
            "action_agree": "draft",
            "action_start": "submitted",
            "action_start_rating": "agreed",
            "action_finish_rating": "in_progress",
            "action_close": "rating",
        }
        for method, state in wrong.items():
            self.check_matrix(method, state, set(), None)
        self.check_matrix("action_cancel", "in_progress", set(), None, reason="x")
        self.check_matrix("action_revise", "rated", set(), None, reason="x")
        self.check_matrix("action_revise", "submitted", set(), None, reason="x")

    # ------------------------------------------------------------------
    # The whole story
    # ------------------------------------------------------------------
    def test_valid_only_when_both_agreed(self):
        agreement = self.agreement
        agreement.with_user(self.user_employee).action_submit()
        agreement.with_user(self.user_employee).action_agree()
        self.assertEqual(agreement.state, "submitted")
        self.assertEqual(agreement.employee_agreed_by, self.user_employee)
        self.assertTrue(agreement.employee_agreed_on)
        self.assertFalse(agreement.supervisor_agreed_on)
        with self.assertRaisesText(UserError, "already agreed"):
            agreement.with_user(self.user_employee).action_agree()
        agreement.with_user(self.user_manager).action_agree()
        self.assertEqual(agreement.state, "agreed")
        self.assertEqual(agreement.supervisor_agreed_by, self.user_manager)
        self.assertTrue(agreement.supervisor_agreed_on)

    def test_supervisor_first_then_employee(self):
        agreement = self.agreement
        agreement.with_user(self.user_manager).action_submit()
        agreement.with_user(self.user_manager).action_agree()
        self.assertEqual(agreement.state, "submitted")
        agreement.with_user(self.user_employee).action_agree()
        self.assertEqual(agreement.state, "agreed")

    def test_back_to_draft_clears_agreements(self):
        agreement = self.agreement
        agreement.with_user(self.user_employee).action_submit()
        agreement.with_user(self.user_employee).action_agree()
        agreement.with_user(self.user_manager).action_reset_draft()
        self.assertEqual(agreement.state, "draft")
        self.assertFalse(agreement.employee_agreed_by)
        self.assertFalse(agreement.employee_agreed_on)

    def test_full_cycle(self):
        agreement = self.advance_agreement(self.agreement, "closed")
        self.assertEqual(agreement.state, "closed")
        self.assertEqual(agreement.result_total, 0.0)

    def test_buttons_follow_the_rules(self):
        agreement = self.agreement
        as_employee = agreement.with_user(self.user_employee)
        as_head = agreement.with_user(self.user_head)
        self.assertTrue(as_employee.can_submit)
        self.assertFalse(as_employee.can_cancel)
        self.assertTrue(as_employee.cannot_cancel_reason)
        agreement.with_user(self.user_manager).action_submit()
        agreement.invalidate_recordset()
        self.assertTrue(as_employee.can_agree)
        self.assertFalse(as_head.can_agree)
        self.assertTrue(as_head.cannot_agree_reason)

    # ------------------------------------------------------------------
    # Cancel and revision (Zielanpassung)
    # ------------------------------------------------------------------
    def test_cancel_needs_a_reason(self):
        action = self.agreement.with_user(self.user_manager).action_cancel()
        self.assertEqual(action["res_model"], "hr.goal.agreement.reason.wizard")
        with self.assertRaisesText(UserError, "reason"):
            self.agreement.with_user(self.user_manager).action_cancel(reason="  ")
        self.assertEqual(self.agreement.state, "draft")
        wizard = (
            self.env["hr.goal.agreement.reason.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"reason": "Versetzung in ein anderes Amt"})
        )
        wizard.action_confirm()
        self.assertEqual(self.agreement.state, "cancelled")
        self.assertEqual(self.agreement.cancel_reason, "Versetzung in ein anderes Amt")

    def test_revision_keeps_the_previous_version(self):
        agreement = self.advance_agreement(self.agreement, "in_progress")
        agreed_by = agreement.employee_agreed_by
        with self.assertRaisesText(UserError, "reason"):
            agreement.with_user(self.user_manager).action_revise(reason="")
        action = agreement.with_user(self.user_manager).action_revise()
        self.env["hr.goal.agreement.reason.wizard"].with_user(
            self.user_manager
        ).with_context(**action["context"]).create(
            {"reason": "Neue Zuständigkeit ab Juli"}
        ).action_confirm()
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.revision, 2)
        self.assertFalse(agreement.employee_agreed_on)
        self.assertFalse(agreement.supervisor_agreed_on)
        revision = agreement.revision_ids
        self.assertEqual(len(revision), 1)
        self.assertEqual(revision.version, 1)
        self.assertEqual(revision.reason, "Neue Zuständigkeit ab Juli")
        self.assertEqual(revision.state_before, "in_progress")
        self.assertEqual(revision.employee_agreed_by, agreed_by)
        self.assertEqual(revision.weight_personal, 60)
        # change the goals of the new version: the old one stays as it was
        personal = agreement.goal_ids.filtered(lambda g: g.level == "personal")
        personal[0].with_user(self.user_manager).write({"weight": 70})
        personal[1].with_user(self.user_manager).write(
            {"weight": 30, "name": "Bescheide binnen 10 Tagen"}
        )
        old = {(line.level, line.name): line.weight for line in revision.line_ids}
        self.assertEqual(
            old,
            {
                ("company", "Haushalt einhalten"): 100,
                ("department", "Wartezeiten senken"): 100,
                ("personal", "Fortbildung E-Akte"): 60,
                ("personal", "Bescheide fristgerecht"): 40,
            },
        )
        # the new version needs both agreements again
        self.advance_agreement(agreement, "agreed")
        agreement.with_user(self.user_officer).action_revise(reason="Zweite Anpassung")
        self.assertEqual(agreement.revision, 3)
        agreement.invalidate_recordset(["revision_ids"])
        self.assertEqual(agreement.revision_ids.mapped("version"), [2, 1])
        second = agreement.revision_ids[0]
        self.assertIn(
            ("Bescheide binnen 10 Tagen", 30.0),
            [(line.name, line.weight) for line in second.line_ids],
        )
        # the employee reads the history, nobody edits it
        history = agreement.revision_ids.with_user(self.user_employee)
        history.invalidate_recordset()
        self.assertEqual(history.mapped("reason")[1], "Neue Zuständigkeit ab Juli")
        with self.assertRaises(AccessError):
            history[0].write({"reason": "geändert"})
        with self.assertRaises(AccessError):
            history[0].line_ids[0].unlink()

    # ------------------------------------------------------------------
    # Supervisor defaults and bad input
    # ------------------------------------------------------------------
    def test_supervisor_defaults_from_the_direct_supervisor(self):
        self.agreement.unlink()
        agreement = self.create_agreement(
            self.employee, self.period, supervisor_id=False
        )
        self.assertEqual(agreement.supervisor_id, self.employee_manager)
        self.assertEqual(agreement.supervisor_user_id, self.user_manager)

    def test_supervisor_defaults_from_the_department_head(self):
        period = self.create_period(
            name="2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            signer="department_head",
        )
        sub = self.env["hr.department"].create(
            {"name": "Meldestelle", "parent_id": self.department.id}
        )
        self.employee_colleague.department_id = sub
        sub.manager_id = self.employee_head
        agreement = self.create_agreement(
            self.employee_colleague, period, supervisor_id=False
        )
        self.assertEqual(agreement.supervisor_id, self.employee_head)
        # the head of a department is signed for by the next one up
        self.department.manager_id = self.employee_manager
        sub.manager_id = self.employee_colleague
        self.employee_colleague.parent_id = self.employee_manager
        agreement.with_user(self.user_officer).action_cancel(reason="neu")
        again = self.create_agreement(
            self.employee_colleague, period, supervisor_id=False
        )
        self.assertEqual(again.supervisor_id, self.employee_manager)

    def test_employee_without_supervisor_is_refused(self):
        with self.assertRaisesText(UserError, "Head has no supervisor"):
            self.create_agreement(self.employee_head, self.period)
        self.assertFalse(
            self.env["hr.goal.agreement"].search(
                [("employee_id", "=", self.employee_head.id)]
            )
        )

    def test_one_active_agreement_per_period(self):
        with self.assertRaisesText(ValidationError, "already has a goal agreement"):
            self.create_agreement(self.employee, self.period)
        self.agreement.with_user(self.user_manager).action_cancel(reason="neu")
        second = self.create_agreement(self.employee, self.period)
        self.assertEqual(second.state, "draft")

    def test_no_agreement_in_a_draft_period(self):
        period = self.create_period(
            name="2029", date_from="2029-01-01", date_to="2029-12-31", state="draft"
        )
        with self.assertRaisesText(UserError, "is not open"):
            self.create_agreement(self.employee, period)

    def test_employee_cannot_be_own_supervisor(self):
        with self.assertRaisesText(ValidationError, "own supervisor"):
            self.agreement.with_user(self.user_officer).write(
                {"supervisor_id": self.employee.id}
            )

    # ------------------------------------------------------------------
    # Check-ins
    # ------------------------------------------------------------------
    def test_checkins_show_the_latest_status_per_goal(self):
        agreement = self.advance_agreement(self.agreement, "in_progress")
        goal = agreement.goal_ids.filtered(lambda g: g.name == "Fortbildung E-Akte")
        Checkin = self.env["hr.goal.checkin"]
        Checkin.with_user(self.user_employee).create(
            {
                "agreement_id": agreement.id,
                "goal_id": goal.id,
                "date": "2027-03-01",
                "progress": 20,
                "status": "behind",
                "comment": "Kurs verschoben",
            }
        )
        latest = Checkin.with_user(self.user_manager).create(
            {"goal_id": goal.id, "date": "2027-06-01", "progress": 60}
        )
        Checkin.with_user(self.user_manager).create(
            {
                "agreement_id": agreement.id,
                "date": "2027-06-02",
                "progress": 50,
                "status": "off_track",
            }
        )
        self.assertEqual(latest.agreement_id, agreement)
        self.assertEqual(latest.author_id, self.user_manager)
        self.assertEqual(goal.last_checkin_id, latest)
        self.assertEqual(goal.last_status, "on_track")
        self.assertEqual(goal.last_progress, 60)
        self.assertEqual(str(agreement.last_checkin_date), "2027-06-02")
        other_goal = agreement.goal_ids - goal
        self.assertFalse(other_goal.mapped("last_status")[0])

    def test_checkin_bad_input(self):
        agreement = self.advance_agreement(self.agreement, "agreed")
        Checkin = self.env["hr.goal.checkin"].with_user(self.user_employee)
        with self.assertRaisesText(ValidationError, "between 0 and 100"):
            Checkin.create({"agreement_id": agreement.id, "progress": 120})
        draft = self.create_agreement(self.employee_colleague, self.period)
        with self.assertRaisesText(ValidationError, "does not belong"):
            self.env["hr.goal.checkin"].with_user(self.user_officer).create(
                {"agreement_id": agreement.id, "goal_id": draft.goal_ids[0].id}
            )
        with self.assertRaises(UserError):
            self.env["hr.goal.checkin"].with_user(self.user_colleague).create(
                {"agreement_id": draft.id}
            )

    def test_checkins_only_while_the_goals_run(self):
        with self.assertRaisesText(UserError, "not possible now"):
            self.env["hr.goal.checkin"].with_user(self.user_employee).create(
                {"agreement_id": self.agreement.id, "progress": 10}
            )

    def test_only_the_author_changes_a_checkin(self):
        agreement = self.advance_agreement(self.agreement, "in_progress")
        checkin = (
            self.env["hr.goal.checkin"]
            .with_user(self.user_manager)
            .create({"agreement_id": agreement.id, "progress": 40})
        )
        with self.assertRaisesText(UserError, "Only the author"):
            checkin.with_user(self.user_employee).write({"progress": 90})
        with self.assertRaisesText(UserError, "Only the author"):
            checkin.with_user(self.user_employee).unlink()
        checkin.with_user(self.user_manager).write({"progress": 45})
        self.assertEqual(checkin.progress, 45)

    # ------------------------------------------------------------------
    # Screens and chatter
    # ------------------------------------------------------------------
    def test_employee_drafts_through_the_form(self):
        self.agreement.unlink()
        form = Form(self.env["hr.goal.agreement"].with_user(self.user_employee))
        form.employee_id = self.employee
        form.period_id = self.period
        self.assertEqual(form.supervisor_id, self.employee_manager)
        with form.personal_goal_ids.new() as goal:
            goal.name = "Fortbildung E-Akte"
            goal.weight = 100
        agreement = form.save()
        self.assertEqual(agreement.goal_ids.level, "personal")
        self.assertEqual(agreement.weight_sum_personal, 100)
        self.assertEqual(agreement.state, "draft")

    def test_weight_changes_are_tracked(self):
        goal = self.agreement.goal_ids.filtered(
            lambda g: g.name == "Fortbildung E-Akte"
        )
        goal.with_user(self.user_manager).with_context(tracking_disable=False).write(
            {"weight": 70}
        )
        bodies = self.agreement.message_ids.mapped("body")
        self.assertTrue(
            any("Fortbildung E-Akte: 60.0 → 70.0" in body for body in bodies), bodies
        )
