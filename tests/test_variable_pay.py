"""Variable pay (seed 004, maXzie): target salary, goal weights, bonus curves,
rating levels, forecast, statement and payroll, through the models."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common_pay import PayRunCase
from .common_pdf import PdfPagesMixin
from .common_portal import PortalTestMixin

CURVE = "hr_performance.curve_standard_positive"


class VariablePayCase(PayRunCase):
    """Period 2027; the employee (4,000 a month, 25 % variable) has a variable
    agreement with two goals; a variable-pay bonus group holds him."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.curve = cls.env.ref(CURVE)
        cls.contract = cls.contracts[cls.employee]
        cls.contract.write(
            {"wage": 4000.0, "date_start": "2027-01-01", "hrp_variable_percent": 25.0}
        )
        # The others stay in the points model ("Alle" pays them by points).
        cls.group_all.write(
            {
                "selection_type": "manual",
                "employee_ids": [
                    (6, 0, (cls.employee_colleague | cls.employee_portal).ids)
                ],
            }
        )
        cls.group_variable = cls.env["hr.performance.bonus.group"].create(
            {
                "name": "AT-Beschäftigte",
                "period_id": cls.period.id,
                "selection_type": "manual",
                "employee_ids": [(6, 0, cls.employee.ids)],
                "pay_model": "variable",
            }
        )

    def variable_agreement(self, goals=None, employee=None):
        """A draft variable agreement; goals are dicts of hr.goal values."""
        employee = employee or self.employee
        goals = goals or [
            {"name": "Umsatz", "weight": 40, "target_value": 100, "unit": "T€"},
            {"name": "Projekt E-Akte", "weight": 60, "achievement_mode": "manual"},
        ]
        return self.create_agreement(
            employee,
            self.period,
            goals=[],
            pay_model="variable",
            goal_ids=[
                (
                    0,
                    0,
                    {
                        "level": "personal",
                        "curve_template_id": self.curve.id,
                        **values,
                    },
                )
                for values in goals
            ],
        )

    def rate(self, agreement, values):
        """Drive the agreement to rating, enter ``values`` by goal name, finish."""
        self.advance_agreement(agreement, "rating")
        supervisor = agreement.supervisor_user_id
        for goal in agreement.goal_ids:
            goal.with_user(supervisor).write(values[goal.name])
        self.advance_agreement(agreement, "rated")
        return agreement

    def goal(self, agreement, name):
        return agreement.goal_ids.filtered(lambda g: g.name == name)


@tagged("post_install", "-at_install")
class TestTargetSalary(VariablePayCase):
    def test_contract_target_salary_seed_example(self):
        # 4,000 a month, 25 % variable -> 48,000 / 12,000 / 36,000
        self.assertEqual(self.contract.hrp_target_salary, 48000.0)
        self.assertEqual(self.contract.hrp_variable_salary, 12000.0)
        self.assertEqual(self.contract.hrp_fixed_salary, 36000.0)
        # from 1.7.2012 the seed gives 60,000 with 10,000 variable (an amount)
        self.contract.write(
            {
                "hrp_target_salary": 60000.0,
                "hrp_variable_mode": "amount",
                "hrp_variable_amount": 10000.0,
            }
        )
        self.assertEqual(self.contract.hrp_variable_salary, 10000.0)
        self.assertEqual(self.contract.hrp_fixed_salary, 50000.0)

    def test_thirteenth_salary_only_when_configured(self):
        self.assertEqual(self.company.hrp_target_months, 12)
        self.company.hrp_target_months = 13
        self.contract.wage = 4100.0
        self.assertEqual(self.contract.hrp_target_salary, 53300.0)

    def test_bad_target_salary_is_refused_with_the_contract_name(self):
        with self.assertRaisesText(ValidationError, self.contract.name):
            self.contract.hrp_variable_percent = 120.0
        with self.assertRaisesText(ValidationError, "must not be negative"):
            self.contract.hrp_target_salary = -1.0
        with self.assertRaisesText(ValidationError, "must not exceed"):
            self.contract.write(
                {"hrp_variable_mode": "amount", "hrp_variable_amount": 50000.0}
            )


