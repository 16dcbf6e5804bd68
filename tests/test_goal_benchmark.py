"""Query-count benchmark of the take-over wizard and the reminder job.

Runs both at 50 and at 2,000 employees and compares the number of SQL
queries. Run it alone with ``--test-tags /hr_performance:TestGoalBenchmark``
or ``--test-tags hrp_benchmark``; the numbers are logged and written to
``/tmp/hrp_benchmark_goals.txt``.
"""

import logging
import math
import time
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import HrPerformanceCase

_logger = logging.getLogger(__name__)

SMALL, LARGE = 50, 2000
# The ORM inserts new rows in chunks of 100 (odoo.models.INSERT_BATCH_SIZE):
# the only part of the count allowed to follow the number of rows.
ORM_BATCH = 100
RESULT_FILE = "/tmp/hrp_benchmark_goals.txt"
NO_MAIL = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


@tagged("post_install", "-at_install", "hrp_benchmark")
class TestGoalBenchmark(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.period = cls.create_period(
            name="Benchmark",
            date_from=today - timedelta(days=30),
            date_to=today + timedelta(days=300),
            # passed: every draft is due to agree and overdue
            agreement_deadline=today - timedelta(days=1),
        )
        Department = cls.env["hr.department"]
        cls.department_small = Department.create({"name": "Benchmark klein"})
        cls.department_large = Department.create({"name": "Benchmark groß"})
        PeriodGoal = cls.env["hr.performance.period.goal"].with_context(**NO_MAIL)
        PeriodGoal.create(
            [
                {"period_id": cls.period.id, "name": name, "weight": 50}
                for name in ("Haushalt einhalten", "Digitalisierung")
            ]
            + [
                {
                    "period_id": cls.period.id,
                    "level": "department",
                    "department_id": department.id,
                    "name": f"Ziel {department.name}",
                }
                for department in (cls.department_small, cls.department_large)
            ]
        )
        # a realistic HR officer: an employee too (team look-ups must not
        # run per agreement)
        cls.env["hr.employee"].create(
            {"name": "Personalsachbearbeitung", "user_id": cls.user_officer.id}
        )
        Template = cls.env["hr.goal.template"]
        parent = Template.create({"name": "Fortbildung", "weight": 50})
        cls.templates = parent | Template.create(
            {"name": "Fortbildung E-Akte", "parent_id": parent.id}
        )
        (
            cls.env["hr.employee"]
            .with_context(**NO_MAIL)
            .create(
                [
                    {
                        "name": f"Beschäftigte {number:04d}",
                        "parent_id": cls.employee_manager.id,
                        "department_id": (
                            cls.department_small
                            if number < SMALL
                            else cls.department_large
                        ).id,
                    }
                    for number in range(SMALL + LARGE)
                ]
            )
        )

    def count_queries(self, function):
        """SQL queries (and seconds) of ``function()``, pending writes included."""
        self.env.flush_all()
        self.env.invalidate_all()
        start_count, start_time = self.env.cr.sql_log_count, time.time()
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start_count, time.time() - start_time

    def take_over(self, department):
        """Company goals, department goals and templates: 5 goals each."""
        for source, extra in (
            ("company", {}),
            ("department", {}),
            ("templates", {"template_ids": [Command.set(self.templates.ids)]}),
        ):
            wizard = (
                self.env["hr.goal.takeover.wizard"]
                .with_user(self.user_officer)
                .create(
                    {
                        "period_id": self.period.id,
                        "source": source,
                        "scope": "department",
                        "department_id": department.id,
                        **extra,
                    }
                )
            )
            wizard.action_apply()

    def run_reminders(self):
        self.env["hr.goal.agreement"]._cron_send_goal_reminders()

    def assert_flat(self, label, small, large, chunks):
        """``large`` may exceed ``small`` by 10 % plus ``chunks`` (the ORM's
        100-row INSERT/UPDATE batches for the additional rows), and by
        nothing per employee."""
        allowed = small + max(10, small // 10) + chunks
        message = (
            f"{label}: {small} queries for {SMALL} employees but {large} for "
            f"{LARGE} (allowed {allowed})"
        )
        self.assertLessEqual(large, allowed, message)
        self.assertLess((large - small) / (LARGE - SMALL), 0.5, message)

    def test_query_count_does_not_grow_with_employees(self):
        Agreement = self.env["hr.goal.agreement"]
        takeover_small, time_small = self.count_queries(
            lambda: self.take_over(self.department_small)
        )
        reminders_small, _ = self.count_queries(self.run_reminders)
        reminders_small_again, _ = self.count_queries(self.run_reminders)
        takeover_large, time_large = self.count_queries(
            lambda: self.take_over(self.department_large)
        )
        reminders_large, reminder_time_large = self.count_queries(self.run_reminders)
        reminders_large_again, _ = self.count_queries(self.run_reminders)

        agreements = Agreement.search([("period_id", "=", self.period.id)])
        self.assertEqual(len(agreements), SMALL + LARGE)
        self.assertEqual(
            self.env["hr.goal"].search_count(
                [("agreement_id.period_id", "=", self.period.id)]
            ),
            5 * (SMALL + LARGE),
        )
        activities = self.env["mail.activity"].search_count(
            [("res_model", "=", "hr.goal.agreement"), ("res_id", "in", agreements.ids)]
        )
        per_agreement = activities // (SMALL + LARGE)
        self.assertGreaterEqual(per_agreement, 2)
        self.assertEqual(activities, per_agreement * (SMALL + LARGE))

        lines = [
            f"benchmark take-over (3 wizard runs, 5 goals): {SMALL} employees "
            f"{takeover_small} queries ({time_small:.1f} s), {LARGE} employees "
            f"{takeover_large} queries ({time_large:.1f} s)",
            f"benchmark reminders first run: {SMALL} agreements {reminders_small} "
            f"queries, +{LARGE} agreements {reminders_large} queries "
            f"({reminder_time_large:.1f} s, {per_agreement} activities per agreement)",
            f"benchmark reminders second run (nothing new): {SMALL} agreements "
            f"{reminders_small_again} queries, {SMALL + LARGE} agreements "
            f"{reminders_large_again} queries",
        ]
        for line in lines:
            _logger.info(line)
        with open(RESULT_FILE, "w", encoding="utf-8") as result_file:
            result_file.write("\n".join(lines) + "\n")

        # The ORM writes new rows in chunks of 100: an INSERT and, for the
        # stored computed fields, up to two UPDATEs per chunk of agreements
        # and goal lines, an INSERT per chunk of result lines (take-over); an INSERT
        # and an UPDATE per chunk of activities plus an INSERT per chunk of
        # followers (reminders).
        chunks = math.ceil(LARGE / ORM_BATCH)
        self.assert_flat(
            "take-over", takeover_small, takeover_large, chunks * (3 * (1 + 5) + 3)
        )
        self.assert_flat(
            "reminders",
            reminders_small,
            reminders_large,
            3 * math.ceil(LARGE * per_agreement / ORM_BATCH),
        )
        self.assert_flat(
            "reminders again", reminders_small_again, reminders_large_again, 0
        )
