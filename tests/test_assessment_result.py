from odoo.tests import tagged

from .common_assessment import AssessmentCase


@tagged("post_install", "-at_install")
class TestPerformanceResult(AssessmentCase):
    """Kombi-Modell of the municipal example: goals 90 % (personal 50, department 30,
    company 10) and assessment 10 %; sums 50, 40, 30 and 50 give 45.00."""

    def test_seed_002_combined_result(self):
        # Level weights are shares of the goal result (they add up to 100);
        # times the goal weight of 90 % they are 50 / 30 / 10 % of the total.
        period = self.create_period(
            name="Kombi 2028",
            date_from="2028-01-01",
            date_to="2028-12-31",
            method="combined",
            weight_goals=90,
            weight_assessment=10,
            weight_personal=55.5556,
            weight_department=33.3333,
            weight_company=11.1111,
            result_scale="points",
        )
        self.period = period
        # Per task, 2 and 3 points give 2.5 of 5 points = 50 for every criterion.
        form = self.create_form(name="Seed", per_task=True, task_count=2)
        self.schedule(self.employee, form_id=form.id)
        assessment = self.assessment_of(self.employee)
        for line in assessment.with_user(self.user_manager).line_ids:
            line.write(
                {
                    "task_1_level_id": self.levels[2].id,
                    "task_2_level_id": self.levels[3].id,
                }
            )
        assessment.with_user(self.user_manager).action_submit()
        self.assertAlmostEqual(assessment.result_percent, 50.0)
        result = self.env["hr.performance.result"].search(
            [("employee_id", "=", self.employee.id), ("period_id", "=", period.id)]
        )
        self.assertEqual(result.breakdown["missing"], ["goals"])
        self.assertFalse(result.complete)

        agreement = self.create_agreement(self.employee, period)
        self.walk_states(
            agreement,
            "rated",
            result_personal=50,
            result_department=40,
            result_company=30,
            result_total=44.44,
        )
        result = self.env["hr.performance.result"]._generate_for_periods(period)
        self.assertEqual(result.goal_agreement_id, agreement)
        self.assertTrue(result.complete)
        self.assertAlmostEqual(result.final_result, 45.0)
        parts = {
            p["key"]: round(p["contribution"], 2) for p in result.breakdown["parts"]
        }
        self.assertEqual(
            parts,
            {"personal": 25.0, "department": 12.0, "company": 3.0, "assessment": 5.0},
        )
        # Recomputed when the goal side changes, frozen once final.
        agreement.sudo().result_personal = 60
        self.assertAlmostEqual(result.final_result, 50.0)
        result.with_user(self.user_officer).action_finalize()
        agreement.sudo().result_personal = 70
        self.assertAlmostEqual(result.final_result, 50.0)
        self.assertEqual(result.state, "final")
        # The employee reads the own result, colleagues do not.
        result.invalidate_recordset()
        self.assertTrue(result.with_user(self.user_employee).read(["final_result"]))
        self.assertFalse(
            self.env["hr.performance.result"].with_user(self.user_colleague).search([])
        )