@tagged("post_install", "-at_install")
class TestVariableGoals(VariablePayCase):
    def test_bonus_at_100_and_forecast_on_the_goal(self):
        agreement = self.variable_agreement()
        revenue = self.goal(agreement, "Umsatz")
        # 40 % of 12,000 for the whole year
        self.assertEqual(revenue.bonus_at_100, 4800.0)
        self.assertFalse(revenue.has_current_achievement)
        self.assertEqual(revenue.forecast_amount, 0.0)
        self.assertEqual(agreement.variable_bonus_total, 12000.0)
        self.assertIn("<svg", revenue.curve_svg)
        self.advance_agreement(agreement, "in_progress")
        # The latest check-in says 110 %: forecast 125 % of 4,800
        self.env["hr.goal.checkin"].with_user(self.user_employee).create(
            {
                "agreement_id": agreement.id,
                "goal_id": revenue.id,
                "progress": 110.0,
            }
        )
        revenue.invalidate_recordset()
        self.assertTrue(revenue.has_current_achievement)
        self.assertEqual(revenue.current_achievement, 110.0)
        self.assertEqual(revenue.forecast_rate, 125.0)
        self.assertEqual(revenue.forecast_level, "exceeded")
        self.assertEqual(revenue.forecast_amount, 6000.0)
        self.assertIn("o_hrp_curve_marker", revenue.curve_svg)
        # the employee sees the same forecast in his own agreement
        own = revenue.with_user(self.user_employee)
        self.assertEqual(own.forecast_amount, 6000.0)

    def test_weights_must_add_up_at_every_moment(self):
        agreement = self.variable_agreement(
            [
                {"name": "Umsatz", "weight": 40, "target_value": 100},
                {
                    "name": "Projekt",
                    "weight": 60,
                    "target_value": 10,
                    "goal_date_to": "2027-06-30",
                },
            ]
        )
        with self.assertRaisesText(UserError, "add up to 40.00 % instead of 100 %"):
            agreement.with_user(self.user_manager).action_submit()
        self.assertIn("Umsatz", agreement.cannot_submit_reason)
        self.assertIn("07/01/2027", agreement.cannot_submit_reason)
        self.assertEqual(agreement.state, "draft")
        # a second half-year goal closes the gap
        agreement.with_user(self.user_manager).write(
            {
                "goal_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Service",
                            "weight": 60,
                            "target_value": 5,
                            "goal_date_from": "2027-07-01",
                            "curve_template_id": self.curve.id,
                        },
                    )
                ]
            }
        )
        agreement.with_user(self.user_manager).action_submit()
        self.assertEqual(agreement.state, "submitted")

    def test_bad_goal_input_is_refused_naming_the_goal(self):
        agreement = self.variable_agreement()
        revenue = self.goal(agreement, "Umsatz").with_user(self.user_manager)
        with self.assertRaisesText(ValidationError, "Umsatz"):
            revenue.target_value = 0.0
        with self.assertRaisesText(ValidationError, "must not be negative"):
            revenue.write({"pay_kind": "bonus_absolute", "bonus_amount": -5.0})
        with self.assertRaisesText(ValidationError, "within the period"):
            revenue.goal_date_to = "2028-01-31"
        with self.assertRaisesText(ValidationError, "lower point must lie below"):
            revenue.curve_lower_achievement = 100.0
        self.assertEqual(revenue.target_value, 100.0)

    def test_goal_outside_the_employment_is_refused(self):
        self.contract.date_end = "2027-03-31"
        agreement = self.variable_agreement(
            [
                {"name": "Umsatz", "weight": 100, "target_value": 100},
                {
                    "name": "Bonus Herbst",
                    "pay_kind": "bonus_absolute",
                    "bonus_amount": 400,
                    "weight": 0,
                    "target_value": 1,
                    "goal_date_from": "2027-09-01",
                },
            ]
        )
        with self.assertRaisesText(UserError, "lies outside the employment"):
            agreement.with_user(self.user_manager).action_submit()

    def test_curve_template_with_points_not_increasing_is_refused(self):
        template = self.env["hr.performance.curve.template"].with_user(self.user_admin)
        with self.assertRaisesText(ValidationError, "Kurve X"):
            template.create(
                {
                    "name": "Kurve X",
                    "kind": "table",
                    "point_ids": [
                        (0, 0, {"achievement": 50, "rate": 0}),
                        (0, 0, {"achievement": 100, "rate": 100}),
                        (0, 0, {"achievement": 100, "rate": 120}),
                    ],
                }
            )
        steps = self.env.ref("hr_performance.curve_steps")
        self.assertIn("<svg", steps.curve_svg)
        self.assertIn("Goal Far Exceeded", steps.level_table)

    def test_roles_on_curves_and_forecasts(self):
        # only HR administrators configure curves
        with self.assertRaises(AccessError):
            self.curve.with_user(self.user_officer).write({"upper_rate": 300})
        with self.assertRaises(AccessError):
            self.env["hr.performance.curve.template"].with_user(
                self.user_manager
            ).create({"name": "Meine Kurve"})
        # everyone with goals reads them (the portal too)
        self.assertTrue(self.curve.with_user(self.user_portal).name)
        agreement = self.variable_agreement()
        revenue = self.goal(agreement, "Umsatz")
        # the colleague sees neither the goal nor its forecast
        as_colleague = revenue.with_user(self.user_colleague)
        with self.assertRaises(AccessError):
            as_colleague.forecast_amount  # noqa: B018
        # nor through an onchange naming the employee's agreement: no figure
        # of the employee's contract comes back
        Goal = self.env["hr.goal"].with_user(self.user_colleague)
        try:
            answer = Goal.onchange(
                {
                    "agreement_id": agreement.id,
                    "name": "x",
                    "weight": 40,
                    "target_value": 100,
                    "curve_template_id": self.curve.id,
                },
                [],
                {
                    "agreement_id": {},
                    "bonus_at_100": {},
                    "forecast_amount": {},
                    "pay_model": {},
                },
            )
        except AccessError:
            answer = None
        self.assertNotIn("4800", repr(answer))
        self.assertNotIn("variable", repr(answer))
        # the forecast list shows the manager his team only
        forecasts = (
            self.env["hr.goal"]
            .with_user(self.user_colleague)
            .search([("agreement_id.pay_model", "=", "variable")])
        )
        self.assertFalse(forecasts)
        team = (
            self.env["hr.goal"]
            .with_user(self.user_manager)
            .search([("agreement_id.pay_model", "=", "variable")])
        )
        self.assertEqual(team, agreement.goal_ids)

    def test_pay_model_changes_in_draft_only(self):
        agreement = self.variable_agreement()
        self.advance_agreement(agreement, "agreed")
        with self.assertRaisesText(UserError, "only be changed in draft"):
            agreement.with_user(self.user_officer).pay_model = "points"


