from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TwoAgreementsCase


@tagged("post_install", "-at_install")
class TestGoalAgreementAccess(TwoAgreementsCase):
    """Who sees and changes which goal agreement: each forbidden thing tried."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_agreement = cls.create_agreement(cls.employee_manager, cls.period)
        cls.other_period = cls.env["hr.performance.period"].create(
            {
                "name": "2027 Stadtwerke",
                "date_from": "2027-01-01",
                "date_to": "2027-12-31",
                "company_id": cls.other_company.id,
                "state": "open",
            }
        )
        cls.other_manager = cls.env["hr.employee"].create(
            {
                "name": "Other Manager",
                "company_id": cls.other_company.id,
                "user_id": cls.user_other_officer.id,
            }
        )
        cls.employee_other.parent_id = cls.other_manager
        cls.other_agreement = cls.env["hr.goal.agreement"].create(
            {"employee_id": cls.employee_other.id, "period_id": cls.other_period.id}
        )

    def visible(self, user, model="hr.goal.agreement"):
        self.env.invalidate_all()
        return self.env[model].with_user(user).search([])

    def assert_cannot_read(self, record, user):
        record = record.with_user(user)
        record.invalidate_recordset()
        with self.assertRaises(AccessError):
            record.read(["display_name"])

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def test_employee_sees_only_own(self):
        self.assertEqual(self.visible(self.user_employee), self.agreement)
        self.assert_cannot_read(self.colleague_agreement, self.user_employee)
        self.assert_cannot_read(self.manager_agreement, self.user_employee)
        goals = self.visible(self.user_employee, "hr.goal")
        self.assertEqual(goals.agreement_id, self.agreement)

    def test_manager_sees_the_team_and_own(self):
        self.assertEqual(
            self.visible(self.user_manager),
            self.agreement | self.colleague_agreement | self.manager_agreement,
        )

    def test_head_sees_the_second_level(self):
        # head -> manager -> employee: the head sees the employee's agreement
        self.assertEqual(
            self.visible(self.user_head),
            self.agreement | self.colleague_agreement | self.manager_agreement,
        )

    def test_department_head_sees_the_department(self):
        outsider = self.env["hr.employee"].create(
            {
                "name": "Springer",
                "user_id": self.user_payroll.id,
                "parent_id": self.employee_head.id,
                "department_id": self.department.id,
            }
        )
        agreement = self.create_agreement(outsider, self.period)
        # the manager heads the department, the springer reports to the head
        self.assertIn(agreement, self.visible(self.user_manager))

    def test_officer_sees_all_of_the_company(self):
        self.assertEqual(
            self.visible(self.user_officer),
            self.agreement | self.colleague_agreement | self.manager_agreement,
        )

    def test_other_company_sees_nothing(self):
        self.assertEqual(self.visible(self.user_other_officer), self.other_agreement)
        self.assert_cannot_read(self.agreement, self.user_other_officer)
        self.assertFalse(self.visible(self.user_other_officer, "hr.goal.checkin"))
        self.assertFalse(
            self.visible(self.user_other_officer, "hr.performance.period") & self.period
        )
        self.assert_cannot_read(self.other_agreement, self.user_officer)

    def test_portal_user_sees_own_agreements_only_payroll_none(self):
        portal_agreement = self.create_agreement(self.employee_portal, self.period)
        self.assertEqual(self.visible(self.user_portal), portal_agreement)
        self.assert_cannot_read(self.agreement, self.user_portal)
        with self.assertRaises(AccessError):
            portal_agreement.with_user(self.user_portal).write({"state": "agreed"})
        self.assertFalse(self.visible(self.user_payroll))
        self.assertEqual(
            self.env["hr.goal.agreement"]
            .with_user(self.user_portal)
            ._get_portal_domain(),
            [("employee_user_id", "=", self.user_portal.id)],
        )

    # ------------------------------------------------------------------
    # Creating and writing
    # ------------------------------------------------------------------
    def test_employee_drafts_own_agreement(self):
        self.agreement.unlink()
        Agreement = self.env["hr.goal.agreement"].with_user(self.user_employee)
        own = Agreement.create(
            {
                "employee_id": self.employee.id,
                "period_id": self.period.id,
                "goal_ids": [(0, 0, {"name": "Vorschlag", "level": "personal"})],
            }
        )
        self.assertEqual(own.supervisor_id, self.employee_manager)
        own.write({"goal_ids": [(0, 0, {"name": "Zweiter Vorschlag"})]})
        self.assertEqual(len(own.goal_ids), 2)

    def test_employee_cannot_create_for_others(self):
        self.colleague_agreement.sudo().action_cancel(reason="neu")
        with self.assertRaises(AccessError):
            self.env["hr.goal.agreement"].with_user(self.user_employee).create(
                {"employee_id": self.employee_colleague.id, "period_id": self.period.id}
            )

    def test_employee_cannot_pick_a_supervisor(self):
        with self.assertRaisesText(UserError, "another supervisor"):
            self.agreement.with_user(self.user_employee).write(
                {"supervisor_id": self.employee_colleague.id}
            )
        self.agreement.with_user(self.user_officer).write(
            {"supervisor_id": self.employee_head.id}
        )
        self.assertEqual(self.agreement.supervisor_user_id, self.user_head)

    def test_employee_cannot_move_the_agreement(self):
        with self.assertRaisesText(UserError, "cannot be changed"):
            self.agreement.with_user(self.user_employee).write(
                {"employee_id": self.employee_colleague.id}
            )

    def test_no_proposals_when_the_period_forbids_them(self):
        self.period.sudo().employee_proposals = False
        with self.assertRaises(AccessError):
            self.env["hr.goal"].with_user(self.user_employee).create(
                {"agreement_id": self.agreement.id, "name": "Eigener Vorschlag"}
            )
        self.env["hr.goal"].with_user(self.user_manager).create(
            {"agreement_id": self.agreement.id, "name": "Vorgabe", "weight": 0}
        )

    def test_employee_writes_own_only_in_draft(self):
        self.agreement.with_user(self.user_employee).action_submit()
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user_employee).write(
                {"supervisor_id": self.employee_head.id}
            )

    def test_colleague_cannot_touch(self):
        as_colleague = self.agreement.with_user(self.user_colleague)
        with self.assertRaises(AccessError):
            as_colleague.write({"state": "submitted"})
        with self.assertRaises(AccessError):
            as_colleague.unlink()
        with self.assertRaises(AccessError):
            self.agreement.goal_ids[0].with_user(self.user_colleague).write(
                {"name": "x"}
            )

    # ------------------------------------------------------------------
    # Raw writes of state and locked fields
    # ------------------------------------------------------------------
    def test_raw_state_write_follows_the_table(self):
        # the right user may submit by a raw write, the wrong one may not
        self.agreement.with_user(self.user_employee).write({"state": "submitted"})
        self.assertEqual(self.agreement.state, "submitted")
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_manager).write({"state": "agreed"})
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_officer).write({"state": "closed"})
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_officer).write(
                {"state": "cancelled", "cancel_reason": "ohne Knopf"}
            )
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user_employee).write({"state": "draft"})
        self.assertEqual(self.agreement.state, "submitted")

    def test_raw_write_of_agreements_and_results(self):
        self.agreement.with_user(self.user_manager).action_submit()
        for values in (
            {"employee_agreed_on": "2027-01-05 10:00:00"},
            {"supervisor_agreed_by": self.user_manager.id},
            {"result_total": 120.0},
            {"revision": 7},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.agreement.with_user(self.user_officer).write(values)
        self.assertFalse(self.agreement.employee_agreed_on)

    def test_manager_cannot_agree_for_the_employee(self):
        self.agreement.with_user(self.user_manager).action_submit()
        self.agreement.with_user(self.user_manager).action_agree()
        with self.assertRaisesText(UserError, "already agreed"):
            self.agreement.with_user(self.user_manager).action_agree()
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_head).action_agree()
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_officer).action_agree()
        self.assertFalse(self.agreement.employee_agreed_on)
        self.assertEqual(self.agreement.state, "submitted")

    def test_employee_cannot_agree_for_the_supervisor(self):
        self.agreement.with_user(self.user_employee).action_submit()
        self.agreement.with_user(self.user_employee).action_agree()
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_employee).action_agree()
        self.assertFalse(self.agreement.supervisor_agreed_on)

    def test_agreed_goals_are_locked_for_everyone(self):
        self.advance_agreement(self.agreement, "agreed")
        goal = self.agreement.goal_ids[0]
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with (
                self.subTest(user=user.login),
                self.assertRaises(
                    (UserError) if user != self.user_employee else AccessError
                ),
            ):
                goal.with_user(user).write({"weight": 50})
        with self.assertRaisesText(UserError, "locked"):
            goal.sudo().write({"name": "still raw"})
        with self.assertRaisesText(UserError, "locked"):
            self.env["hr.goal"].sudo().create(
                {"agreement_id": self.agreement.id, "name": "Neu"}
            )
        with self.assertRaisesText(UserError, "locked"):
            goal.sudo().unlink()
        with self.assertRaisesText(UserError, "rated"):
            goal.with_user(self.user_manager).write({"achievement": 100})

    def test_employee_cannot_rate_self(self):
        self.advance_agreement(self.agreement, "rating")
        goal = self.agreement.goal_ids[0]
        with self.assertRaises(AccessError):
            goal.with_user(self.user_employee).write({"achievement": 150})
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_employee).action_finish_rating()
        self.assertEqual(goal.achievement, 0)

    # ------------------------------------------------------------------
    # Deleting
    # ------------------------------------------------------------------
    def test_agreed_rated_closed_cannot_be_deleted(self):
        for state in ("agreed", "in_progress", "rating", "rated", "closed"):
            with self.subTest(state=state):
                self.advance_agreement(self.agreement, state)
                with self.assertRaisesText(UserError, "cannot be deleted"):
                    self.agreement.with_user(self.user_officer).unlink()
                with self.assertRaisesText(UserError, "cannot be deleted"):
                    self.agreement.sudo().unlink()
        self.assertTrue(self.agreement.exists())

    def test_drafts_can_be_deleted(self):
        self.colleague_agreement.with_user(self.user_officer).unlink()
        self.assertFalse(self.colleague_agreement.exists())
        self.agreement.with_user(self.user_employee).unlink()
        self.assertFalse(self.agreement.exists())

    # ------------------------------------------------------------------
    # Related records
    # ------------------------------------------------------------------
    def test_checkins_follow_the_agreement(self):
        self.advance_agreement(self.agreement, "in_progress")
        Checkin = self.env["hr.goal.checkin"]
        mine = Checkin.with_user(self.user_employee).create(
            {"agreement_id": self.agreement.id, "progress": 30}
        )
        self.assertEqual(self.visible(self.user_manager, "hr.goal.checkin"), mine)
        self.assertFalse(self.visible(self.user_colleague, "hr.goal.checkin"))
        self.assert_cannot_read(mine, self.user_colleague)
        with self.assertRaises(UserError):
            Checkin.with_user(self.user_employee).create(
                {"agreement_id": self.colleague_agreement.id, "progress": 10}
            )

    def test_previous_versions_follow_the_agreement(self):
        self.advance_agreement(self.agreement, "agreed")
        self.agreement.with_user(self.user_manager).action_revise(reason="Umzug")
        revision = self.agreement.revision_ids
        self.assertEqual(
            self.visible(self.user_employee, "hr.goal.agreement.revision"), revision
        )
        self.assertEqual(
            self.visible(self.user_head, "hr.goal.agreement.revision"), revision
        )
        self.assertFalse(
            self.visible(self.user_colleague, "hr.goal.agreement.revision")
        )
        self.assertFalse(
            self.visible(self.user_colleague, "hr.goal.agreement.revision.line")
        )
        self.assertEqual(
            len(self.visible(self.user_head, "hr.goal.agreement.revision.line")), 4
        )
        with self.assertRaises(AccessError):
            self.env["hr.goal.agreement.revision"].with_user(self.user_officer).create(
                {"agreement_id": self.agreement.id, "version": 9, "reason": "fake"}
            )

    def test_periods_are_configured_by_admins(self):
        Period = self.env["hr.performance.period"]
        self.assertIn(
            self.period, self.visible(self.user_employee, "hr.performance.period")
        )
        with self.assertRaises(AccessError):
            Period.with_user(self.user_officer).create(
                {"name": "2030", "date_from": "2030-01-01", "date_to": "2030-12-31"}
            )
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_officer).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_officer).unlink()

    def test_company_goals_are_maintained_by_hr(self):
        Goal = self.env["hr.performance.period.goal"]
        goal = Goal.with_user(self.user_officer).create(
            {"period_id": self.period.id, "name": "Haushalt einhalten"}
        )
        self.assertIn(
            goal, self.visible(self.user_employee, "hr.performance.period.goal")
        )
        with self.assertRaises(AccessError):
            Goal.with_user(self.user_manager).create(
                {"period_id": self.period.id, "name": "eigenes Firmenziel"}
            )
        with self.assertRaises(AccessError):
            goal.with_user(self.user_employee).write({"weight": 5})
        self.assertFalse(
            self.visible(self.user_other_officer, "hr.performance.period.goal")
        )

    def test_templates_read_by_all_written_by_hr(self):
        Template = self.env["hr.goal.template"]
        template = Template.with_user(self.user_officer).create({"name": "Fortbildung"})
        self.assertIn(template, self.visible(self.user_employee, "hr.goal.template"))
        for user in (self.user_employee, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Template.with_user(user).create({"name": "eigene Vorlage"})
                with self.assertRaises(AccessError):
                    template.with_user(user).write({"name": "x"})
        self.assertNotIn(
            template, self.visible(self.user_other_officer, "hr.goal.template")
        )

    # ------------------------------------------------------------------
    # Employee smart button (public profile)
    # ------------------------------------------------------------------
    def test_smart_button_counts_what_the_user_may_see(self):
        public = self.env["hr.employee.public"]
        own = public.with_user(self.user_employee).browse(self.employee.id)
        self.assertEqual(own.goal_agreement_count, 1)
        colleague_view = public.with_user(self.user_colleague).browse(self.employee.id)
        self.assertEqual(colleague_view.goal_agreement_count, 0)
        manager_view = self.employee.with_user(self.user_officer)
        self.assertEqual(manager_view.goal_agreement_count, 1)
        action = own.action_open_goal_agreements()
        self.assertEqual(action["domain"], [("employee_id", "=", self.employee.id)])
        self.assertEqual(
            self.env["hr.goal.agreement"]
            .with_user(self.user_employee)
            .search(action["domain"]),
            self.agreement,
        )
