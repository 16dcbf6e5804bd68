"""The portal base as a visitor meets it: 404 for what is not theirs, wrong
links refused, a bad form shown again with a message and nothing saved."""

from odoo.tests import tagged

from .test_portal_agreement import PortalAgreementCase


@tagged("post_install", "-at_install")
class TestPortalBase(PortalAgreementCase):
    def test_another_persons_agreement_is_404(self):
        self.login(self.user_portal)
        for agreement in (self.agreement_colleague, self.agreement_employee):
            response = self.url_open(self.detail_url(agreement))
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("Geheimes Kollegenziel", response.text)
        response = self.url_open("/my/goal-agreements/999999")
        self.assertEqual(response.status_code, 404)

    def test_a_wrong_token_is_404(self):
        self.agreement_colleague.sudo()._portal_ensure_token()
        token = self.agreement_colleague.sudo().access_token
        self.assertTrue(token)
        url = self.detail_url(self.agreement_colleague)
        self.assertEqual(self.url_open(f"{url}?access_token={token}x").status_code, 404)
        self.assertEqual(
            self.url_open(f"{url}?access_token={token[:-1]}").status_code, 404
        )
        page = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(page.status_code, 200)

    def test_bad_checkin_is_shown_again_and_nothing_is_saved(self):
        self.advance_agreement(self.agreement, "in_progress")
        self.login(self.user_portal)
        url = self.detail_url(self.agreement, "/checkin")
        for data, message in (
            ({"progress": "nan"}, "Please enter a number"),
            ({"progress": "inf"}, "Please enter a number"),
            ({"progress": "viel"}, "Please enter a number"),
            ({"progress": "40", "status": "bogus"}, "choose a status"),
            ({"progress": "40", "goal_id": "99999999"}, "choose a goal"),
            ({"progress": "40", "goal_id": "abc"}, "choose a goal"),
        ):
            response = self.post(url, data)
            self.assertEqual(response.status_code, 200, data)
            self.assertIn("o_hrp_checkin_form", response.text)
            self.assertIn(message, response.text)
        self.assertFalse(self.agreement.checkin_ids)

    def test_german_decimal_comma_is_accepted(self):
        self.advance_agreement(self.agreement, "in_progress")
        self.login(self.user_portal)
        response = self.post(
            self.detail_url(self.agreement, "/checkin"), {"progress": "42,5"}
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.agreement.checkin_ids.progress, 42.5)