@tagged("post_install", "-at_install")
class TestVariablePayRun(VariablePayCase):
    def rated_agreement(self, revenue=100.0, project=100.0):
        agreement = self.variable_agreement()
        return self.rate(
            agreement,
            {
                "Umsatz": {"actual_value": revenue},
                "Projekt E-Akte": {"achievement": project},
            },
        )

    def test_seed_example_48000_25_40_pays_4800_at_100(self):
        self.rated_agreement()
        run = self.computed_run()
        line = self.line_of(run.sudo(), self.employee)
        self.assertEqual(line.pay_model, "variable")
        # 40 % + 60 % of 12,000 at 100 %
        self.assertEqual(line.amount, 12000.0)
        goals = {g["name"]: g for g in line.breakdown["goals"]}
        self.assertEqual(goals["Umsatz"]["bonus_at_100"], "4800.00")
        self.assertEqual(goals["Umsatz"]["payout"], "4800.00")
        self.assertEqual(goals["Umsatz"]["level"], "narrowly_reached")
        # the points group shares its budget as before; no residual from
        # variable pay
        points = run.sudo().line_ids.filtered(lambda ln: ln.pay_model == "points")
        self.assertEqual(round(sum(points.mapped("amount")), 2), 1000.0)
        self.assertEqual(run.residual_total, 0.0)
        self.assertIn("variable pay", run.group_summary_html)

    def test_curve_with_lower_and_upper_point(self):
        # Umsatz 110 % -> 125 % of 4,800 = 6,000; project 79 % -> below the
        # lower point (80 %): nothing
        self.rated_agreement(revenue=110.0, project=79.0)
        line = self.line_of(self.computed_run().sudo(), self.employee)
        self.assertEqual(line.amount, 6000.0)
        goals = {g["name"]: g for g in line.breakdown["goals"]}
        self.assertEqual(goals["Projekt E-Akte"]["payout"], "0.00")
        self.assertEqual(goals["Projekt E-Akte"]["level"], "missed")

    def test_unpaid_leave_reduces_day_by_day(self):
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "Unbezahlter Urlaub",
                "hrp_unpaid": True,
                "requires_allocation": "no",
                "company_id": self.company.id,
            }
        )
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": self.employee.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": "2027-03-01",
                    "request_date_to": "2027-03-31",
                }
            )
        )
        leave.with_context(leave_skip_state_check=True).write({"state": "validate"})
        self.rated_agreement()
        line = self.line_of(self.computed_run().sudo(), self.employee)
        # 12,000 x 334/365 = 10,980.82; each goal rounds on its own:
        # 4,800 x 334/365 = 4,392.33 and 7,200 x 334/365 = 6,588.49
        self.assertEqual(line.amount, 10980.82)
        goal = line.breakdown["goals"][0]
        self.assertEqual(goal["unpaid_days"], 31)
        statement = self.render_statement(self.user_officer, line)
        self.assertIn("31 days of unpaid leave do not count", statement)

    def test_leaving_mid_period_ends_the_bonus(self):
        self.contract.date_end = "2027-06-30"
        self.rated_agreement()
        line = self.line_of(self.computed_run().sudo(), self.employee)
        # 12,000 x 181/365 = 5,950.68 (4,800 -> 2,380.27; 7,200 -> 3,570.41)
        self.assertEqual(line.amount, 5950.68)
        self.assertEqual(line.breakdown["goals"][0]["not_employed_days"], 184)

    def test_change_of_target_salary_splits_the_goal_period(self):
        # As Karl Müller's change on 1.7.2012: from 1.7. 60,000 with 10,000
        self.contract.date_end = "2027-06-30"
        self.create_contract(
            self.employee,
            name="Vertrag ab Juli",
            date_start="2027-07-01",
            wage=5000.0,
            hrp_variable_mode="amount",
            hrp_variable_amount=10000.0,
        )
        self.rated_agreement()
        line = self.line_of(self.computed_run().sudo(), self.employee)
        revenue = line.breakdown["goals"][0]
        self.assertEqual(
            [(p["annual_base"], p["paid_days"]) for p in revenue["parts"]],
            [("12000.00", 181), ("10000.00", 184)],
        )
        # 40 % x (12,000 x 181/365 + 10,000 x 184/365) = 4,396.71
        self.assertEqual(revenue["bonus_at_100"], "4396.71")
        statement = self.render_statement(self.user_officer, line)
        self.assertIn("Annual target salary from 07/01/2027", statement)

    def test_statement_explains_every_figure(self):
        self.rated_agreement(revenue=110.0)
        run = self.approved_run()
        line = self.line_of(run.sudo(), self.employee)
        html = self.render_statement(self.user_employee, line)
        for text in (
            "Annual target salary from 01/01/2027",
            "variable part $\xa012,000.00",
            "Goal: Umsatz",
            "Bonus at 100 %",
            "weight 40.00 % × variable salary for the goal&#39;s time",
            "actual value 110 / target value 100 T€",
            "Standard Positive: lower point 80.00 % → 50.00 %",
            "rating level: Goal Exceeded",
            "125.00 % × $\xa04,800.00",
            "Payout = payout rate of the goal",
        ):
            self.assertIn(text, html)
        self.assertIn("Goal: Projekt E-Akte", line.variable_statement_html)
        # the colleague cannot print it
        with self.assertRaises(AccessError):
            self.render_statement(self.user_colleague, line)

    def test_only_amounts_are_corrected(self):
        self.rated_agreement()
        run = self.computed_run()
        line = self.line_of(run, self.employee).with_user(self.user_officer)
        with self.assertRaisesText(UserError, "correct its amount"):
            line._apply_correction("points", 10.0, "Fehler")
        line._apply_correction("amount", 11000.0, "Vergleich")
        self.assertEqual(line.amount, 11000.0)
        self.assertEqual(line.breakdown["amount"], "11000.00")

    def test_unrated_agreement_blocks_with_names(self):
        self.advance_agreement(self.variable_agreement(), "in_progress")
        with self.assertRaisesText(UserError, "are not rated"):
            self.computed_run()

    def test_variable_only_run_needs_no_budget_and_posts_to_payroll(self):
        self.group_all.unlink()
        self.period.pay_budget_amount = 0.0
        self.cancel_other_contracts()
        self.contract.state = "open"
        self.rated_agreement()
        run = self.computed_run(budget_amount=0.0)
        self.assertEqual(run.line_count, 1)
        self.assertEqual(run.amount_total, 12000.0)
        run.with_user(self.user_admin).action_approve()
        run.with_user(self.user_payroll).action_post()
        self.assertEqual(run.state, "posted")
        structure = self.create_payroll_structure()
        self.contract.struct_id = structure
        slip = self.env["hr.payslip"].create(
            {
                "employee_id": self.employee.id,
                "contract_id": self.contract.id,
                "struct_id": structure.id,
                "date_from": "2027-12-01",
                "date_to": "2027-12-31",
            }
        )
        slip.compute_sheet()
        slip.compute_sheet()
        # its own wage type, once, inside gross pay
        inputs = slip.input_line_ids.filtered(lambda i: i.code == "VAR")
        self.assertEqual(len(inputs), 1)
        self.assertEqual(inputs.amount, 12000.0)
        self.assertEqual(inputs.name, "Variable Pay")
        self.assertFalse(slip.input_line_ids.filtered(lambda i: i.code == "LOB"))
        paying = slip.line_ids.filtered(lambda ln: ln.code == "VAR")
        self.assertEqual(paying.total, 12000.0)
        line = run.sudo().line_ids
        self.assertEqual(line.payslip_id, slip)
        self.assertEqual(line.payslip_line_id, paying)
        rows = run.with_user(self.user_officer)._get_export_rows()["rows"]
        self.assertEqual(
            [(r["wage_type_code"], r["wage_type"], r["amount"]) for r in rows],
            [("VAR", "Variable Pay", 12000.0)],
        )
        # cancelling the payslip releases the bonus for the next one
        slip.action_payslip_cancel()
        self.assertFalse(line.payroll_paid)
        again = slip.copy({"date_from": "2027-12-01", "date_to": "2027-12-31"})
        again.compute_sheet()
        self.assertEqual(line.payslip_id, again)
        # with its own wage type archived, variable pay goes with the bonus
        self.env.ref("hr_performance.salary_rule_variable_pay").active = False
        again.compute_sheet()
        self.assertEqual(
            again.input_line_ids.filtered(lambda i: i.code == "LOB").amount, 12000.0
        )
        self.assertFalse(again.input_line_ids.filtered(lambda i: i.code == "VAR"))

    def test_bonus_group_of_variable_pay_has_no_sub_budget(self):
        with self.assertRaisesText(ValidationError, "sub-budget must be 0"):
            self.group_variable.sub_budget_share = 10.0
        form = Form(self.env["hr.performance.bonus.group"].with_user(self.user_admin))
        form.name = "Vertrieb"
        form.period_id = self.period
        form.sub_budget_share = 50.0
        form.pay_model = "variable"
        self.assertEqual(form.sub_budget_share, 0.0)


