"""Fixtures of the performance pay tests (no tests of its own), built on the
builders of ``common_builders.py`` that the pay run benchmark uses too."""

from .common import HrPerformanceCase
from .common_builders import create_contracts, create_final_results

REPORT_STATEMENT = "hr_performance.hr_performance_pay_line_report_statement"


class PayRunCase(HrPerformanceCase):
    """Period 2027 with contracts and final results for three employees.

    Results 45.00 (employee), 30 (colleague) and 60
    (portal employee), full time, employed all year.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls.create_period(
            pay_budget_amount=1000.0, pay_prorata_method="months"
        )
        cls.full_time_calendar = cls.company.resource_calendar_id
        cls.full_time_calendar.full_time_required_hours = 40.0
        cls.half_time_calendar = cls.env["resource.calendar"].create(
            {
                "name": "Half time",
                "company_id": cls.company.id,
                "full_time_required_hours": 40.0,
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 12,
                            "day_period": "morning",
                        },
                    )
                    for day in range(5)
                ],
            }
        )
        cls.staff = cls.employee | cls.employee_colleague | cls.employee_portal
        cls.cancel_other_contracts()
        cls.contracts = {emp: cls.create_contract(emp) for emp in cls.staff}
        cls.group_all = cls.env["hr.performance.bonus.group"].create(
            {"name": "Alle", "period_id": cls.period.id, "selection_type": "all"}
        )
        cls.results = {
            cls.employee: cls.create_result(cls.employee, 45.0),
            cls.employee_colleague: cls.create_result(cls.employee_colleague, 30.0),
            cls.employee_portal: cls.create_result(cls.employee_portal, 60.0),
        }

    @classmethod
    def cancel_other_contracts(cls):
        """Keep (demo) contracts of other employees out of the pay run's scope."""
        cls.env["hr.contract"].search(
            [("company_id", "=", cls.company.id), ("state", "in", ("open", "close"))]
        ).write({"state": "cancel"})

    @classmethod
    def create_contract(cls, employee, **values):
        return create_contracts(cls.env, employee, cls.full_time_calendar, **values)

    @classmethod
    def create_result(cls, employee, value, state="final", period=None):
        return create_final_results(
            cls.env, period or cls.period, {employee: value}, state=state
        )

    def create_run(self, **values):
        vals = {"period_id": self.period.id}
        vals.update(values)
        return (
            self.env["hr.performance.pay.run"].with_user(self.user_officer).create(vals)
        )

    def computed_run(self, **values):
        run = self.create_run(**values)
        run.action_compute()
        return run

    def approved_run(self, **values):
        run = self.computed_run(**values)
        run.with_user(self.user_admin).action_approve()
        return run

    def render_statement(self, user, lines):
        """The statements of ``lines`` as HTML, rendered as ``user``."""
        report = self.env["ir.actions.report"].with_user(user)
        return report._render_qweb_html(REPORT_STATEMENT, lines.ids)[0].decode()

    def line_of(self, run, employee):
        return run.line_ids.filtered(lambda line: line.employee_id == employee)

    def amounts(self, run):
        return {line.employee_id: line.amount for line in run.line_ids}
