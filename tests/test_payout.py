"""Payout timing, sub-goals, monthly runs with advances, their settlement by
claw-back or claim, and the payroll posting over several months."""

import calendar
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common_portal import PortalTestMixin
from .test_kpi import KpiCase

#: rate = 2 × (achievement − 50) between 50 % and 150 %
LINEAR = {
    "curve_lower_achievement": 50,
    "curve_lower_rate": 0,
    "curve_upper_achievement": 150,
    "curve_upper_rate": 200,
}


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


class PayoutCase(KpiCase):
    """The employee's variable pay (12,000 a year at 100 %) is paid in
    monthly runs of the period 2027; the daily KPI ``Einsätze`` counts one
    per day at 100 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_all.unlink()
        cls.cancel_other_contracts()
        cls.contract.state = "open"
        cls.period.write(
            {
                "pay_budget_amount": 0.0,
                "pay_variable_schedule": "monthly",
                "pay_overpayment": "clawback",
                "pay_clawback_limit": 500.0,
            }
        )
        cls.daily = cls.env["hr.performance.kpi"].create(
            {
                "name": "Einsätze",
                "unit": "Einsätze",
                "period_unit": "months",
                "period_count": 1,
                "period_reference": "2000-01-01",
                "owner_level": "employee",
                "cumulative": True,
            }
        )

    def payout_agreement(self, goals):
        agreement = self.variable_agreement([{**LINEAR, **goal} for goal in goals])
        for goal in agreement.goal_ids.filtered(lambda g: g.achievement_mode == "kpi"):
            goal.with_user(self.user_manager).subgoal_mode = "absolute"
            self.env["hr.goal.subgoal"].with_user(self.user_manager).create(
                [
                    {
                        "goal_id": goal.id,
                        "date_from": datetime.date(2027, month, 1),
                        "date_to": month_end(2027, month),
                        "target_value": month_end(2027, month).day,
                    }
                    for month in range(1, 13)
                ]
            )
        return agreement

    def kpi_goal(self, name, weight, timing, **values):
        return {
            "name": name,
            "weight": weight,
            "target_value": 365,
            "achievement_mode": "kpi",
            "kpi_id": self.daily.id,
            "payout_timing": timing,
            **values,
        }

    def month_value(self, month, share, closed=True, year=2027):
        """The month's value: ``share`` of its days (closed or open)."""
        return self.value(
            self.daily,
            datetime.date(year, month, 1),
            month_end(year, month),
            round(month_end(year, month).day * share, 2),
            **({} if closed else {"source": "import"}),
        )

    def month_run(self, year, month, approve=True):
        run = self.create_run(
            run_type="monthly", payroll_month=datetime.date(year, month, 1)
        )
        run.action_compute()
        if approve:
            run.with_user(self.user_admin).action_approve()
        return run

    def paid(self, run):
        return sum(run.sudo().line_ids.mapped("amount"))

    def postings(self, run):
        return {
            entry.goal_id.name: (entry.kind, entry.amount)
            for entry in run.sudo().entry_ids
        }


