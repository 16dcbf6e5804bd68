from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentFilling(AssessmentCase):
    """Filling in an assessment in the backend: the result so far, the
    weights as the portal shows them, a self-assessment asked for later."""

    def setUp(self):
        super().setUp()
        self.schedule(self.employee)
        self.assessment = self.assessment_of(self.employee)

    def test_result_so_far_counts_only_rated_criteria(self):
        # As the assessor fills in the form (onchange, nothing saved yet).
        form = Form(self.assessment.with_user(self.user_manager))
        self.assertEqual(form.running_rated, "0 / 3")
        with form.line_ids.edit(0) as line:  # On time (50 % of 60 %)
            line.level_id = self.levels[5]
        # One criterion rated: it alone is the result so far (5 of 5 points
        # = 100 %); the others do not count as 0.
        self.assertEqual(form.running_rated, "1 / 3")
        self.assertEqual(form.running_percent, 100.0)
        with form.line_ids.edit(2) as line:  # Volume (40 %)
            line.level_id = self.levels[1]
        self.assertEqual(form.running_rated, "2 / 3")
        # Saved and submitted: the result so far was the submitted result.
        self.rate(
            self.assessment,
            self.user_manager,
            {"On time": 5, "Carefully": 3, "Volume": 1},
        )
        self.assessment.invalidate_recordset()
        self.assertEqual(self.assessment.running_rated, "3 / 3")
        running = self.assessment.running_percent
        self.assessment.with_user(self.user_manager).action_submit()
        self.assertEqual(self.assessment.result_percent, running)

    def test_backend_shows_the_group_weight_the_portal_shows(self):
        lines = self.assessment.line_ids
        self.assertEqual(
            {line.name: (line.group_weight, line.weight) for line in lines},
            {
                "On time": (60.0, 50.0),
                "Carefully": (60.0, 50.0),
                "Volume": (40.0, 100.0),
            },
        )
        arch = self.env["hr.assessment.line"].get_views(
            [(self.env.ref("hr_performance.hr_assessment_line_view_list").id, "list")]
        )["views"]["list"]["arch"]
        self.assertIn('name="group_weight"', arch)
        self.assertEqual(
            self.env["hr.assessment.line"]._fields["weight"].string,
            "Weight in Group (%)",
        )

    def test_self_assessment_requested_after_scheduling(self):
        self.assertFalse(self.assessment.self_assessment_id)
        self.assessment.with_user(self.user_manager).action_request_self_assessment()
        own = self.assessment.self_assessment_id
        self.assertEqual(own.assessment_type, "self")
        self.assertEqual(own.assessor_id, self.user_employee)
        self.assertEqual(
            own.line_ids.mapped("criterion_id"), self.assessment.line_ids.criterion_id
        )
        self.assertEqual(own.activity_ids.user_id, self.user_employee)
        with self.assertRaisesText(UserError, "already has a self-assessment"):
            self.assessment.with_user(
                self.user_manager
            ).action_request_self_assessment()

    def test_only_hr_or_the_assessor_request_a_self_assessment(self):
        # A colleague cannot even read the assessment.
        with self.assertRaises(AccessError):
            self.assessment.with_user(
                self.user_colleague
            ).action_request_self_assessment()
        # The assessed employee reads it (once submitted) but asks nobody.
        self.assertFalse(self.assessment.self_assessment_id)
        self.assessment.with_user(self.user_officer).action_request_self_assessment()
        self.assertTrue(self.assessment.self_assessment_id)

    def test_analysis_never_averages_unrated_criteria_as_zero(self):
        # One criterion rated 5, two unrated: the average is 5, not 5/3.
        self.assessment.line_ids[0].with_user(self.user_manager).level_id = self.levels[
            5
        ]
        action = self.env.ref("hr_performance.hr_assessment_line_action_analysis")
        domain = safe_eval(action.domain or "[]")
        [(average,)] = self.env["hr.assessment.line"]._read_group(
            [*domain, ("assessment_id", "=", self.assessment.id)], [], ["score:avg"]
        )
        self.assertEqual(average, 5.0)
