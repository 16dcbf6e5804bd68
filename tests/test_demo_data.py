import re

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_path


def documented_logins():
    """The demo logins listed in README.md (password = login)."""
    with open(file_path("hr_performance/README.md"), encoding="utf-8") as readme:
        text = readme.read()
    section = text.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z.]+)` \|", section, flags=re.M)


@tagged("post_install", "-at_install", "hrp_demo")
class TestDemoData(HttpCase):
    def test_demo_tells_the_story(self):
        company = self.env.ref("base.main_company")
        stadtwerke = self.env.ref("hr_performance.company_stadtwerke")
        employees = self.env["hr.employee"].search(
            [("identification_id", "=like", "P%"), ("company_id", "=", company.id)]
        )
        self.assertGreaterEqual(len(employees), 12)
        departments = employees.department_id
        self.assertEqual(len(departments), 3)
        self.assertTrue(all(departments.mapped("manager_id")))
        # One hierarchy: only the head of the Personalamt has no supervisor
        # and nobody is their own supervisor.
        self.assertEqual(
            employees.filtered(lambda e: not e.parent_id),
            self.env.ref("hr_performance.employee_schneider"),
        )
        self.assertFalse(employees.filtered(lambda e: e.parent_id == e))
        contracts = employees.contract_id
        self.assertEqual(contracts.mapped("state"), ["open"] * len(contracts))
        part_time = contracts.filtered(
            lambda c: (
                c.resource_calendar_id
                == self.env.ref("hr_performance.resource_calendar_part_time_20")
            )
        )
        self.assertEqual(len(part_time), 2)
        self.assertTrue(
            self.env["hr.employee"].search_count([("company_id", "=", stadtwerke.id)])
        )

    def test_every_documented_login_works(self):
        logins = documented_logins()
        self.assertGreaterEqual(len(logins), 9)
        for login in logins:
            with self.subTest(login=login):
                self.authenticate(login, login)
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertEqual(len(user), 1)
                url = "/my" if user.share else "/odoo"
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("/web/login", response.url)
                self.logout()

    def test_login_page_answers(self):
        self.assertEqual(self.url_open("/web/login").status_code, 200)

    def test_wage_type_in_the_demo_structure(self):
        rule = self.env.ref("hr_performance.salary_rule_performance_bonus")
        structure = self.env.ref("base.main_company").payroll_structure_id
        self.assertIn(rule, structure.rule_ids)
        self.assertEqual(rule.category_id.parent_id, self.env.ref("payroll.ALW"))

    # ------------------------------------------------------------------
    # the story: periods, goal agreements, check-ins, assessments, results
    # ------------------------------------------------------------------
    def _agreement(self, key, period="period_2026"):
        return self.env["hr.goal.agreement"].search(
            [
                ("period_id", "=", self.env.ref(f"hr_performance.{period}").id),
                ("employee_id", "=", self.env.ref(f"hr_performance.employee_{key}").id),
            ]
        )

    def test_story_hierarchy(self):
        def parent(key):
            return self.env.ref(f"hr_performance.employee_{key}").parent_id

        ref = self.env.ref
        self.assertEqual(parent("becker"), ref("hr_performance.employee_schneider"))
        self.assertEqual(parent("wagner"), ref("hr_performance.employee_schneider"))
        self.assertEqual(parent("fischer"), ref("hr_performance.employee_wagner"))
        self.assertEqual(parent("weber"), ref("hr_performance.employee_fischer"))
        self.assertEqual(parent("koch"), ref("hr_performance.employee_fischer"))
        self.assertEqual(parent("schmidt"), ref("hr_performance.employee_becker"))

    def test_story_periods(self):
        period = self.env.ref("hr_performance.period_2026")
        self.assertEqual(period.state, "open")
        self.assertEqual(period.name, "Leistungszeitraum 2026")
        self.assertEqual(period.method, "combined")
        self.assertEqual((period.weight_goals, period.weight_assessment), (80, 20))
        self.assertEqual(
            set(period.goal_ids.mapped("level")), {"company", "department"}
        )
        closed = self.env.ref("hr_performance.period_2025")
        self.assertEqual(closed.state, "closed")
        self.assertEqual(set(closed.agreement_ids.mapped("state")), {"closed"})
        self.assertTrue(all(a.result_total > 0 for a in closed.agreement_ids))

    def test_story_agreement_states(self):
        period = self.env.ref("hr_performance.period_2026")
        states = set(period.agreement_ids.mapped("state"))
        self.assertGreaterEqual(len(states), 5)
        expected = {
            "schmidt": "in_progress",
            "meyer": "agreed",
            "yilmaz": "submitted",
            "richter": "draft",
            "weber": "in_progress",
            "fischer": "rating",
            "becker": "rated",
            "wagner": "rated",
            "koch": "cancelled",
        }
        for key, state in expected.items():
            with self.subTest(employee=key):
                self.assertEqual(self._agreement(key).state, state)
        yilmaz = self._agreement("yilmaz")
        self.assertTrue(yilmaz.supervisor_agreed_on)
        self.assertFalse(yilmaz.employee_agreed_on)
        weber = self._agreement("weber")
        self.assertEqual(
            weber.employee_agreed_by, self.env.ref("hr_performance.user_weber")
        )
        # Every goal agreement has company, department and personal goals.
        for agreement in period.agreement_ids:
            with self.subTest(agreement=agreement.name):
                self.assertEqual(
                    set(agreement.goal_ids.mapped("level")),
                    {"company", "department", "personal"},
                )

    def test_story_rated_agreements_have_results(self):
        rated = self._agreement("becker") | self._agreement("wagner")
        self.assertEqual(set(rated.mapped("state")), {"rated"})
        for agreement in rated:
            with self.subTest(agreement=agreement.name):
                self.assertGreater(agreement.result_total, 0)
                self.assertTrue(agreement.result_breakdown)
                self.assertTrue(all(agreement.goal_ids.mapped("achievement")))

    def test_story_checkins(self):
        schmidt = self._agreement("schmidt")
        self.assertGreaterEqual(len(schmidt.checkin_ids), 2)
        self.assertEqual(set(schmidt.checkin_ids.mapped("status")), {"on_track"})
        self.assertIn(
            self.env.ref("hr_performance.user_schmidt"),
            schmidt.checkin_ids.author_id,
        )
        self.assertIn("behind", self._agreement("weber").checkin_ids.mapped("status"))

    def test_story_assessments(self):
        period = self.env.ref("hr_performance.period_2026")
        assessments = self.env["hr.assessment"].search([("period_id", "=", period.id)])
        self.assertGreaterEqual(len(set(assessments.mapped("state"))), 3)
        form = self.env.ref("hr_performance.hr_assessment_form_tvoed")
        self.assertEqual(assessments.form_id, form)

        def state_of(key):
            employee = self.env.ref(f"hr_performance.employee_{key}")
            return assessments.filtered(lambda a: a.employee_id == employee).state

        self.assertEqual(state_of("koch"), "submitted")
        self.assertEqual(state_of("becker"), "acknowledged")
        self.assertEqual(state_of("weber"), "objected")
        self.assertEqual(state_of("wagner"), "final")
        self.assertEqual(state_of("meyer"), "scheduled")
        weber = assessments.filtered(
            lambda a: a.employee_id == self.env.ref("hr_performance.employee_weber")
        )
        self.assertEqual(
            weber.objection_ids.raised_by, self.env.ref("hr_performance.user_weber")
        )
        # Assessor = supervisor in the Bauamt.
        bauamt = assessments.filtered(
            lambda a: (
                a.department_id
                == self.env.ref("hr_performance.department_building_authority")
            )
        )
        for assessment in bauamt:
            with self.subTest(assessment=assessment.name):
                self.assertEqual(
                    assessment.assessor_id, assessment.employee_id.parent_id.user_id
                )

    def test_story_combined_results(self):
        period = self.env.ref("hr_performance.period_2026")
        for key in ("becker", "wagner"):
            with self.subTest(employee=key):
                result = self.env["hr.performance.result"].search(
                    [
                        ("period_id", "=", period.id),
                        (
                            "employee_id",
                            "=",
                            self.env.ref(f"hr_performance.employee_{key}").id,
                        ),
                    ]
                )
                self.assertEqual(len(result), 1)
                self.assertTrue(result.complete)
                self.assertEqual(result.breakdown["method"], "combined")
                self.assertGreater(result.goal_result, 0)
                self.assertGreater(result.assessment_result, 0)
                self.assertGreater(result.final_result, 0)

    def test_story_employee_sees_only_own_agreements(self):
        user = self.env.ref("hr_performance.user_schmidt")
        self.assertEqual(user.login, "employee.schmidt")
        Agreement = self.env["hr.goal.agreement"]
        own = Agreement.search(
            [("employee_id", "=", self.env.ref("hr_performance.employee_schmidt").id)]
        )
        self.assertEqual(len(own), 2)  # 2025 (closed) and 2026 (in progress)
        self.env.invalidate_all()
        self.assertEqual(Agreement.with_user(user).search([]), own)

    def test_story_manager_sees_her_team_only(self):
        user = self.env.ref("hr_performance.user_becker")
        self.assertEqual(user.login, "manager.becker")
        citizens = self.env.ref("hr_performance.department_citizens_office")
        building = self.env.ref("hr_performance.department_building_authority")
        team = self.env["hr.goal.agreement"].search(
            [("department_id", "=", citizens.id)]
        )
        self.env.invalidate_all()
        visible = self.env["hr.goal.agreement"].with_user(user).search([])
        self.assertEqual(visible, team)
        self.assertFalse(visible.filtered(lambda a: a.department_id == building))
        self.assertTrue(
            self.env["hr.goal.agreement"].search_count(
                [("department_id", "=", building.id)]
            )
        )

    def test_story_pay_run(self):
        period = self.env.ref("hr_performance.period_2026")
        run = self.env["hr.performance.pay.run"].search([("period_id", "=", period.id)])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.run_type, "advance")
        self.assertEqual(run.state, "posted")
        self.assertEqual(str(run.payout_date), "2026-12-01")
        self.assertEqual(
            run.approved_by_id, self.env.ref("hr_performance.user_schneider")
        )
        # The advance pays half of the 6,000.00 budget.
        paid = round(sum(run.line_ids.mapped("amount")) + run.residual_total, 2)
        self.assertEqual(paid, 3000.0)
        offices = self.env["hr.department"].browse(
            [
                self.env.ref(f"hr_performance.department_{key}").id
                for key in ("citizens_office", "building_authority", "personnel_office")
            ]
        )
        in_scope = self.env["hr.contract"].search(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "in", ("open", "close")),
                ("date_start", "<=", period.date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", period.date_from),
                ("employee_id.department_id", "in", offices.ids),
            ]
        )
        self.assertEqual(run.line_ids.employee_id, in_scope.employee_id)
        # Odoo's own English demo employees are not the city's staff.
        self.assertNotIn("Mitchell Admin", run.line_ids.employee_id.mapped("name"))
        # Nobody gets 0 € for not being rated yet: 100 % is assumed.
        richter = self.env.ref("hr_performance.employee_richter")
        line = run.line_ids.filtered(lambda ln: ln.employee_id == richter)
        self.assertTrue(line.result_assumed)
        self.assertGreater(line.amount, 0)
        # Anna Schmidt reads her own line and statement, nobody else's.
        schmidt = self.env.ref("hr_performance.user_schmidt")
        own = (
            self.env["hr.performance.pay.line"]
            .with_user(schmidt)
            .search([("run_id", "=", run.id)])
        )
        self.assertEqual(
            own.employee_id, self.env.ref("hr_performance.employee_schmidt")
        )
        self.assertEqual(own.access_url, f"/my/performance-pay/{own.id}")
        # Over all runs (2025 advance and final run, 2026 advance) only hers.
        visible = self.env["hr.performance.pay.line"].with_user(schmidt).search([])
        self.assertEqual(len(visible), 3)
        self.assertEqual(visible.employee_id, own.employee_id)

    def test_demo_works_in_german(self):
        """bin/demo loads German: users, names, formats and the letterhead."""
        schmidt = self.env.ref("hr_performance.user_schmidt")
        for xmlid in ("user_schmidt", "user_schneider", "user_lehmann"):
            user = self.env.ref(f"hr_performance.{xmlid}")
            self.assertEqual((user.lang, user.tz), ("de_DE", "Europe/Berlin"))
        self.assertEqual(self.env.ref("base.user_admin").lang, "de_DE")
        company = self.env.ref("base.main_company")
        self.assertEqual(
            (company.street, company.zip, company.city, company.country_id.code),
            ("Rathausplatz 1", "12345", "Musterstadt", "DE"),
        )
        self.assertTrue(company.logo)
        self.assertEqual(company.resource_calendar_id.tz, "Europe/Berlin")
        # Names the story wrote are German.
        assessment = self.env["hr.assessment"].search(
            [("employee_id", "=", self.env.ref("hr_performance.employee_schmidt").id)],
            limit=1,
        )
        self.assertEqual(
            assessment.name, "Beurteilung Leistungszeitraum 2026 – Anna Schmidt"
        )
        # Anna Schmidt's statement: German words, German amounts, letterhead.
        line = (
            self.env["hr.performance.pay.line"]
            .with_user(schmidt)
            .search(
                [
                    ("run_id.run_type", "=", "advance"),
                    ("period_id.name", "like", "2026"),
                ]
            )
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(schmidt)
            .with_context(lang="de_DE")
            ._render_qweb_html(
                "hr_performance.hr_performance_pay_line_report_statement", line.ids
            )[0]
            .decode()
        )
        self.assertIn("Leistungsentgelt – Abrechnungserläuterung", html)
        self.assertIn("Rathausplatz 1", html)
        amount = f"{line.amount:,.2f}".replace(",", "X").replace(".", ",")
        self.assertIn(amount.replace("X", "."), html)
        self.assertIn("Abschlag", html)

    def test_story_december_payroll_carries_the_bonus(self):
        payroll = self.env.ref("hr_performance.user_lehmann")
        batch = (
            self.env["hr.payslip.run"]
            .with_user(payroll)
            .search([("name", "=", "Entgeltabrechnung Dezember 2026")])
        )
        self.assertEqual(len(batch), 1)
        run = self.env["hr.performance.pay.run"].search(
            [("period_id", "=", self.env.ref("hr_performance.period_2026").id)]
        )
        amounts = {line.employee_id: line.amount for line in run.line_ids}
        # The payroll office sees every payslip of the batch; each carries
        # the advance as wage type LOB, except Jonas Weber's: he objected
        # to his assessment and his bonus waits for the decision.
        weber = self.env.ref("hr_performance.employee_weber")
        self.assertEqual(batch.slip_ids.employee_id, run.line_ids.employee_id)
        for slip in batch.slip_ids:
            bonus = slip.line_ids.filtered(lambda line: line.code == "LOB")
            expected = 0.0 if slip.employee_id == weber else amounts[slip.employee_id]
            self.assertEqual(sum(bonus.mapped("total")), expected, slip.name)
        self.assertEqual(set(batch.slip_ids.mapped("state")), {"verify"})

    def test_story_final_run_offsets_the_advance(self):
        period = self.env.ref("hr_performance.period_2025")
        runs = self.env["hr.performance.pay.run"].search(
            [("period_id", "=", period.id)], order="id"
        )
        self.assertEqual(runs.mapped("run_type"), ["advance", "final"])
        self.assertEqual(runs.mapped("state"), ["paid", "paid"])
        advance, final = runs
        self.assertEqual(sum(advance.line_ids.mapped("amount")), 1200.0)
        self.assertEqual(final.advance_total, 1200.0)
        # Advances + final payouts + residual = the 2025 budget to the cent.
        total = sum(runs.line_ids.mapped("amount")) + final.residual_total
        self.assertEqual(round(total, 2), 2400.0)
        self.assertEqual(sum(final.line_ids.mapped("advance_amount")), 1200.0)
        for line in final.line_ids:
            self.assertTrue(line.advance_amount)
            self.assertEqual(
                round(line.amount, 2),
                round(line.amount_distributed - line.advance_amount, 2),
            )

    def test_story_variable_pay_of_the_stadtwerke(self):
        """Nina Schulz (Stadtwerke, 3,600 a month, 10 % variable): three
        running goals with curves, check-ins give the forecast, two weeks of
        unpaid leave (12 days) reduce the bonus day by day."""
        agreement = self.env["hr.goal.agreement"].search(
            [
                ("employee_id", "=", self.env.ref("hr_performance.employee_schulz").id),
                ("pay_model", "=", "variable"),
            ]
        )
        self.assertEqual(agreement.state, "in_progress")
        self.assertEqual(
            agreement.period_id.company_id.name, "Stadtwerke Musterstadt GmbH"
        )
        contract = self.env.ref("hr_performance.contract_schulz")
        self.assertEqual(contract.hrp_target_salary, 43200.0)
        self.assertEqual(contract.hrp_variable_salary, 4320.0)
        goals = agreement.goal_ids.sorted("sequence")
        # 60 % of 4,320 x 353/365 days; 99.8 % achieved -> 95 %
        self.assertEqual(goals.mapped("bonus_at_100"), [2506.78, 1671.19, 934.43])
        self.assertEqual(goals.mapped("forecast_rate"), [95.0, 125.0, 100.0])
        self.assertEqual(goals.mapped("forecast_amount"), [2381.44, 2088.99, 934.43])
        self.assertEqual(agreement.variable_forecast_total, 5404.86)
        # the repair time comes from its KPI: the June value, 3.6 of 4 hours
        self.assertEqual(goals[1].achievement_mode, "kpi")
        self.assertEqual(goals[1].kpi_actual, 3.6)
        self.assertEqual(goals[1].kpi_id.value_ids.mapped("state"), ["closed"] * 6)
        self.assertIn("<svg", goals[1].curve_svg)
        # paid monthly: January to November posted, December computed
        runs = self.env["hr.performance.pay.run"].search(
            [("period_id", "=", agreement.period_id.id), ("run_type", "=", "monthly")],
            order="payroll_month",
        )
        self.assertEqual(runs.mapped("state"), ["posted"] * 11 + ["computed"])
        monthly = {
            run.payroll_month.month: {
                entry.goal_id.name: entry.amount for entry in run.entry_ids
            }
            for run in runs
        }
        # network availability: advances at the check-in's 99.8 % (rate 95 %)
        self.assertEqual(monthly[1], {"Netzverfügbarkeit Mittelspannung": 202.26})
        # fault-repair time: January (4.4 h of 4, rate 75 %) with February
        self.assertEqual(
            monthly[2],
            {
                "Netzverfügbarkeit Mittelspannung": 182.69,
                "Störungen schneller beheben": 106.46,
            },
        )
        # June's value (3.6 h) is paid in July; later months have no value yet
        self.assertEqual(monthly[7]["Störungen schneller beheben"], 214.91)
        self.assertEqual(monthly[8], {"Netzverfügbarkeit Mittelspannung": 202.26})
        # December's advance brings the availability goal to its forecast
        december = runs[-1].entry_ids
        self.assertEqual(december.earned, goals[0].forecast_amount)
        self.assertEqual(december.achievement, 99.8)
