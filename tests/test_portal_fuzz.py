"""Fuzz of the portal forms: what a browser (or anyone with a login) may post
to the check-in, goal proposal and rating forms, as text of any shape. The
answer is the page again with a message (200) or the redirect after success
(303), never a server error; after a refusal nothing was saved."""

import logging

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase
from .common_portal import PortalTestMixin
from .test_fuzz import EDGE_TEXTS, FUZZ

_logger = logging.getLogger(__name__)

FORM_VALUES = st.one_of(
    st.sampled_from(
        [
            *EDGE_TEXTS,
            "40",
            "40,5",
            "1.000,50",
            "-5",
            "1e308",
            "inf",
            "NaN",
            "0x10",
            "99999999999999999999999",
            "on_track",
            "behind",
            "unknown",
        ]
    ),
    st.text(max_size=30),
)
# A field may be sent, empty, or missing.
FIELD = st.one_of(st.none(), FORM_VALUES)


@tagged("post_install", "-at_install", "fuzz")
class TestPortalFuzz(PortalTestMixin, HrPerformanceCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period(
            name="2036", date_from="2036-01-01", date_to="2036-12-31"
        )
        cls.draft = cls.create_agreement(cls.employee_portal, cls.period)
        cls.running = cls.create_agreement(cls.employee, cls.period)
        cls.rating = cls.create_agreement(cls.employee_colleague, cls.period)
        cls.posts = 0

    def setUp(self):
        super().setUp()
        self.walk_states(self.running, "in_progress")
        self.walk_states(self.rating, "rating")

    def send(self, url, data, watched):
        """POST ``data`` (``None`` values left out); the answer is a page or a
        redirect, and a page (a refusal) leaves ``watched`` as it was."""
        type(self).posts += 1
        data = {key: value for key, value in data.items() if value is not None}
        before = watched()
        response = self.post(url, data)
        self.assertIn(response.status_code, (200, 303), response.text[:300])
        if response.status_code == 200:
            self.assertIn("o_hrp_error", response.text)
            self.env.invalidate_all()
            self.assertEqual(watched(), before)
        return response

    def checkins(self):
        return [
            (c.progress, c.status, c.comment)
            # sudo: the test looks at what the portal stored
            for c in self.running.sudo().checkin_ids.sorted("id")
        ]

    @FUZZ
    @given(goal=FIELD, progress=FIELD, status=FIELD, comment=FIELD)
    def test_checkin_form(self, goal, progress, status, comment):
        self.login(self.user_employee)
        goal = str(self.running.goal_ids[0].id) if goal == "40" else goal
        self.send(
            f"/my/goal-agreements/{self.running.id}/checkin",
            {
                "goal_id": goal,
                "progress": progress,
                "status": status,
                "comment": comment,
            },
            self.checkins,
        )

    def goals(self):
        return sorted(
            (g.name, g.weight, g.success_criteria or "")
            # sudo: the test looks at what the portal stored
            for g in self.draft.sudo().goal_ids
        )

    @FUZZ
    @given(name=FIELD, weight=FIELD, criteria=FIELD, actions=FIELD)
    def test_propose_form(self, name, weight, criteria, actions):
        self.login(self.user_portal)
        self.send(
            f"/my/goal-agreements/{self.draft.id}/propose",
            {
                "name": name,
                "weight": weight,
                "success_criteria": criteria,
                "actions": actions,
            },
            self.goals,
        )

    def ratings(self):
        return [
            (g.achievement, g.agreement_id.state)
            # sudo: the test looks at what the portal stored
            for g in self.rating.sudo().goal_ids.sorted("id")
        ]

    @FUZZ
    @given(values=st.lists(FIELD, min_size=4, max_size=4), finish=FIELD)
    def test_rate_form(self, values, finish):
        self.login(self.user_manager)
        goals = self.rating.goal_ids
        data = {
            f"achievement_{goal.id}": value
            for goal, value in zip(goals, values, strict=False)
        }
        data["finish"] = finish
        self.send(
            f"/my/goal-agreements/{self.rating.id}/rate",
            data,
            self.ratings,
        )

    @classmethod
    def tearDownClass(cls):
        _logger.info("portal fuzz: %d posts, none answered 500", cls.posts)
        super().tearDownClass()
