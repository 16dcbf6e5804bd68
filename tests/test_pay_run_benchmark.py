import logging
import time

from odoo.tests import tagged

from .common import HrPerformanceCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "hrp_benchmark")
class TestPayRunBenchmark(HrPerformanceCase):
    """Computing and approving a pay run: SQL queries do not grow with N."""

    def cold_caches(self):
        """Measure each step from the same state: no record and no registry
        cache (record rules, groups, defaults). Otherwise what an earlier
        step or test left in the registry's LRU caches would count."""
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()

    def run_size(self, size, year):
        # keep (demo) contracts of other employees out of the run's scope
        self.env["hr.contract"].search(
            [("company_id", "=", self.company.id), ("state", "in", ("open", "close"))]
        ).write({"state": "cancel"})
        department = self.env["hr.department"].create({"name": f"Bench {size}"})
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Bench {size} {index:05d}", "department_id": department.id}
                for index in range(size)
            ]
        )
        period = self.create_period(
            name=f"Bench {size}",
            date_from=f"{year}-01-01",
            date_to=f"{year}-12-31",
            pay_budget_amount=1000.0 * size,
            pay_min_result=10.0,
            pay_max_payout=1500.0,
        )
        self.env["hr.performance.bonus.group"].create(
            {"name": "Alle", "period_id": period.id, "selection_type": "all"}
        )
        self.env["hr.contract"].create(
            [
                {
                    "name": f"Contract {employee.name}",
                    "employee_id": employee.id,
                    "wage": 3000.0,
                    "date_start": f"{year}-{index % 12 + 1:02d}-01",
                    "date_end": f"{year}-12-31",
                    "state": "open",
                }
                for index, employee in enumerate(employees)
            ]
        )
        self.env["hr.performance.result"].create(
            [
                {
                    "employee_id": employee.id,
                    "period_id": period.id,
                    "state": "final",
                    "final_snapshot": {
                        "goal_result": 5.0 + index % 100,
                        "final_result": 5.0 + index % 100,
                        "complete": True,
                        "breakdown": {},
                    },
                }
                for index, employee in enumerate(employees)
            ]
        )
        run = (
            self.env["hr.performance.pay.run"]
            .with_user(self.user_officer)
            .create({"period_id": period.id})
        )
        self.env.flush_all()
        self.cold_caches()

        start, clock = self.cr.sql_log_count, time.perf_counter()
        run.action_compute()
        self.env.flush_all()
        compute = self.cr.sql_log_count - start
        compute_s = time.perf_counter() - clock
        self.assertEqual(len(run.line_ids), size)
        self.assertAlmostEqual(run.amount_total + run.residual_total, run.budget, 2)
        # the lines are inserted in one statement: their related fields and
        # log columns are filled as create() would fill them
        self.env.invalidate_all()
        lines = run.line_ids
        self.assertEqual(lines.department_id, department)
        self.assertEqual(lines.company_id, run.company_id)
        self.assertEqual(lines.period_id, period)
        self.assertEqual(lines.create_uid, self.user_officer)
        self.assertEqual(set(lines.mapped("line_type")), {"regular"})
        self.cold_caches()

        start, clock = self.cr.sql_log_count, time.perf_counter()
        run.with_user(self.user_admin).action_approve()
        self.env.flush_all()
        approve = self.cr.sql_log_count - start
        approve_s = time.perf_counter() - clock
        self.assertEqual(run.state, "approved")
        return compute, approve, compute_s, approve_s

    def test_query_count_does_not_grow_with_employees(self):
        small = self.run_size(100, 2030)
        large = self.run_size(2000, 2031)
        text = (
            "employees  compute_queries  approve_queries  compute_s  approve_s\n"
            f"100        {small[0]:<15}  {small[1]:<15}  {small[2]:<9.2f}  "
            f"{small[3]:.2f}\n"
            f"2000       {large[0]:<15}  {large[1]:<15}  {large[2]:<9.2f}  "
            f"{large[3]:.2f}\n"
        )
        _logger.info("Pay run benchmark (SQL queries):\n%s", text)
        with open("/tmp/hrp_benchmark_payrun.txt", "w", encoding="utf-8") as out:
            out.write(text)
        # The lines are inserted with one statement and everything is read
        # with one query per model: no batching, nothing per employee.
        self.assertEqual(large[0], small[0], "compute: same queries at 100 and 2000")
        self.assertEqual(large[1], small[1], "approve: same queries at 100 and 2000")