@tagged("post_install", "-at_install")
class TestVariableWhatIf(VariablePayCase):
    def test_supervisor_sees_the_payout_of_entered_achievements(self):
        agreement = self.variable_agreement()
        self.advance_agreement(agreement, "in_progress")
        action = agreement.with_user(self.user_manager).action_open_whatif()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.total_amount, 0.0)
        with Form(wizard) as form:
            with form.line_ids.edit(0) as line:
                line.achievement = 120.0
                # shown at once, before saving: 150 % of 4,800
                self.assertEqual(line.payout, 7200.0)
                self.assertEqual(line.level, "exceeded")
            with form.line_ids.edit(1) as line:
                line.achievement = 90.0
                self.assertEqual(line.payout, 5400.0)  # 75 % of 7,200
            self.assertEqual(form.total_amount, 12600.0)
        # nothing was saved on the goals
        self.assertEqual(agreement.goal_ids.mapped("achievement"), [0.0, 0.0])
        self.assertEqual(agreement.goal_ids.mapped("actual_value"), [0.0, 0.0])

    def test_what_if_is_for_hr_and_the_supervisor_only(self):
        agreement = self.variable_agreement()
        # the employee himself has no what-if
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_employee).action_open_whatif()
        # a manager of another team cannot read the agreement
        other_lead = self.new_user(
            "hrp_other_lead",
            "base.group_user,hr_performance.group_hr_performance_manager",
        )
        with self.assertRaises(AccessError):
            agreement.with_user(other_lead).action_open_whatif()
        # HR can
        action = agreement.with_user(self.user_officer).action_open_whatif()
        self.assertEqual(action["res_model"], "hr.performance.variable.whatif")
        # a what-if line pointing at a goal the user cannot read shows nothing
        Line = self.env["hr.performance.variable.whatif.line"].with_user(other_lead)
        try:
            answer = Line.onchange(
                {"goal_id": agreement.goal_ids[0].id, "achievement": 100.0},
                [],
                {"achievement": {}, "payout": {}, "bonus_at_100": {}},
            )
        except AccessError:
            answer = None
        self.assertNotIn("4800", repr(answer))

    def test_points_agreement_has_no_what_if(self):
        agreement = self.create_agreement(self.employee_colleague, self.period)
        with self.assertRaisesText(UserError, "has no variable pay"):
            agreement.with_user(self.user_officer).action_open_whatif()


