"""Goal agreements in the portal: the list filters and the states the pages
ask about, so that no state list lives in a controller."""

from odoo import api, models

RATED_STATES = ("rated", "closed")
#: States in which a team agreement may need something from its supervisor.
TEAM_OPEN_STATES = ("submitted", "agreed", "in_progress", "rating")


class HrGoalAgreement(models.Model):
    _inherit = "hr.goal.agreement"

    @api.model
    def _portal_filters(self):
        """Filters of /my/goal-agreements: key -> label and domain (in order)."""
        return {
            "all": {"label": self.env._("All"), "domain": []},
            "open": {
                "label": self.env._("To agree"),
                "domain": [("state", "in", ["draft", "submitted"])],
            },
            "running": {
                "label": self.env._("Running"),
                "domain": [("state", "in", ["agreed", "in_progress", "rating"])],
            },
            "rated": {
                "label": self.env._("Rated"),
                "domain": [("state", "in", list(RATED_STATES))],
            },
            "cancelled": {
                "label": self.env._("Cancelled"),
                "domain": [("state", "=", "cancelled")],
            },
        }

    @api.model
    def _portal_team_open_domain(self):
        """Team agreements that may need something from the supervisor."""
        return [("state", "in", list(TEAM_OPEN_STATES))]

    def _portal_is_rated(self):
        """The result (and its sheet) can be shown."""
        self.ensure_one()
        return self.state in RATED_STATES
