"""The base of every portal page of hr_performance.

One document lookup that answers 404 for anything the visitor may not see,
one token check, one POST runner (each action in a savepoint: nothing
half-written stays; the page is shown again with the message) and one list
pager. The area controllers build on it in one chain (agreement -> team ->
assessment -> pay), so that each can extend the home tiles and "My team".

The routes read as the user (or through ``_document_check_access``, which
returns a sudo record only after the user's or the token's access was
checked) and call the models' own actions as the real user: the workflow
kernel and the record rules decide.
"""

from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

#: Errors of the models' actions shown on the page instead of a 500.
ACTION_ERRORS = (UserError, ValidationError, AccessError, MissingError)


class HrpPortalBase(CustomerPortal):
    # ------------------------------------------------------------------
    # Lookup and token
    # ------------------------------------------------------------------
    def _hrp_document(self, model, record_id, access_token=None, domain=None):
        """The record as sudo record, after the user's (or the token's) access
        was checked; 404 for anyone else. Without a valid token the record
        must also match ``domain`` (e.g. the model's portal domain)."""
        try:
            record_sudo = self._document_check_access(
                model, record_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        if (
            domain is not None
            and not self._hrp_by_token(record_sudo, access_token)
            and not record_sudo.filtered_domain(domain)
        ):
            raise NotFound()
        return record_sudo

    @staticmethod
    def _hrp_by_token(record_sudo, access_token):
        """Whether ``access_token`` is the record's own (constant time)."""
        return bool(
            access_token
            and record_sudo.access_token
            and consteq(record_sudo.access_token, access_token)
        )

    def _hrp_login_first(self, path, access_token=None):
        """A visitor without an access token is sent to the login first."""
        if request.env.user._is_public() and not access_token:
            return request.redirect(f"/web/login?redirect={path}")
        return None

    # ------------------------------------------------------------------
    # POST runner
    # ------------------------------------------------------------------
    def _hrp_run(self, record, actions, success_url, render_error):
        """Run each callable of ``actions`` on ``record`` (as the user) in its
        own savepoint; redirect to ``success_url``, or on a user's error roll
        the failed action back and return ``render_error(message)``."""
        try:
            for action in actions:
                with request.env.cr.savepoint():
                    action(record)
        except ACTION_ERRORS as error:
            request.env.invalidate_all()
            return render_error(error.args[0] if error.args else str(error))
        return request.redirect(success_url)

    @staticmethod
    def _hrp_int(value):
        return int(value) if value and str(value).isdigit() else None

    @staticmethod
    def _hrp_float(value, label, goal=False):
        """A number typed by the user (German decimal comma accepted)."""
        if value in (None, ""):
            return 0.0
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            number = None
        if (
            number is None
            or number != number
            or number
            in (
                float("inf"),
                float("-inf"),
            )
        ):
            message = (
                request.env._(
                    "Please enter a number as achievement of the goal %(name)s.",
                    name=label,
                )
                if goal
                else request.env._("Please enter a number for %(name)s.", name=label)
            )
            raise UserError(message)
        return number

    # ------------------------------------------------------------------
    # Lists
    # ------------------------------------------------------------------
    def _hrp_page(self, Model, domain, url, page, history, url_args=None):
        """One page of a portal list: the records and the pager.

        ``Model`` searches with the user's rights (or as superuser where the
        caller's domain already is the user's own records); ``history``, if
        given, is the session key of the previous/next buttons of the detail
        pages.
        """
        pager = portal_pager(
            url=url,
            url_args=url_args or {},
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        if history:
            request.session[history] = records.ids[:100]
        return records, pager

    def _hrp_filter(self, filters, filterby, default):
        """The chosen filter key of ``filters`` (a model's ``_portal_filters``)."""
        return filterby if filterby in filters else default

    def _hrp_state_labels(self, model):
        env = request.env
        return dict(env[model]._fields["state"]._description_selection(env))
