from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentFlow(AssessmentCase):
    """Every transition, done by the right role and refused for the others."""

    def setUp(self):
        super().setUp()
        self.schedule(self.employee)
        self.assessment = self.assessment_of(self.employee)

    def read_as(self, user, record):
        record.invalidate_recordset()
        return record.with_user(user).read(["state"])

    def test_scheduled_assessment_is_hidden_from_the_employee(self):
        self.assertEqual(self.assessment.state, "scheduled")
        self.assertEqual(self.assessment.assessor_id, self.user_manager)
        with self.assertRaises(AccessError):
            self.read_as(self.user_employee, self.assessment)
        with self.assertRaises(AccessError):
            self.read_as(self.user_colleague, self.assessment)
        self.assertTrue(self.read_as(self.user_head, self.assessment))
        with self.assertRaises(AccessError):
            self.read_as(self.user_other_officer, self.assessment)

    def test_assessor_rates_and_submits_result_computed_by_engine(self):
        lines = self.rate(
            self.assessment,
            self.user_manager,
            {"On time": 4, "Carefully": 3, "Volume": 2},
        )
        self.assertEqual(len(lines), 3, "no leadership criterion for non-leaders")
        self.assertEqual(self.assessment.state, "in_progress")
        with self.assertRaises(UserError):
            self.assessment.with_user(self.user_employee).action_submit()
        self.assessment.with_user(self.user_manager).action_submit()
        # Quality 3.5 * 60 % + quantity 2 * 40 % = 2.9 of 5 points = 58 %.
        self.assertEqual(self.assessment.state, "submitted")
        self.assertAlmostEqual(self.assessment.result, 2.9)
        self.assertAlmostEqual(self.assessment.result_percent, 58.0)
        groups = self.assessment.result_breakdown["groups"]
        self.assertEqual([g["result"] for g in groups], [3.5, 2.0])
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "hr.assessment"),
                    ("user_id", "=", self.user_manager.id),
                ]
            ),
            "the assessor's to-do is done",
        )

    def test_submit_needs_every_score(self):
        line = self.assessment.line_ids[0]
        line.with_user(self.user_manager).level_id = self.levels[3]
        with self.assertRaisesText(UserError, "no score yet"):
            self.assessment.with_user(self.user_manager).action_submit()
        self.assertEqual(self.assessment.state, "in_progress")

    def submitted(self):
        self.rate(self.assessment, self.user_manager)
        self.assessment.with_user(self.user_manager).action_submit()
        return self.assessment

    def test_employee_acknowledges_hr_finalizes(self):
        assessment = self.submitted()
        self.assertTrue(self.read_as(self.user_employee, assessment))
        for user in (self.user_manager, self.user_officer):
            with self.assertRaises(UserError):
                assessment.with_user(user).action_acknowledge()
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_colleague).action_acknowledge()
        assessment.with_user(self.user_employee).action_acknowledge()
        self.assertEqual(assessment.state, "acknowledged")
        self.assertEqual(assessment.acknowledged_by, self.user_employee)
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(UserError):
                assessment.with_user(user).action_finalize()
        assessment.with_user(self.user_officer).action_finalize()
        self.assertEqual(assessment.state, "final")
        with self.assertRaises(UserError):
            assessment.with_user(self.user_admin).unlink()
        with self.assertRaises(UserError):
            assessment.with_user(self.user_officer).action_acknowledge()

    def test_scores_of_submitted_assessment_cannot_be_written(self):
        assessment = self.submitted()
        line = assessment.line_ids[0]
        with self.assertRaisesText(UserError, "can no longer be changed"):
            line.with_user(self.user_manager).write({"level_id": self.levels[5].id})
        with self.assertRaises(UserError):
            line.with_user(self.user_officer).write({"score": 5})
        with self.assertRaises(AccessError):
            line.with_user(self.user_employee).write({"level_id": self.levels[5].id})
        with self.assertRaises(UserError):
            assessment.with_user(self.user_manager).write({"result": 5})
        self.assertEqual(line.score, 3)

    def test_raw_state_write_follows_the_rules(self):
        with self.assertRaises(UserError):
            self.assessment.with_user(self.user_manager).write({"state": "final"})
        assessment = self.submitted()
        with self.assertRaises(UserError):
            assessment.with_user(self.user_manager).write({"state": "acknowledged"})
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_employee).write({"state": "acknowledged"})
        with self.assertRaises(UserError):
            assessment.with_user(self.user_manager).write({"state": "in_progress"})
        self.assertEqual(assessment.state, "submitted")

    def test_hr_reopens_with_reason_and_correction_keeps_original(self):
        assessment = self.submitted()
        with self.assertRaises(UserError):
            assessment.with_user(self.user_manager)._reopen("better scores")
        action = assessment.with_user(self.user_officer).action_reopen()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"reason": "Wrong criterion rated"})
        )
        wizard.action_reopen()
        self.assertEqual(assessment.state, "in_progress")
        self.assertEqual(assessment.reopen_reason, "Wrong criterion rated")
        self.rate(assessment, self.user_manager, {"Volume": 5})
        assessment.with_user(self.user_manager).action_submit()
        self.assertAlmostEqual(assessment.original_result, 3.0)
        self.assertAlmostEqual(assessment.result, 3.8)
        self.assertTrue(assessment.result_corrected)

    def test_private_comment_never_reaches_the_employee(self):
        line = self.assessment.line_ids[0].with_user(self.user_manager)
        line.write({"comment": "Good work", "private_comment": "Check workload"})
        self.rate(self.assessment, self.user_manager)
        self.assessment.with_user(self.user_manager).action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        own = line.with_user(self.user_employee)
        self.assertEqual(own.comment, "Good work")
        self.assertFalse(own.private_comment)
        notes = self.env["hr.assessment.note"].with_user(self.user_employee)
        self.assertFalse(notes.search([]))
        note = self.env["hr.assessment.note"].search([("line_id", "=", line.id)])
        with self.assertRaises(AccessError):
            note.with_user(self.user_employee).read(["note"])
        self.assertEqual(
            line.with_user(self.user_officer).private_comment, "Check workload"
        )

    def test_score_outside_the_scale_is_refused(self):
        other = self.env["hr.assessment.scale"].create(
            {
                "name": "Other",
                "level_ids": [
                    (0, 0, {"points": 0, "name": "No"}),
                    (0, 0, {"points": 9, "name": "Yes"}),
                ],
            }
        )
        line = self.assessment.line_ids[0].with_user(self.user_manager)
        with self.assertRaisesText(ValidationError, "not on the scale"):
            line.level_id = other.level_ids[1]
        with self.assertRaises(UserError):
            line.write({"score": 7})

    def test_second_assessment_for_same_period_and_form(self):
        with self.assertRaisesText(ValidationError, "already has an assessment"):
            self.env["hr.assessment"].with_user(self.user_officer).create(
                {
                    "period_id": self.period.id,
                    "form_id": self.form.id,
                    "employee_id": self.employee.id,
                    "assessor_id": self.user_manager.id,
                    "date": "2027-12-01",
                }
            )
        self.assertEqual(len(self.assessment_of(self.employee)), 1)

    def test_form_in_use_is_locked_and_versioned(self):
        self.assertTrue(self.form.locked)
        with self.assertRaisesText(UserError, "new version"):
            self.form.criterion_ids[0].with_user(self.user_admin).weight = 40
        action = self.form.with_user(self.user_admin).action_new_version()
        new = self.env["hr.assessment.form"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(new.previous_version_id, self.form)
        self.assertFalse(self.form.active)
        self.assertEqual(len(new.criterion_ids), 4)
        new.criterion_ids[0].weight = 40
        new.criterion_ids[1].weight = 60
        copy = new.copy()
        self.assertIn("(copy)", copy.name)
