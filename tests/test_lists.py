from lxml import etree

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