@tagged("post_install", "-at_install")
class TestPayoutTiming(PayoutCase):
    def test_each_payout_timing(self):
        agreement = self.payout_agreement(
            [
                self.kpi_goal("Einsätze laufend", 50, "any"),
                self.kpi_goal(
                    "Einsätze je Monat",
                    30,
                    "subgoal",
                    payout_delay_count=1,
                    payout_delay_unit="months",
                ),
                {
                    "name": "Projekt",
                    "weight": 20,
                    "achievement_mode": "manual",
                    "payout_timing": "goal",
                },
            ]
        )
        self.advance_agreement(agreement, "in_progress")
        # January: no value yet; "any time" pays an advance at the assumed
        # 100 % for January (6,000 × 31/365), the others nothing
        january = self.month_run(2027, 1)
        self.assertEqual(january.payout_date, datetime.date(2027, 1, 1))
        self.assertEqual(self.postings(january), {"Einsätze laufend": ("pay", 509.59)})
        entry = january.sudo().entry_ids
        self.assertTrue(entry.assumed)
        self.assertFalse(entry.final)
        # February: January closed at 100 %, February open at 50 %:
        # January settled (509.59), February's advance at the 76.2712 % so
        # far (rate 52.5424 % of 460.27) -> 751.43 earned, 241.84 due.
        # The monthly sub-goal goal waits a month (payout delay).
        self.month_value(1, 1.0)
        open_value = self.month_value(2, 0.5, closed=False)
        february = self.month_run(2027, 2)
        self.assertEqual(self.postings(february), {"Einsätze laufend": ("pay", 241.84)})
        # March: February closed; the sub-goal goal pays January at 100 %
        # (3,600 × 31/365), the running goal 25.91 more
        open_value.with_user(self.user_officer).action_close()
        march = self.month_run(2027, 3)
        self.assertEqual(
            self.postings(march),
            {
                "Einsätze laufend": ("pay", 25.91),
                "Einsätze je Monat": ("pay", 305.75),
            },
        )
        self.assertEqual(self.paid(march), 331.66)
        # the goal paid after the goal period has not paid anything yet
        self.assertNotIn(
            "Projekt",
            {
                entry.goal_id.name
                for entry in self.env["hr.performance.variable.entry"].search([])
            },
        )
        # the statement explains each goal's month
        text = " ".join(
            step["label"] + " " + step["note"]
            for step in march.sudo().line_ids._get_statement_data()["steps"]
        )
        self.assertIn("Einsätze je Monat: earned by", text)
        self.assertIn("paid with this payroll", text)
        # the employee prints his own statement of the approved run; the
        # colleague cannot
        html = self.render_statement(self.user_employee, march.sudo().line_ids)
        self.assertIn("Einsätze je Monat: earned by 03/31/2027", html)
        self.assertIn("This month = earned - paid before", html)
        with self.assertRaises(AccessError):
            self.render_statement(self.user_colleague, march.sudo().line_ids)

    def test_goal_period_timing_pays_once_after_the_rating(self):
        agreement = self.payout_agreement(
            [
                {
                    "name": "Projekt",
                    "weight": 100,
                    "achievement_mode": "manual",
                    "payout_timing": "goal",
                }
            ]
        )
        self.advance_agreement(agreement, "in_progress")
        december = self.month_run(2027, 12)
        self.assertFalse(december.line_ids)
        self.rate(agreement, {"Projekt": {"achievement": 110}})
        january = self.month_run(2028, 1)
        # 110 % -> rate 120 % of 12,000
        self.assertEqual(self.postings(january), {"Projekt": ("pay", 14400.0)})
        self.assertTrue(january.sudo().entry_ids.final)
        # nothing is paid twice
        february = self.month_run(2028, 2)
        self.assertFalse(february.line_ids)


@tagged("post_install", "-at_install")
class TestAdvanceYears(PayoutCase):
    def advance_year(self):
        """January reports 150 % (advances at 200 %), February to December
        51 %: the year ends at 59.4082 % (rate 18.8164 %, 2,257.97)."""
        agreement = self.payout_agreement([self.kpi_goal("Einsätze", 100, "any")])
        self.advance_agreement(agreement, "in_progress")
        runs = []
        for month in range(1, 13):
            self.month_value(month, 1.5 if month == 1 else 0.51)
            runs.append(self.month_run(2027, month))
        return runs

    def test_advance_year_settled_with_a_claw_back(self):
        runs = self.advance_year()
        self.assertEqual(self.paid(runs[0]), 2038.36)
        self.assertEqual(self.paid(runs[1]), 976.09)
        # the advances are kept while the year runs
        self.assertEqual([self.paid(run) for run in runs[2:]], [0.0] * 10)
        # January 2028 settles: 3,014.45 paid, 2,257.97 earned; 500 (the
        # limit) deducted, 256.48 left for February
        settlement = self.month_run(2028, 1)
        entry = settlement.sudo().entry_ids
        self.assertEqual(
            (entry.kind, entry.amount, entry.open_amount, entry.earned, entry.final),
            ("clawback", -500.0, 256.48, 2257.97, True),
        )
        self.assertEqual(self.paid(self.month_run(2028, 2)), -256.48)
        self.assertFalse(self.month_run(2028, 3).line_ids)
        entries = self.env["hr.performance.variable.entry"].search([])
        self.assertAlmostEqual(sum(entries.mapped("amount")), 2257.97, places=2)

    def test_advance_year_settled_with_a_claim(self):
        self.period.pay_overpayment = "claim"
        self.advance_year()
        settlement = self.month_run(2028, 1)
        line = settlement.sudo().line_ids
        self.assertEqual(line.amount, 0.0)
        self.assertEqual(self.postings(settlement), {"Einsätze": ("claim", -756.48)})
        self.assertEqual(settlement.claim_total, -756.48)
        # HR sees the claim in its list; nothing more is paid or deducted
        claims = (
            self.env["hr.performance.variable.entry"]
            .with_user(self.user_officer)
            .search([("kind", "=", "claim")])
        )
        self.assertEqual(claims.mapped("amount"), [-756.48])
        self.assertFalse(self.month_run(2028, 2).line_ids)