@tagged("post_install", "-at_install")
class TestVariablePortal(PortalTestMixin, VariablePayCase, HttpCase):
    """The portal shows goals, curves, latest achievement and forecast: the
    employee his own, the supervisor his team's, nobody else anything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contracts[cls.employee_portal].write(
            {"wage": 4000.0, "hrp_variable_percent": 25.0}
        )
        cls.portal_agreement = cls.create_agreement(
            cls.employee_portal,
            cls.period,
            goals=[],
            pay_model="variable",
            goal_ids=[
                (
                    0,
                    0,
                    {
                        "level": "personal",
                        "name": "Umsatz Filiale",
                        "weight": 100,
                        "target_value": 100,
                        "unit": "T€",
                        "curve_template_id": cls.env.ref(CURVE).id,
                    },
                )
            ],
        )

    def checked_in(self, progress=110.0):
        agreement = self.portal_agreement
        self.advance_agreement(agreement, "in_progress")
        self.env["hr.goal.checkin"].create(
            {
                "agreement_id": agreement.id,
                "goal_id": agreement.goal_ids.id,
                "progress": progress,
            }
        )
        return agreement

    def test_page_shows_curve_and_forecast_to_owner_and_supervisor(self):
        agreement = self.checked_in()
        url = f"/my/goal-agreements/{agreement.id}"
        for user in (self.user_portal, self.user_manager):
            self.login(user)
            text = self.url_open(url).text
            self.assertIn("o_hrp_variable_pay", text)
            self.assertIn('<svg class="o_hrp_curve"', text)
            # 125 % of 12,000 for 110 % achievement
            self.assertIn("15,000.00", text)
            self.assertIn("Goal Exceeded", text)
            self.assertIn('max="150.0"', text)
        self.login(self.user_colleague)
        response = self.url_open(url)
        self.assertNotIn("15,000.00", response.text)
        self.assertNotIn("Umsatz Filiale", response.text)

    def test_portal_tour_forecast(self):
        agreement = self.checked_in()
        self.start_tour(
            f"/my/goal-agreements/{agreement.id}",
            "hrp_portal_variable_forecast",
            login=self.user_portal.login,
        )
        # the portal check-in beyond 100 % moved the forecast
        checkin = agreement.checkin_ids.sorted("id")[-1]
        self.assertEqual(checkin.progress, 120.0)
        self.assertEqual(agreement.goal_ids.forecast_amount, 18000.0)


@tagged("post_install", "-at_install")
class TestVariableStatementPdf(PdfPagesMixin, HttpCase, VariablePayCase):
    """The statement of variable pay as a real PDF, in German."""

    def test_german_pdf_explains_the_seed_example(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_performance"], ["de_DE"], overwrite=True
        )
        agreement = self.variable_agreement()
        self.rate(
            agreement,
            {
                "Umsatz": {"actual_value": 110.0},
                "Projekt E-Akte": {"achievement": 100.0},
            },
        )
        run = self.approved_run()
        line = self.line_of(run.sudo(), self.employee)
        self.user_employee.lang = "de_DE"
        pages = self.pdf_pages(
            "hr_performance.hr_performance_pay_line_report_statement",
            line,
            self.user_employee,
            lang="de_DE",
        )
        text = " ".join(" ".join(pages).split())
        for expected in (
            "Jahreszielgehalt ab",
            "48.000,00",
            "variabler Anteil",
            "Ziel: Umsatz Variabler Anteil, Zielzeitraum 01.01.2027 – 31.12.2027",
            "Standard Positiv: unterer Leistungspunkt 80,00 % → 50,00 %",
            "4.800,00",
            "Zielgewicht 40,00 %",
            "Ist-Wert 110 / Zielwert 100 T€",
            "Bewertungsstufe: Ziel übertroffen",
            "125,00 %",
            "6.000,00",
            "13.200,00",
        ):
            self.assertIn(expected, text)
