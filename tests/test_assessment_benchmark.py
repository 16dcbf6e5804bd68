import logging
import time

from odoo.tests import tagged

from .common_assessment import AssessmentCase

_logger = logging.getLogger(__name__)

INSERT_BATCH = 100  # rows per INSERT/UPDATE statement of the ORM


@tagged("post_install", "-at_install", "hrp_benchmark")
class TestAssessmentBenchmark(AssessmentCase):
    """Scheduling and submitting: SQL queries do not grow with the employees."""

    def run_size(self, size, year):
        Employee = self.env["hr.employee"]
        department = self.env["hr.department"].create({"name": f"Bench {size}"})
        Employee.create(
            [
                {
                    "name": f"Bench {size} {index}",
                    "parent_id": self.employee_manager.id,
                    "department_id": department.id,
                }
                for index in range(size)
            ]
        )
        period = self.create_period(
            name=f"Bench {size}", date_from=f"{year}-01-01", date_to=f"{year}-12-31"
        )
        self.env.flush_all()
        self.env.invalidate_all()
        wizard = (
            self.env["hr.assessment.schedule.wizard"]
            .with_user(self.user_officer)
            .create(
                {
                    "period_id": period.id,
                    "form_id": self.form.id,
                    "date": "2027-12-01",
                    "selection": "department",
                    "department_id": department.id,
                }
            )
        )
        start, clock = self.cr.sql_log_count, time.perf_counter()
        wizard.action_schedule()
        self.env.flush_all()
        schedule = self.cr.sql_log_count - start
        schedule_s = time.perf_counter() - clock
        self.assertEqual(wizard.created_count, size)
        assessments = wizard.created_assessment_ids
        self.env.invalidate_all()

        start, clock = self.cr.sql_log_count, time.perf_counter()
        as_assessor = assessments.with_user(self.user_manager)
        lines = self.env["hr.assessment.line"].with_user(self.user_manager)
        lines.search([("assessment_id", "in", assessments.ids)]).write(
            {"level_id": self.levels[4].id}
        )
        as_assessor.action_submit()
        self.env.flush_all()
        submit = self.cr.sql_log_count - start
        submit_s = time.perf_counter() - clock
        self.assertEqual(set(assessments.mapped("state")), {"submitted"})
        self.assertEqual(set(assessments.mapped("result")), {4.0})
        lines = len(assessments.line_ids)
        return schedule, submit, lines, schedule_s, submit_s

    def test_query_count_does_not_grow_with_employees(self):
        small = self.run_size(50, 2030)
        large = self.run_size(2000, 2031)
        text = (
            "assessments  schedule_queries  submit_queries  lines  "
            "schedule_s  submit_s\n"
            f"50           {small[0]:<16}  {small[1]:<14}  {small[2]:<5}  "
            f"{small[3]:.2f}        {small[4]:.2f}\n"
            f"2000         {large[0]:<16}  {large[1]:<14}  {large[2]:<5}  "
            f"{large[3]:.2f}        {large[4]:.2f}\n"
        )
        _logger.info("Assessment benchmark (SQL queries):\n%s", text)
        with open("/tmp/hrp_benchmark_assessments.txt", "w", encoding="utf-8") as out:
            out.write(text)
        # Only the ORM's statement batching (100 rows per INSERT/UPDATE) may
        # add queries; nothing is done per employee.
        extra_rows = (large[2] - small[2]) + 2 * (2000 - 50)
        batching = 3 * (extra_rows // INSERT_BATCH + 1)
        self.assertLessEqual(large[0], small[0] + batching)
        self.assertLessEqual(large[1], small[1] + batching)
        self.assertLess(large[0] + large[1], 2000, "far below one query per employee")
