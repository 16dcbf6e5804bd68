"""Assessments in the portal: the list filters and the states the pages ask
about, so that no state list lives in a controller."""

from odoo import api, models

from ..assessment.hr_assessment import DONE_STATES, OPEN_STATES


class HrAssessment(models.Model):
    _inherit = "hr.assessment"

    @api.model
    def _portal_filters(self):
        """Filters of the employee's /my/assessments (in order)."""
        return {
            "all": {"label": self.env._("All"), "domain": []},
            "todo": {
                "label": self.env._("To do"),
                "domain": [
                    "|",
                    "&",
                    ("assessment_type", "=", "self"),
                    ("state", "in", list(OPEN_STATES)),
                    ("state", "=", "submitted"),
                ],
            },
            "done": {
                "label": self.env._("Completed"),
                "domain": [("state", "in", ["acknowledged", "objected", "final"])],
            },
        }

    @api.model
    def _portal_team_filters(self):
        """Filters of the assessor's /my/team/assessments (in order)."""
        return {
            "open": {
                "label": self.env._("To fill in"),
                "domain": self._portal_open_domain(),
            },
            "done": {
                "label": self.env._("Submitted"),
                "domain": [("state", "in", list(DONE_STATES))],
            },
            "all": {"label": self.env._("All"), "domain": []},
        }

    @api.model
    def _portal_open_domain(self):
        """Assessments still being filled in."""
        return [("state", "in", list(OPEN_STATES))]

    def _portal_is_open(self):
        self.ensure_one()
        return self.state in OPEN_STATES

    def _portal_is_done(self):
        self.ensure_one()
        return self.state in DONE_STATES
