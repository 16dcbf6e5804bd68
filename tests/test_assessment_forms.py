from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestAssessmentForms(AssessmentCase):
    def test_criterion_weights_must_add_up_to_100(self):
        with self.assertRaisesText(ValidationError, "weigh 90 %"):
            self.env["hr.assessment.form"].with_user(self.user_admin).create(
                {
                    "name": "Broken",
                    "scale_id": self.scale.id,
                    "group_ids": [
                        Command.create(
                            {
                                "name": "Quality",
                                "weight": 100,
                                "criterion_ids": [
                                    Command.create({"name": "A", "weight": 60}),
                                    Command.create({"name": "B", "weight": 30}),
                                ],
                            }
                        )
                    ],
                }
            )
        self.assertFalse(
            self.env["hr.assessment.form"].search([("name", "=", "Broken")])
        )

    def test_group_weights_must_add_up_to_100(self):
        form = self.create_form(name="Other groups")
        with self.assertRaisesText(ValidationError, "weigh 90 %"):
            form.write(
                {"group_ids": [Command.update(form.group_ids[0].id, {"weight": 50})]}
            )
        self.assertEqual(form.group_ids[0].weight, 60)

    def test_seed_form_data(self):
        form = self.env.ref("hr_performance.hr_assessment_form_tvoed")
        form._check_weights()
        self.assertEqual(len(form.group_ids), 6)
        leaders = form.group_ids.filtered("leaders_only")
        self.assertEqual(leaders.name, "Leadership")
        self.assertTrue(form.per_task)
        self.assertEqual(self.scale.level_ids.mapped("points"), [1, 2, 3, 4, 5])

    def test_per_task_score_is_the_mean_of_the_tasks(self):
        form = self.create_form(name="Per task", per_task=True, task_count=3)
        self.schedule(self.employee, form_id=form.id)
        assessment = self.env["hr.assessment"].search([("form_id", "=", form.id)])
        line = assessment.line_ids[0].with_user(self.user_manager)
        line.write(
            {
                "task_1_level_id": self.levels[4].id,
                "task_2_level_id": self.levels[3].id,
                "task_3_level_id": self.levels[3].id,
            }
        )
        self.assertAlmostEqual(line.score, 3.33)
        form.sudo().write({})  # nothing changes on a locked form without values
        self.assertTrue(form.locked)

    def test_leaders_get_the_leadership_group(self):
        self.schedule(self.employee_manager, user=self.user_officer)
        assessment = self.assessment_of(self.employee_manager)
        self.assertTrue(assessment.is_leader)
        self.assertIn("Delegates", assessment.line_ids.mapped("name"))
        self.assertEqual(assessment.assessor_id, self.user_head)
        self.rate(assessment, self.user_head, {"Delegates": 5})
        assessment.with_user(self.user_head).action_submit()
        # 3 * 50 % + 3 * 30 % + 5 * 20 % = 3.4
        self.assertAlmostEqual(assessment.result, 3.4)