@tagged("post_install", "-at_install")
class TestMonthlyPayroll(PayoutCase):
    def test_payroll_posting_over_several_months(self):
        agreement = self.payout_agreement([self.kpi_goal("Einsätze", 100, "any")])
        self.advance_agreement(agreement, "in_progress")
        structure = self.create_payroll_structure()
        self.contract.struct_id = structure

        def payslip(month, year=2027):
            slip = self.env["hr.payslip"].create(
                {
                    "employee_id": self.employee.id,
                    "contract_id": self.contract.id,
                    "struct_id": structure.id,
                    "date_from": datetime.date(year, month, 1),
                    "date_to": month_end(year, month),
                }
            )
            slip.compute_sheet()
            slip.compute_sheet()  # idempotent
            return slip.input_line_ids.filtered(lambda i: i.code == "VAR")

        for month, share in ((1, 1.5), (2, 0.51)):
            self.month_value(month, share)
            run = self.month_run(2027, month)
            run.with_user(self.user_payroll).action_post()
            inputs = payslip(month)
            self.assertEqual(len(inputs), 1)
            self.assertEqual(inputs.amount, self.paid(run))
        # a month's payslip takes only that month's run
        self.assertEqual(inputs.amount, 976.09)
        # a deduction reaches payroll as a negative input of the same wage type
        for month in range(3, 13):
            self.month_value(month, 0.51)
            self.month_run(2027, month).with_user(self.user_payroll).action_post()
        settlement = self.month_run(2028, 1)
        settlement.with_user(self.user_payroll).action_post()
        inputs = payslip(1, 2028)
        self.assertEqual(inputs.amount, -500.0)


