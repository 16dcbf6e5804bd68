"""Helpers of the portal tests (HttpCase): log in, post a form with its CSRF
token, count the queries of a page."""

from odoo import http


class PortalTestMixin:
    """Mixed into an ``HttpCase`` (after the fixtures' case)."""

    #: Whether ``post`` follows the redirect after a successful action.
    follow_redirects = False

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        # Always a POST (url_open sends a GET when there is no data).
        return self.opener.post(
            self.base_url() + url,
            data=data,
            allow_redirects=self.follow_redirects,
            timeout=12,
        )

    def count_queries(self, url):
        """Queries of one request of ``url`` once the caches are warm."""
        self.url_open(url)  # warm the caches (routing, views, rules)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before
