from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentObjection(AssessmentCase):
    def setUp(self):
        super().setUp()
        self.schedule(self.employee)
        self.assessment = self.assessment_of(self.employee)
        self.rate(self.assessment, self.user_manager)
        self.assessment.with_user(self.user_manager).action_submit()

    def object(self, user=None):
        return (
            self.env["hr.assessment.objection"]
            .with_user(user or self.user_employee)
            .create(
                {
                    "assessment_id": self.assessment.id,
                    "reason": "My volume was higher than rated.",
                }
            )
        )

    def test_only_the_employee_objects(self):
        with self.assertRaises(UserError):
            self.object(self.user_manager)
        with self.assertRaises(AccessError):
            self.object(self.user_colleague)
        action = self.assessment.with_user(self.user_employee).action_object()
        self.assertEqual(action["res_model"], "hr.assessment.objection")
        objection = self.object()
        self.assertEqual(self.assessment.state, "objected")
        self.assertEqual(objection.raised_by, self.user_employee)
        self.assertFalse(objection.recorded_on_behalf)
        self.assertAlmostEqual(objection.result_before, 60.0)
        with self.assertRaises(UserError):
            objection.with_user(self.user_employee).action_decide()
        with self.assertRaises(UserError):
            self.assessment.with_user(self.user_officer).action_finalize()
        with self.assertRaises(UserError):
            objection.with_user(self.user_admin).unlink()

    def test_upheld_objection_corrects_the_result_with_a_trace(self):
        objection = self.object().with_user(self.user_officer)
        objection.action_refer_commission()
        self.assertEqual(objection.state, "commission")
        with self.assertRaisesText(UserError, "decision and its grounds"):
            objection.action_decide()
        objection.write(
            {"decision": "upheld", "decision_note": "Commission: volume was high."}
        )
        objection.action_decide()
        self.assertEqual(objection.state, "decided")
        self.assertEqual(self.assessment.state, "in_progress")
        self.assertIn("Objection upheld", self.assessment.reopen_reason)
        self.rate(self.assessment, self.user_manager, {"Volume": 5})
        self.assessment.with_user(self.user_manager).action_submit()
        self.assessment.with_user(self.user_officer).action_finalize()
        self.assertEqual(self.assessment.state, "final")
        self.assertAlmostEqual(self.assessment.original_result_percent, 60.0)
        self.assertAlmostEqual(self.assessment.result_percent, 76.0)
        self.assertAlmostEqual(objection.result_before, 60.0)
        self.assertAlmostEqual(objection.result_after, 76.0)
        with self.assertRaises(UserError):
            objection.write({"decision": "rejected"})

    def test_rejected_objection_finalizes(self):
        objection = self.object().with_user(self.user_officer)
        objection.write({"decision": "rejected", "decision_note": "Scores are fair."})
        objection.action_decide()
        self.assertEqual(self.assessment.state, "final")
        self.assertAlmostEqual(objection.result_after, 60.0)
        self.assertTrue(objection.with_user(self.user_employee).read(["decision_note"]))
        with self.assertRaises(AccessError):
            objection.invalidate_recordset()
            objection.with_user(self.user_colleague).read(["reason"])
