"""The workflow kernel, as each model uses it: raw state writes take only the
raw edges, steps leave their facts, locked records stay locked."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_assessment import AssessmentCase
from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestKernelAssessment(AssessmentCase):
    def test_raw_submit_of_an_incomplete_assessment_is_refused(self):
        self.schedule(self.employee)
        assessment = self.assessment_of(self.employee)
        line = assessment.with_user(self.user_manager).line_ids[:1]
        line.level_id = self.levels[3]
        self.assertEqual(assessment.state, "in_progress")
        for user in (self.user_manager, self.user_officer):
            with self.assertRaisesText(UserError, "this way"):
                assessment.with_user(user).write({"state": "submitted"})
            for state in ("final", "acknowledged"):
                with self.assertRaisesText(UserError, "cannot go from In Progress"):
                    assessment.with_user(user).write({"state": state})
        self.assertEqual(assessment.state, "in_progress")
        self.assertFalse(assessment.submitted_on)
        self.assertFalse(assessment.result)

    def test_buttons_show_the_reason(self):
        self.schedule(self.employee)
        assessment = self.assessment_of(self.employee)
        as_employee = assessment.with_user(self.user_manager)
        self.assertTrue(as_employee.can_start or as_employee.can_submit)
        as_head = assessment.with_user(self.user_head)
        self.assertFalse(as_head.can_finalize)
        self.assertIn("because it is Scheduled", as_head.cannot_finalize_reason)


@tagged("post_install", "-at_install")
class TestKernelPayRun(PayRunCase):
    def test_a_draft_run_cannot_be_written_computed(self):
        run = self.create_run()
        with self.assertRaisesText(UserError, "this way"):
            run.with_user(self.user_officer).write({"state": "computed"})
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.line_ids)

    def test_facts_of_an_approved_run_are_locked(self):
        run = self.computed_run()
        with self.assertRaisesText(UserError, "set by the workflow only"):
            run.with_user(self.user_admin).write(
                {"approved_date": "2020-01-01 00:00:00"}
            )
        run.with_user(self.user_admin).action_approve()
        self.assertEqual(run.approved_by_id, self.user_admin)
        for values in (
            {"approved_date": "2020-01-01 00:00:00"},
            {"approved_by_id": self.user_officer.id},
            {"posted_date": "2020-01-01 00:00:00"},
        ):
            with self.assertRaisesText(UserError, "locked"):
                run.with_user(self.user_admin).write(values)
        with self.assertRaisesText(UserError, "locked"):
            run.with_user(self.user_admin).write({"budget_amount": 1.0})
        # Locked also for a plain write of the system: only steps change it.
        with self.assertRaisesText(UserError, "locked"):
            run.sudo().write({"budget_amount": 1.0})
        self.assertEqual(run.approved_by_id, self.user_admin)

    def test_paid_run_goes_back_to_posted_only_as_a_step(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        run.with_user(self.user_payroll).action_mark_paid()
        with self.assertRaisesText(UserError, "locked"):
            run.with_user(self.user_admin).write({"state": "posted"})
        run.sudo()._do_reopen_payment()
        self.assertEqual(run.state, "posted")
        self.assertFalse(run.paid_date)

    def test_a_step_cannot_leave_its_edge(self):
        run = self.create_run()
        with self.assertRaisesText(UserError, "cannot change from Draft to Paid"):
            run._workflow_write("compute", {"state": "paid"})
        with self.assertRaisesText(UserError, "approved once it is computed"):
            run._workflow_write("approve", {"state": "approved"})
        self.assertEqual(run.state, "draft")

    def test_approved_runs_are_never_deleted(self):
        run = self.computed_run()
        run.with_user(self.user_admin).action_approve()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            run.sudo().unlink()


@tagged("post_install", "-at_install")
class TestKernelEveryWorkflow(PayRunCase):
    def test_every_step_has_its_message_in_every_state(self):
        """For every workflow model, every state and every step, the message
        that the step is not possible in that state exists (a step a model's
        message table forgets fails here, not in a user's form)."""
        workflows = sorted(self.env["hr.performance.workflow.mixin"]._inherit_children)
        self.assertGreaterEqual(len(workflows), 5)
        for name in workflows:
            Model = self.env[name]
            field = Model._fields[Model._workflow_state_field]
            for state, _label in field._description_selection(self.env):
                values = {} if field.related else {field.name: state}
                record = Model.new(values)
                for action in Model._workflow_steps:
                    message = record._workflow_state_message(action)
                    self.assertTrue(message, f"{name} {state} {action}")
