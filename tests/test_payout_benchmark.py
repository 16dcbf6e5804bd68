import base64
import datetime
import logging
import time

from odoo.tests import tagged

from .common import HrPerformanceCase
from .common_builders import create_payout_staff, kpi_import_csv
from .test_variable_benchmark import variable_world

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "hrp_benchmark")
class TestPayoutBenchmark(HrPerformanceCase):
    """Importing KPI values and computing a monthly run of advances: SQL
    queries do not grow with the rows or the employees."""

    def measure(self, action):
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        start, clock = self.cr.sql_log_count, time.perf_counter()
        action()
        self.env.flush_all()
        return self.cr.sql_log_count - start, time.perf_counter() - clock

    def run_size(self, size, year):
        employees, period = variable_world(
            self, f"Abschlag {size}", size, year, staggered=False
        )
        period.write(
            {
                "pay_variable_schedule": "monthly",
                "pay_overpayment": "clawback",
                "pay_clawback_limit": 500.0,
            }
        )
        kpi = self.env["hr.performance.kpi"].create(
            {
                "name": f"Abschlüsse {size}",
                "unit": "Stück",
                "period_unit": "months",
                "period_count": 1,
                "period_reference": "2000-01-01",
                "owner_level": "employee",
                "cumulative": True,
            }
        )
        curve = self.env.ref("hr_performance.curve_standard_positive")
        create_payout_staff(self.env, period, employees, curve, self.employee_head, kpi)
        # 20 months of values up to January of the goal year
        text = kpi_import_csv(employees, datetime.date(year - 2, 6, 1), 20)
        upload = (
            self.env["hr.performance.kpi.import"]
            .with_user(self.user_officer)
            .create(
                {
                    "kpi_id": kpi.id,
                    "file": base64.b64encode(text.encode()),
                    "filename": "werte.csv",
                }
            )
        )
        imported = self.measure(upload.action_import)
        self.assertEqual(upload.created_count, size * 20)
        run = (
            self.env["hr.performance.pay.run"]
            .with_user(self.user_officer)
            .create(
                {
                    "period_id": period.id,
                    "run_type": "monthly",
                    "payroll_month": f"{year}-02-01",
                }
            )
        )
        computed = self.measure(run.action_compute)
        self.assertEqual(len(run.line_ids), size)
        self.assertEqual(len(run.sudo().entry_ids), size * 5)
        return imported, computed

    def test_queries_do_not_grow_with_rows_or_employees(self):
        small = self.run_size(50, 2040)
        large = self.run_size(500, 2041)
        text = (
            "employees  import_rows  import_queries  import_s  "
            "monthly_queries  monthly_s\n"
            + "".join(
                f"{n:<10} {n * 20:<12} {r[0][0]:<15} {r[0][1]:<9.2f} "
                f"{r[1][0]:<16} {r[1][1]:.2f}\n"
                for n, r in ((50, small), (500, large))
            )
        )
        _logger.info("KPI import and monthly run benchmark (SQL queries):\n%s", text)
        self.assertEqual(large[0][0], small[0][0], "import: same queries")
        self.assertEqual(large[1][0], small[1][0], "monthly run: same queries")
