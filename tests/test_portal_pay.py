from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common_pay import PayRunCase
from .common_portal import PortalTestMixin


@tagged("post_install", "-at_install")
class TestPortalPay(PortalTestMixin, PayRunCase, HttpCase):
    """Performance pay statements in the portal, per role."""

    def setUp(self):
        super().setUp()
        self.run = self.computed_run()
        self.line = self.line_of(self.run, self.employee_portal)
        self.url = f"/my/performance-pay/{self.line.id}"
        self.amount = f"{self.line.amount:,.2f}"

    def approve(self):
        self.run.with_user(self.user_admin).action_approve()
        self.env.flush_all()

    def pay_count(self):
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["hrp_pay_count"]}
        )["hrp_pay_count"]

    def test_own_statement_only_after_approval(self):
        self.login(self.user_portal)
        self.assertEqual(self.pay_count(), 0)
        self.assertNotIn(self.url, self.url_open("/my/performance-pay").text)
        self.assertEqual(self.url_open(self.url).status_code, 404)
        self.approve()
        self.assertEqual(self.pay_count(), 1)
        response = self.url_open("/my/performance-pay")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.url, response.text)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.amount, response.text)
        self.assertIn("Portal Employee", response.text)
        self.assertIn("o_hrp_pay_pdf", response.text)
        # The statement as PDF (HTML in test mode) through the report.
        response = self.url_open(f"{self.url}?report_type=pdf&download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("Portal Employee", response.text)
        self.assertIn(self.amount, response.text)

    def test_other_users_get_no_data(self):
        self.period.pay_manager_visible = True
        self.approve()
        own = self.line_of(self.run, self.employee)
        for user in (
            self.user_colleague,
            self.user_employee,
            self.user_manager,
            self.user_head,
            self.user_officer,
            self.user_other_officer,
        ):
            self.login(user)
            for url in (self.url, f"{self.url}?report_type=pdf"):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404, (user.login, url))
                self.assertNotIn("Portal Employee", response.text)
            self.assertNotIn(self.url, self.url_open("/my/performance-pay").text)
        # The employee sees their own statement, not the portal employee's.
        self.login(self.user_employee)
        self.assertEqual(self.pay_count(), 1)
        self.assertIn(
            f"/my/performance-pay/{own.id}", self.url_open("/my/performance-pay").text
        )

    def test_public_visitor_and_access_token(self):
        token = self.line.sudo()._portal_ensure_token()
        self.env.flush_all()
        for url in ("/my/performance-pay", self.url):
            self.assertIn("/web/login", self.url_open(url).url)
        # Before approval even a valid token shows nothing.
        self.assertEqual(
            self.url_open(f"{self.url}?access_token={token}").status_code, 404
        )
        self.approve()
        response = self.url_open(f"{self.url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.amount, response.text)
        self.assertEqual(
            self.url_open(f"{self.url}?access_token=not-the-token").status_code, 404
        )
        other = self.line_of(self.run, self.employee_colleague)
        response = self.url_open(f"/my/performance-pay/{other.id}?access_token={token}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(f"{self.url}?access_token={token}&report_type=pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Portal Employee", response.text)

    def test_portal_rules_on_pay_lines(self):
        portal = self.user_portal
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.line.with_user(portal).read(["amount"])
        self.approve()
        self.env.invalidate_all()
        self.assertEqual(
            self.line.with_user(portal).read(["amount"])[0]["amount"], self.line.amount
        )
        with self.assertRaises(AccessError):
            self.line_of(self.run, self.employee).with_user(portal).read(["amount"])
        with self.assertRaises(AccessError):
            self.line.with_user(portal).write({"pay_factor": 2})
        with self.assertRaises(AccessError):
            self.run.with_user(portal).read(["state"])
