from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_pay import PayRunCase


@tagged("post_install", "-at_install")
class TestPayRunFlow(PayRunCase):
    """Budget, groups, points and the distribution carried to money."""

    def test_seed_figures_to_the_cent(self):
        run = self.computed_run()
        self.assertEqual(run.state, "computed")
        self.assertEqual(len(run.line_ids), 3)
        # 1,000.00 / 135 points = 7.407407 per point
        line = self.line_of(run, self.employee)
        self.assertAlmostEqual(line.value_per_point, 7.407407, places=6)
        self.assertEqual(line.result, 45.0)
        self.assertEqual(line.points, 45.0)
        self.assertEqual(line.part_time_share, 1.0)
        self.assertEqual(line.employed_share, 1.0)
        amounts = self.amounts(run)
        self.assertEqual(amounts[self.employee], 333.33)
        self.assertEqual(amounts[self.employee_colleague], 222.22)
        # the one remaining cent goes to the largest remainder (444.444...)
        self.assertEqual(amounts[self.employee_portal], 444.45)
        self.assertEqual(
            self.line_of(run, self.employee_portal).rounding_adjustment, 0.01
        )
        self.assertAlmostEqual(sum(amounts.values()), 1000.0, places=2)
        self.assertEqual(run.amount_total, 1000.0)
        self.assertEqual(run.residual_total, 0.0)
        self.assertEqual(line.breakdown["exact_amount"][:8], "333.3333")
        self.assertIn("Alle", run.group_summary_html)
        self.assertEqual(
            run.group_summary[str(self.group_all.id)]["points"], "135.0000"
        )

    def test_recompute_is_allowed_and_replaces_lines(self):
        run = self.computed_run()
        old = run.line_ids
        self.results[self.employee].write(
            {
                "state": "final",
                "final_snapshot": {
                    "goal_result": 60.0,
                    "final_result": 60.0,
                    "complete": True,
                    "breakdown": {},
                },
            }
        )
        run.action_compute()
        self.assertFalse(old.exists())
        self.assertEqual(self.line_of(run, self.employee).points, 60.0)
        self.assertAlmostEqual(sum(self.amounts(run).values()), 1000.0, places=2)

    def test_minimum_result_excludes_from_divisor(self):
        self.period.pay_min_result = 40.0
        run = self.computed_run()
        low = self.line_of(run, self.employee_colleague)
        self.assertFalse(low.eligible)
        self.assertEqual(low.reason, "below_minimum")
        self.assertEqual(low.amount, 0.0)
        # 1,000 over 105 points: 428.571.. and 571.428.. -> cents by remainder
        self.assertEqual(self.line_of(run, self.employee).amount, 428.57)
        self.assertEqual(self.line_of(run, self.employee_portal).amount, 571.43)

    def test_maximum_payout_redistributes(self):
        self.period.pay_max_payout = 400.0
        run = self.computed_run()
        top = self.line_of(run, self.employee_portal)
        self.assertEqual(top.reason, "capped")
        self.assertEqual(top.amount, 400.0)
        # 600 left over 75 points: 8 per point
        self.assertEqual(self.line_of(run, self.employee).amount, 360.0)
        self.assertEqual(self.line_of(run, self.employee_colleague).amount, 240.0)
        self.assertEqual(run.residual_total, 0.0)

    def test_part_time_share_from_calendar(self):
        self.contracts[self.employee].resource_calendar_id = self.half_time_calendar
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        self.assertEqual(line.weekly_hours, 20.0)
        self.assertEqual(line.full_time_hours, 40.0)
        self.assertEqual(line.part_time_share, 0.5)
        self.assertEqual(line.points, 22.5)
        # 1,000 / 112.5 points = 8.888.. per point
        self.assertEqual(line.amount, 200.0)

    def test_part_time_share_counts_each_working_time_for_its_months(self):
        # Six months full time, then six months half time: 0.75 by months.
        self.contracts[self.employee].write(
            {"date_start": "2025-01-01", "date_end": "2027-06-30", "state": "close"}
        )
        self.create_contract(
            self.employee,
            date_start="2027-07-01",
            resource_calendar_id=self.half_time_calendar.id,
        )
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        self.assertEqual(line.part_time_share, 0.75)
        self.assertEqual(line.employed_share, 1.0)
        self.assertEqual(line.weekly_hours, 30.0)
        self.assertEqual(line.points, 33.75)  # 45 x 0.75
        statement = self.render_statement(self.user_officer, line)
        self.assertIn("30", statement)

    def test_months_pro_rata_from_contract_dates(self):
        self.contracts[self.employee].write(
            {"date_start": "2027-03-15", "state": "open"}
        )
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        # March counts with any paid day: 10 of 12 months
        self.assertEqual(line.employed_share, 0.8333)
        self.assertEqual(line.points, 37.4985)

    def test_month_rule_full_month(self):
        self.period.pay_month_rule = "full_month"
        self.contracts[self.employee].write({"date_start": "2027-03-15"})
        run = self.computed_run()
        self.assertEqual(self.line_of(run, self.employee).employed_share, 0.75)

    def test_days_pro_rata_with_unpaid_leave_section(self):
        self.period.pay_prorata_method = "days"
        self.env["hr.performance.employment.section"].create(
            {
                "employee_id": self.employee.id,
                "date_from": "2027-07-01",
                "date_to": "2027-09-30",
                "status": "unpaid_leave",
                "reason": "Sonderurlaub",
            }
        )
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        # 365 - 92 days = 273 paid days
        self.assertEqual(line.employed_share, round(273 / 365, 4))
        detail = line.employed_detail
        self.assertEqual(detail["paid_days"], 273)
        self.assertIn("unpaid_leave: Sonderurlaub", detail["excluded"][0][2])

    def test_employed_section_brings_employee_without_contract_into_scope(self):
        self.create_result(self.employee_manager, 50.0)
        self.env["hr.performance.employment.section"].create(
            {
                "employee_id": self.employee_manager.id,
                "date_from": "2027-07-01",
                "date_to": "2027-12-31",
                "status": "employed",
                "reason": "Abordnung",
            }
        )
        run = self.computed_run()
        line = self.line_of(run, self.employee_manager)
        self.assertEqual(line.employed_share, 0.5)
        self.assertEqual(line.points, 25.0)

    def test_overlapping_sections_are_refused(self):
        Section = self.env["hr.performance.employment.section"]
        Section.create(
            {
                "employee_id": self.employee.id,
                "date_from": "2027-01-01",
                "date_to": "2027-03-31",
                "reason": "Elternzeit",
            }
        )
        with self.assertRaisesText(ValidationError, "overlap"):
            Section.create(
                {
                    "employee_id": self.employee.id,
                    "date_from": "2027-03-01",
                    "date_to": "2027-04-30",
                    "reason": "Krank",
                }
            )

    def test_pay_factor_override_redistributes(self):
        run = self.computed_run()
        line = self.line_of(run, self.employee).with_user(self.user_officer)
        line.pay_factor = 2.0
        self.assertEqual(line.points, 90.0)
        # 1,000 / 180 points
        self.assertEqual(line.amount, 500.0)
        self.assertAlmostEqual(sum(self.amounts(run).values()), 1000.0, places=2)

    # ------------------------------------------------------------------
    # budget and groups
    # ------------------------------------------------------------------
    def test_rate_budget_from_contract_base(self):
        self.contracts[self.employee_portal].write(
            {"date_start": "2026-07-01", "wage": 2400.0}
        )
        run = self.create_run(budget_mode="rate", budget_rate=2.0)
        run.action_compute_base()
        base = {row.employee_id: row for row in run.base_ids}
        self.assertEqual(base[self.employee].base, 36000.0)
        self.assertEqual(base[self.employee].source, "contract")
        # 184 of 365 days of 2026 at 2,400 x 12
        self.assertEqual(base[self.employee_portal].base, round(28800 * 184 / 365, 2))
        self.assertIn("184/365", base[self.employee_portal].detail)
        total = 72000.0 + round(28800 * 184 / 365, 2)
        self.assertAlmostEqual(run.base_total, total, places=2)
        self.assertEqual(run.budget, round(total * 0.02, 2))
        # a manual base is kept when the base is rebuilt
        base[self.employee].with_user(self.user_officer).base = 30000.0
        self.assertEqual(base[self.employee].source, "manual")
        run.action_compute_base()
        self.assertEqual(
            run.base_ids.filtered(lambda b: b.employee_id == self.employee).base,
            30000.0,
        )
        run.action_compute()
        self.assertAlmostEqual(run.amount_total, run.budget, places=2)

    def test_rate_budget_from_done_payslips(self):
        category = self.env["hr.salary.rule.category"].create(
            {"name": "Grundgehalt", "code": "HRPBASE"}
        )
        rule = self.env["hr.salary.rule"].create(
            {
                "name": "Grundgehalt",
                "code": "HRPBASE",
                "category_id": category.id,
                "sequence": 1,
            }
        )
        contract = self.contracts[self.employee]
        slips = self.env["hr.payslip"]
        for month, amount, state in (
            (3, 3100.0, "done"),
            (4, 3200.0, "done"),
            (5, 9999.0, "draft"),
        ):
            slip = self.env["hr.payslip"].create(
                {
                    "name": f"Slip {month}",
                    "employee_id": self.employee.id,
                    "contract_id": contract.id,
                    "date_from": f"2026-{month:02d}-01",
                    "date_to": f"2026-{month:02d}-28",
                }
            )
            self.env["hr.payslip.line"].create(
                {
                    "slip_id": slip.id,
                    "salary_rule_id": rule.id,
                    "employee_id": self.employee.id,
                    "contract_id": contract.id,
                    "name": "Grundgehalt",
                    "code": "HRPBASE",
                    "category_id": category.id,
                    "amount": amount,
                }
            )
            slip.write({"state": state})
            slips |= slip
        run = self.create_run(budget_mode="rate", base_category_codes="HRPBASE")
        run.action_compute_base()
        base = {row.employee_id: row for row in run.base_ids}
        # only the done payslips count; the others come from their contracts
        self.assertEqual(base[self.employee].source, "payslip")
        self.assertEqual(base[self.employee].base, 6300.0)
        self.assertIn("2 payslip lines of 2026", base[self.employee].detail)
        self.assertEqual(base[self.employee_colleague].source, "contract")
        self.assertEqual(run.base_total, 6300.0 + 2 * 36000.0)
        run.base_source = "contract"
        run.action_compute_base()
        self.assertEqual(run.base_total, 3 * 36000.0)

    def test_zero_and_negative_budget_refused(self):
        run = self.create_run(budget_amount=0.0)
        with self.assertRaisesText(UserError, "must be greater than 0"):
            run.action_compute()
        with self.assertRaises(ValidationError):
            run.budget_amount = -10.0
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.line_ids)
        with self.assertRaises(ValidationError):
            self.period.pay_budget_amount = -5.0

    def test_groups_by_department_and_sub_budget_shares(self):
        other_department = self.env["hr.department"].create({"name": "Kämmerei"})
        self.employee_portal.department_id = other_department
        self.group_all.write(
            {
                "name": "Bürgeramt",
                "selection_type": "department",
                "department_ids": [(6, 0, self.department.ids)],
                "sub_budget_share": 60.0,
            }
        )
        Group = self.env["hr.performance.bonus.group"]
        second = Group.create(
            {
                "name": "Kämmerei",
                "period_id": self.period.id,
                "selection_type": "department",
                "department_ids": [(6, 0, other_department.ids)],
                "sub_budget_share": 40.0,
            }
        )
        run = self.computed_run()
        self.assertEqual(self.line_of(run, self.employee_portal).group_id, second)
        self.assertEqual(self.line_of(run, self.employee_portal).amount, 400.0)
        # 600 over 75 points = 8 per point
        self.assertEqual(self.line_of(run, self.employee).amount, 360.0)
        summary = run.group_summary
        self.assertEqual(summary[str(second.id)]["sub_budget"], 400.0)
        # shares not adding up to 100
        run.action_reset()
        second.sub_budget_share = 30.0
        with self.assertRaisesText(UserError, "add up to 90.00 % instead of 100 %"):
            run.action_compute()

    def test_sub_budget_amounts_must_add_up(self):
        self.period.pay_sub_budget_mode = "amount"
        self.group_all.sub_budget_amount = 900.0
        run = self.create_run()
        with self.assertRaises(UserError) as error:
            run.action_compute()
        # Amounts in the user's format and currency.
        message = str(error.exception).replace("\xa0", " ")
        self.assertIn("add up to $ 900.00 instead of the budget $ 1,000.00", message)
        self.group_all.sub_budget_amount = 1000.0
        run.action_compute()
        self.assertEqual(run.amount_total, 1000.0)

    def test_employees_in_no_group_or_two_groups_listed(self):
        Group = self.env["hr.performance.bonus.group"]
        self.group_all.write(
            {
                "selection_type": "manual",
                "employee_ids": [(6, 0, self.employee.ids)],
                "sub_budget_share": 50.0,
            }
        )
        band = Group.create(
            {
                "name": "Band",
                "period_id": self.period.id,
                "selection_type": "pay_band",
                "wage_min": 2500.0,
                "wage_max": 3500.0,
                "sub_budget_share": 50.0,
            }
        )
        self.contracts[self.employee_portal].wage = 5000.0
        run = self.create_run()
        with self.assertRaises(UserError) as caught:
            run.action_compute()
        message = str(caught.exception)
        self.assertIn("In no bonus group: Portal Employee.", message)
        self.assertIn("In more than one bonus group: Employee (Alle, Band).", message)
        self.assertFalse(run.line_ids)
        # fix it: the band ends below the manual employee, the portal employee
        # gets a job group
        job = self.env["hr.job"].create({"name": "Sachbearbeitung"})
        self.employee_portal.job_id = job
        band.wage_max = 2999.0
        self.group_all.employee_ids = [
            (6, 0, (self.employee | self.employee_colleague).ids)
        ]
        Group.create(
            {
                "name": "Jobs",
                "period_id": self.period.id,
                "selection_type": "job",
                "job_ids": [(6, 0, job.ids)],
                "sub_budget_share": 0.0,
            }
        )
        run.action_compute()
        self.assertEqual(len(run.line_ids), 3)
        self.assertEqual(run.residual_total, 500.0)
        self.assertEqual(run.amount_total, 500.0)

    def test_missing_results_are_listed(self):
        self.results[self.employee_colleague].with_user(
            self.user_officer
        ).action_reset_provisional()
        self.create_contract(self.employee_manager)
        run = self.create_run()
        with self.assertRaises(UserError) as caught:
            run.action_compute()
        self.assertIn("No final result for: Colleague, Manager", str(caught.exception))
        self.assertEqual(run.state, "draft")

    def test_provisional_results_allowed_and_corrected_later(self):
        self.results[self.employee_colleague].with_user(
            self.user_officer
        ).action_reset_provisional()
        run = self.computed_run(allow_provisional=True)
        line = self.line_of(run, self.employee_colleague)
        self.assertTrue(line.provisional)
        self.assertEqual(line.points, 0.0)
        self.assertEqual(run.provisional_count, 1)
        self.assertEqual(self.line_of(run, self.employee).amount, 428.57)
        # the result becomes final: the line takes it over, the group is
        # redistributed and the difference is shown
        self.results[self.employee_colleague].write(
            {
                "state": "final",
                "final_snapshot": {
                    "goal_result": 30.0,
                    "final_result": 30.0,
                    "complete": True,
                    "breakdown": {},
                },
            }
        )
        wizard = (
            self.env["hr.performance.pay.correction.wizard"]
            .with_user(self.user_officer)
            .create(
                {"line_id": line.id, "kind": "result", "reason": "Beurteilung fertig"}
            )
        )
        wizard.action_confirm()
        self.assertFalse(line.provisional)
        self.assertEqual(line.amount, 222.22)
        self.assertEqual(line.amount_difference, 222.22)
        self.assertEqual(self.line_of(run, self.employee).amount, 333.33)
        self.assertEqual(run.provisional_count, 0)

    # ------------------------------------------------------------------
    # corrections
    # ------------------------------------------------------------------
    def correct(self, line, kind, value, reason="Widerspruch stattgegeben"):
        wizard = (
            self.env["hr.performance.pay.correction.wizard"]
            .with_user(self.user_officer)
            .create({"line_id": line.id, "kind": kind, kind: value, "reason": reason})
        )
        return wizard.action_confirm()

    def test_points_correction_redistributes_group(self):
        run = self.computed_run()
        line = self.line_of(run, self.employee_colleague)
        self.correct(line, "points", 45.0)
        self.assertTrue(line.points_corrected)
        self.assertEqual(line.points, 45.0)
        self.assertEqual(line.points_computed, 30.0)
        # 1,000 / 150 points
        self.assertEqual(line.amount, 300.0)
        self.assertEqual(line.amount_difference, round(300.0 - 222.22, 2))
        self.assertEqual(self.line_of(run, self.employee_portal).amount, 400.0)
        self.assertEqual(run.residual_total, 0.0)
        self.assertEqual(line.correction_reason, "Widerspruch stattgegeben")
        self.assertIn("Widerspruch stattgegeben", line.message_ids[:1].body)
        self.assertNotIn("Widerspruch stattgegeben", run.message_ids[:1].body)
        self.assertIn("A pay line was corrected", run.message_ids[:1].body)
        # a recompute keeps the correction
        run.action_compute()
        self.assertEqual(self.line_of(run, self.employee_colleague).points, 45.0)

    def test_amount_correction_shows_residual(self):
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        self.correct(line, "amount", 300.0)
        self.assertEqual(line.amount, 300.0)
        self.assertEqual(line.amount_distributed, 333.33)
        self.assertEqual(line.amount_difference, -33.33)
        # the other lines keep their payout, the residual shows the difference
        self.assertEqual(self.line_of(run, self.employee_colleague).amount, 222.22)
        self.assertEqual(run.residual_total, 33.33)
        self.assertIn("33.33", run.group_summary_html)

    def test_correction_needs_reason_and_officer(self):
        run = self.computed_run()
        line = self.line_of(run, self.employee)
        with self.assertRaisesText(UserError, "needs a reason"):
            line.with_user(self.user_officer)._apply_correction("points", 10.0, " ")
        with self.assertRaises(UserError):
            line.with_user(self.user_manager)._apply_correction("points", 10.0, "x")
        with self.assertRaisesText(UserError, "through a correction"):
            line.with_user(self.user_officer).write({"amount": 5.0})
        self.assertEqual(line.amount, 333.33)
