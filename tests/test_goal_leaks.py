from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TwoAgreementsCase


@tagged("post_install", "-at_install")
class TestGoalLeaks(TwoAgreementsCase):
    """Reviewer's probes: paths around the record rules of goal agreements."""

    def test_archived_pdf_and_chatter_stay_with_the_agreement(self):
        self.advance_agreement(self.colleague_agreement, "agreed")
        self.colleague_agreement.with_user(self.user_manager).message_post(
            body="Gespräch vertraulich"
        )
        self.env.flush_all()
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "hr.goal.agreement"),
                ("res_id", "=", self.colleague_agreement.id),
            ]
        )
        self.assertTrue(attachments)
        attachment = attachments[:1].with_user(self.user_employee)
        attachment.invalidate_recordset()
        with self.assertRaises(AccessError):
            attachment.read(["raw"])
        messages = (
            self.env["mail.message"]
            .with_user(self.user_employee)
            .search(
                [
                    ("model", "=", "hr.goal.agreement"),
                    ("res_id", "=", self.colleague_agreement.id),
                ]
            )
        )
        self.assertFalse(messages)
        with self.assertRaises(AccessError):
            self.colleague_agreement.with_user(self.user_employee).message_post(
                body="Hallo"
            )

    def test_goal_cannot_be_moved_into_another_agreement(self):
        self.period.employee_proposals = True
        goal = self.agreement.goal_ids[:1].with_user(self.user_employee)
        with self.assertRaises(UserError):
            goal.write({"agreement_id": self.colleague_agreement.id})
        self.assertEqual(goal.sudo().agreement_id, self.agreement)

    def test_checkin_cannot_target_a_foreign_goal(self):
        self.advance_agreement(self.agreement, "in_progress")
        self.advance_agreement(self.colleague_agreement, "in_progress")
        with self.assertRaises(UserError):
            self.env["hr.goal.checkin"].with_user(self.user_employee).create(
                {
                    "agreement_id": self.agreement.id,
                    "goal_id": self.colleague_agreement.goal_ids[:1].id,
                    "progress": 50,
                }
            )

    def test_employee_cannot_reassign_the_user_of_the_agreement(self):
        with self.assertRaises(UserError):
            self.agreement.with_user(self.user_employee).write(
                {"employee_user_id": self.user_colleague.id}
            )

    def test_result_raw_write_is_refused(self):
        self.advance_agreement(self.agreement, "rated")
        result = self.env["hr.performance.result"]._generate_for_periods(self.period)
        self.assertTrue(result)
        with self.assertRaises(UserError):
            result.with_user(self.user_officer).write(
                {"state": "final", "final_snapshot": {"final_result": 150}}
            )
        with self.assertRaises(UserError):
            result.with_user(self.user_officer).write({"assessment_result": 99})

    def test_rating_feeds_the_combined_result(self):
        self.advance_agreement(self.agreement, "rating")
        for goal in self.agreement.goal_ids:
            goal.with_user(self.user_manager).achievement = 80
        self.advance_agreement(self.agreement, "rated")
        result = self.env["hr.performance.result"].search(
            [("employee_id", "=", self.employee.id), ("period_id", "=", self.period.id)]
        )
        self.assertEqual(result.goal_agreement_id, self.agreement)
        self.assertEqual(result.goal_result, 80)
        self.assertEqual(result.final_result, 80)
        self.assertTrue(result.complete)

    def test_engine_errors_are_told_without_the_engine_text(self):
        from ..engine import InvalidInputError, WeightError
        from ..models.common.engine_messages import engine_error_message

        goal = self.agreement.goal_ids[:1]
        error = InvalidInputError(
            "The value of 'x' is 200, above the scale maximum 150.",
            item=str(goal.id),
            value=200,
            code="above_scale_max",
            limit=150,
        )
        message = engine_error_message(self.env, error, {str(goal.id): goal.name})
        self.assertEqual(message, f"{goal.name} is 200, above the maximum of 150.")
        message = engine_error_message(self.env, WeightError("Quality", 90))
        self.assertEqual(message, "The weights of Quality add up to 90 instead of 100.")
        self.assertNotIn("must sum to exactly", message)

    def test_forged_user_copies_are_refused_on_create(self):
        self.period.employee_proposals = True
        with self.assertRaises(UserError):
            self.env["hr.goal"].with_user(self.user_employee).create(
                {
                    "agreement_id": self.colleague_agreement.id,
                    "employee_user_id": self.user_employee.id,
                    "name": "Untergeschoben",
                    "weight": 10,
                }
            )
        self.colleague_agreement.with_user(self.user_officer).action_cancel("Neu")
        with self.assertRaises(UserError):
            self.env["hr.goal.agreement"].with_user(self.user_employee).create(
                {
                    "employee_id": self.employee_colleague.id,
                    "employee_user_id": self.user_employee.id,
                    "period_id": self.period.id,
                }
            )
