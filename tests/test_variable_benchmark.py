import logging
import time

from odoo.tests import tagged

from .common import HrPerformanceCase
from .common_builders import create_variable_staff

_logger = logging.getLogger(__name__)


def variable_world(case, label, size, year, staggered=True):
    """``size`` employees (personnel numbers ``<label>-<i>``) with variable-pay
    contracts (4,000 a month, 25 % variable; starting in month ``i % 12 + 1``
    when ``staggered``, else on 1 January) in a new period ``year`` whose
    bonus group pays everyone variable pay. The company's other contracts
    are cancelled. Returns (employees, period)."""
    case.env["hr.contract"].search(
        [("company_id", "=", case.company.id), ("state", "in", ("open", "close"))]
    ).write({"state": "cancel"})
    employees = case.env["hr.employee"].create(
        [
            {"name": f"{label} {index:05d}", "identification_id": f"{label}-{index}"}
            for index in range(size)
        ]
    )
    period = case.create_period(
        name=label, date_from=f"{year}-01-01", date_to=f"{year}-12-31"
    )
    case.env["hr.performance.bonus.group"].create(
        {
            "name": "AT",
            "period_id": period.id,
            "selection_type": "all",
            "pay_model": "variable",
        }
    )
    case.env["hr.contract"].create(
        [
            {
                "name": f"Vertrag {employee.name}",
                "employee_id": employee.id,
                "wage": 4000.0 + index if staggered else 4000.0,
                "hrp_variable_percent": 25.0,
                "date_start": f"{year}-{index % 12 + 1:02d}-01"
                if staggered
                else f"{year}-01-01",
                "state": "open",
            }
            for index, employee in enumerate(employees)
        ]
    )
    return employees, period


@tagged("post_install", "-at_install", "hrp_benchmark")
class TestVariablePayBenchmark(HrPerformanceCase):
    """Computing the variable pay of a run: SQL queries do not grow with the
    employees or their goals (5 goals each)."""

    def run_size(self, size, year):
        employees, period = variable_world(self, f"Variabel {size}", size, year)
        curve = self.env.ref("hr_performance.curve_standard_positive")
        create_variable_staff(self.env, period, employees, curve, self.employee_head)
        run = (
            self.env["hr.performance.pay.run"]
            .with_user(self.user_officer)
            .create({"period_id": period.id, "budget_amount": 0.0})
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_all_caches()
        start, clock = self.cr.sql_log_count, time.perf_counter()
        run.action_compute()
        self.env.flush_all()
        queries = self.cr.sql_log_count - start
        seconds = time.perf_counter() - clock
        self.assertEqual(len(run.line_ids), size)
        self.assertEqual(set(run.line_ids.mapped("pay_model")), {"variable"})
        # every line is the sum of its five goals' payouts, to the cent
        for line in run.line_ids[:20]:
            goals = sum(float(g["payout"]) for g in line.breakdown["goals"])
            self.assertEqual(round(goals, 2), line.amount)
            self.assertEqual(len(line.breakdown["goals"]), 5)
        return queries, seconds

    def test_query_count_does_not_grow_with_employees(self):
        small = self.run_size(50, 2040)
        large = self.run_size(500, 2041)
        text = (
            "employees  goals  compute_queries  compute_s\n"
            f"50         250    {small[0]:<15}  {small[1]:.2f}\n"
            f"500        2500   {large[0]:<15}  {large[1]:.2f}\n"
        )
        _logger.info("Variable pay benchmark (SQL queries):\n%s", text)
        self.assertEqual(large[0], small[0], "compute: same queries at 50 and 500")
