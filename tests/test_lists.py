from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_pay import PayRunCase

#: The lists HR opens every day, and their model.
CURRENT_PERIOD_ACTIONS = {
    "hr_performance.hr_goal_agreement_action": "hr.goal.agreement",
    "hr_performance.hr_assessment_action": "hr.assessment",
    "hr_performance.hr_assessment_action_to_assess": "hr.assessment",
    "hr_performance.hr_performance_result_action": "hr.performance.result",
    "hr_performance.hr_performance_pay_run_action": "hr.performance.pay.run",
    "hr_performance.hr_performance_pay_line_action": "hr.performance.pay.line",
}


@tagged("post_install", "-at_install")
class TestListsOpenOnTheCurrentPeriod(PayRunCase):
    """The daily lists open filtered on the running period: records of other
    periods (closed years, next year in preparation) are one click away, not
    in the way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_period = cls.create_period(
            name="2026", date_from="2026-01-01", date_to="2026-12-31"
        )
        cls.old_agreement = cls.create_agreement(cls.employee, cls.old_period)
        cls.agreement = cls.create_agreement(cls.employee, cls.period)
        cls.old_result = cls.create_result(cls.employee, 50.0, period=cls.old_period)
        # sudo: last year is closed (its closing rules are tested elsewhere)
        cls.old_period.sudo().write({"state": "closed"})

    def current_period_domain(self, xmlid, model):
        action = self.env.ref(xmlid)
        context = safe_eval(action.context or "{}")
        self.assertEqual(context.get("search_default_current_period"), 1, xmlid)
        views = self.env[model].get_views(
            [(action.search_view_id.id or False, "search")]
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (node,) = arch.xpath("//filter[@name='current_period']")
        return safe_eval(node.get("domain"))

    def test_each_daily_list_opens_on_the_current_period(self):
        for xmlid, model in CURRENT_PERIOD_ACTIONS.items():
            with self.subTest(action=xmlid):
                domain = self.current_period_domain(xmlid, model)
                records = self.env[model].with_user(self.user_officer).search(domain)
                self.assertTrue(
                    all(state == "open" for state in records.period_id.mapped("state"))
                )

    def test_last_years_records_are_filtered_out(self):
        domain = self.current_period_domain(
            "hr_performance.hr_goal_agreement_action", "hr.goal.agreement"
        )
        agreements = (
            self.env["hr.goal.agreement"].with_user(self.user_officer).search(domain)
        )
        self.assertIn(self.agreement, agreements)
        self.assertNotIn(self.old_agreement, agreements)
        domain = self.current_period_domain(
            "hr_performance.hr_performance_result_action", "hr.performance.result"
        )
        results = (
            self.env["hr.performance.result"]
            .with_user(self.user_officer)
            .search(domain)
        )
        self.assertIn(self.results[self.employee], results)
        self.assertNotIn(self.old_result, results)

    def test_finalize_results_from_the_list(self):
        result = self.results[self.employee_colleague]
        result.write({"state": "provisional", "final_snapshot": False})
        result.flush_recordset()
        # complete as the goal agreement leaves it (tested with the agreement)
        self.env.cr.execute(
            "UPDATE hr_performance_result SET final_result = 30, complete = true "
            "WHERE id = %s",
            (result.id,),
        )
        result.invalidate_recordset()
        action = self.env.ref("hr_performance.hr_performance_result_action_finalize")
        self.assertIn(
            self.env.ref("hr_performance.group_hr_performance_officer"),
            action.groups_id,
        )
        action.with_user(self.user_officer).with_context(
            active_model="hr.performance.result", active_ids=result.ids
        ).run()
        self.assertEqual(result.state, "final")


@tagged("post_install", "-at_install")
class TestStartNextPeriod(PayRunCase):
    """HR administrators prepare next year in one step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.write(
            {
                "name": "Leistungszeitraum 2027",
                "agreement_deadline": "2027-02-28",
                "rating_deadline": "2027-12-15",
                "pay_advance_share": 40.0,
                "hr_contact_id": cls.user_officer.id,
            }
        )
        cls.env["hr.performance.period.goal"].create(
            {
                "period_id": cls.period.id,
                "level": "company",
                "name": "Haushalt einhalten",
                "weight": 100,
                "deadline": "2027-11-30",
            }
        )

    def test_next_period_copies_settings_goals_and_bonus_groups(self):
        action = self.period.with_user(self.user_admin).action_start_next_period()
        new = self.env["hr.performance.period"].browse(action["res_id"])
        self.assertEqual(new.name, "Leistungszeitraum 2028")
        self.assertEqual(new.state, "draft")
        self.assertEqual(
            (str(new.date_from), str(new.date_to)), ("2028-01-01", "2028-12-31")
        )
        self.assertEqual(str(new.agreement_deadline), "2028-02-28")
        self.assertEqual(str(new.rating_deadline), "2028-12-15")
        self.assertEqual(new.pay_budget_amount, 1000.0)
        self.assertEqual(new.pay_advance_share, 40.0)
        self.assertEqual(new.hr_contact_id, self.user_officer)
        self.assertEqual(new.goal_ids.mapped("name"), ["Haushalt einhalten"])
        self.assertEqual(str(new.goal_ids.deadline), "2028-11-30")
        self.assertEqual(new.bonus_group_ids.mapped("name"), ["Alle"])
        # the originals stay with 2027; nothing else is copied
        self.assertEqual(self.period.bonus_group_ids, self.group_all)
        self.assertFalse(new.agreement_ids)
        # one next period only
        with self.assertRaisesText(UserError, "already covers"):
            self.period.with_user(self.user_admin).action_start_next_period()

    def test_only_hr_administrators_start_the_next_period(self):
        with self.assertRaisesText(AccessError, "Only HR administrators"):
            self.period.with_user(self.user_officer).action_start_next_period()
        self.assertEqual(
            self.env["hr.performance.period"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )
