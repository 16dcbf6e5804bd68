"""Fixtures for the performance pay run tests (no tests of its own)."""

from .common import HrPerformanceCase


class PayRunCase(HrPerformanceCase):
    """Period 2027 with contracts and final results for three employees.

    Seed 002 figures: results 45.00 (employee), 30 (colleague) and 60
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
        vals = {
            "name": f"Contract {employee.name}",
            "employee_id": employee.id,
            "wage": 3000.0,
            "date_start": "2025-01-01",
            "state": "open",
            "resource_calendar_id": cls.full_time_calendar.id,
            "company_id": employee.company_id.id,
        }
        vals.update(values)
        return cls.env["hr.contract"].create(vals)

    @classmethod
    def create_result(cls, employee, value, state="final", period=None):
        period = period or cls.period
        snapshot = {
            "goal_result": value,
            "final_result": value,
            "complete": True,
            "breakdown": {},
        }
        return cls.env["hr.performance.result"].create(
            {
                "employee_id": employee.id,
                "period_id": period.id,
                "state": state,
                "final_snapshot": snapshot if state == "final" else False,
            }
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

    def line_of(self, run, employee):
        return run.line_ids.filtered(lambda line: line.employee_id == employee)

    def amounts(self, run):
        return {line.employee_id: line.amount for line in run.line_ids}