@tagged("post_install", "-at_install")
class TestPayoutRules(PayoutCase):
    def test_sub_goals_generated_from_the_report_periods(self):
        agreement = self.variable_agreement(
            [{**LINEAR, **self.kpi_goal("Einsätze", 100, "subgoal")}]
        )
        goal = agreement.goal_ids
        with self.assertRaisesText(UserError, "generate its sub-goals"):
            agreement.with_user(self.user_manager).action_submit()
        goal.with_user(self.user_manager).action_generate_subgoals()
        subs = goal.subgoal_ids
        self.assertEqual(len(subs), 12)
        self.assertEqual(subs[0].target_percent, 8.49)  # 31 of 365 days
        self.assertEqual(round(sum(subs.mapped("target_percent")), 2), 100.0)
        self.assertAlmostEqual(sum(subs.mapped("target")), 365.0, places=2)
        # a gap is named with its date
        subs[5].unlink()
        with self.assertRaisesText(UserError, "overlap or leave a gap"):
            agreement.with_user(self.user_manager).action_submit()
        goal.with_user(self.user_manager).action_generate_subgoals()
        self.advance_agreement(agreement, "agreed")
        # agreed sub-goals are locked
        with self.assertRaisesText(UserError, "locked"):
            goal.subgoal_ids[0].with_user(self.user_manager).target_percent = 50
        with self.assertRaisesText(UserError, "locked"):
            goal.subgoal_ids[0].with_user(self.user_manager).unlink()

    def test_non_cumulative_kpi_asks_the_target_every_period(self):
        kpi = self.kpi(name="Quote", cumulative=False)
        agreement = self.variable_agreement(
            [
                {
                    **LINEAR,
                    **self.kpi_goal(
                        "Quote", 100, "subgoal", kpi_id=kpi.id, target_value=95
                    ),
                }
            ]
        )
        agreement.goal_ids.with_user(self.user_manager).action_generate_subgoals()
        self.assertEqual(agreement.goal_ids.subgoal_ids.mapped("target"), [95.0] * 4)

    def test_monthly_runs_are_checked(self):
        self.period.pay_variable_schedule = "final"
        with self.assertRaisesText(ValidationError, "set its variable pay to monthly"):
            self.create_run(run_type="monthly", payroll_month="2027-01-01")
        self.period.pay_variable_schedule = "monthly"
        with self.assertRaisesText(ValidationError, "needs its payroll month"):
            self.create_run(run_type="monthly")
        with self.assertRaisesText(ValidationError, "give the most"):
            self.period.pay_clawback_limit = 0.0
        agreement = self.payout_agreement([self.kpi_goal("Einsätze", 100, "any")])
        self.advance_agreement(agreement, "in_progress")
        january = self.month_run(2027, 1, approve=False)
        self.assertEqual(january.payroll_month, datetime.date(2027, 1, 1))
        with self.assertRaisesText(ValidationError, "already has a monthly run"):
            self.create_run(run_type="monthly", payroll_month="2027-01-15")
        february = self.create_run(run_type="monthly", payroll_month="2027-02-01")
        with self.assertRaisesText(UserError, "earlier month is not approved"):
            february.action_compute()
        january.with_user(self.user_admin).action_approve()
        february.action_compute()
        with self.assertRaisesText(UserError, "later monthly run"):
            january.with_user(self.user_admin).action_cancel()
        with self.assertRaisesText(UserError, "only change while it is draft"):
            february.payroll_month = "2027-03-01"
        # the final run leaves the monthly-paid variable groups alone
        final = self.create_run()
        with self.assertRaisesText(UserError, "variable pay in monthly runs"):
            final.action_compute()
        # paid once: the schedule stays while a monthly run pays the period
        with self.assertRaisesText(UserError, "is already paid by the pay run"):
            self.period.pay_variable_schedule = "final"

    def test_roles(self):
        agreement = self.payout_agreement([self.kpi_goal("Einsätze", 100, "any")])
        self.advance_agreement(agreement, "in_progress")
        run = self.month_run(2027, 1)
        Entry = self.env["hr.performance.variable.entry"]
        for user in (self.user_employee, self.user_manager, self.user_portal):
            with self.assertRaises(AccessError):
                Entry.with_user(user).search([])
            with self.assertRaises(AccessError):
                run.entry_ids.with_user(user).read(["amount"])
        self.assertEqual(len(Entry.with_user(self.user_payroll).search([])), 1)
        self.assertEqual(len(Entry.with_user(self.user_officer).search([])), 1)
        self.assertFalse(Entry.with_user(self.user_other_officer).search([]))
        with self.assertRaises(AccessError):
            Entry.with_user(self.user_officer).create(
                {
                    "run_id": run.id,
                    "line_id": run.sudo().line_ids.id,
                    "employee_id": self.employee.id,
                    "goal_id": agreement.goal_ids.id,
                    "kind": "pay",
                    "amount": 1000,
                }
            )
        # sub-goals: the employee reads his own, the colleague none, and
        # nobody but the supervisor's side edits them
        subs = agreement.goal_ids.subgoal_ids
        self.assertEqual(len(subs.with_user(self.user_employee).read(["target"])), 12)
        with self.assertRaises(AccessError):
            subs.with_user(self.user_colleague).read(["target"])
        with self.assertRaises(AccessError):
            subs[0].with_user(self.user_employee).target_value = 1
        # the employee cannot create or compute runs
        with self.assertRaises(AccessError):
            self.env["hr.performance.pay.run"].with_user(self.user_employee).create(
                {
                    "period_id": self.period.id,
                    "run_type": "monthly",
                    "payroll_month": "2027-02-01",
                }
            )
        # an officer computes, only an administrator approves
        february = self.create_run(run_type="monthly", payroll_month="2027-02-01")
        february.action_compute()
        with self.assertRaises(UserError):
            february.with_user(self.user_officer).action_approve()


@tagged("post_install", "-at_install")
class TestPayoutPortal(PortalTestMixin, PayoutCase, HttpCase):
    def test_portal_shows_payout_and_sub_goals(self):
        agreement = self.payout_agreement([self.kpi_goal("Einsätze", 100, "any")])
        self.advance_agreement(agreement, "in_progress")
        self.month_value(1, 1.0)
        self.month_value(2, 0.5)
        self.login(self.user_employee)
        text = self.url_open(f"/my/goal-agreements/{agreement.id}").text
        self.assertIn("Any Time (With Advances)", text)
        self.assertIn("o_hrp_subgoals", text)
        # February: 14 of 28 -> 50 %
        self.assertIn("14.00", text)
        self.assertIn("50.00", text)
        self.login(self.user_colleague)
        self.assertNotIn(
            "o_hrp_subgoals", self.url_open(f"/my/goal-agreements/{agreement.id}").text
        )
