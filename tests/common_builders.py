"""Builders of test data taking an ``env``, shared by the pay tests
(``common_pay.py``) and the pay run benchmark (``tools/bench_pay_run.py``,
which loads this file by its path: it imports nothing of the test framework).
"""


def create_contracts(env, employees, calendar, per_employee=None, **values):
    """One open contract per employee (one ``create``), 3,000 a month;
    ``per_employee(index, employee)`` may add values of each contract."""
    return env["hr.contract"].create(
        [
            {
                "name": f"Contract {employee.name}",
                "employee_id": employee.id,
                "wage": 3000.0,
                "date_start": "2025-01-01",
                "state": "open",
                "resource_calendar_id": calendar.id,
                "company_id": employee.company_id.id,
                **values,
                **(per_employee(index, employee) if per_employee else {}),
            }
            for index, employee in enumerate(employees)
        ]
    )


def create_final_results(env, period, values, state="final"):
    """Results of ``period``: ``values`` maps an employee to the final result."""
    return env["hr.performance.result"].create(
        [
            {
                "employee_id": employee.id,
                "period_id": period.id,
                "state": state,
                "final_snapshot": {
                    "goal_result": value,
                    "final_result": value,
                    "complete": True,
                    "breakdown": {},
                }
                if state == "final"
                else False,
            }
            for employee, value in values.items()
        ]
    )


#: The states a variable agreement walks through to "rated" (superuser
#: writes along the workflow graph: a fixture, not the users' buttons).
RATED_PATH = ("submitted", "agreed", "in_progress", "rating", "rated")


def create_variable_staff(
    env,
    period,
    employees,
    curve,
    supervisor,
    goals_per_employee=5,
    states=RATED_PATH,
    goal_values=None,
):
    """Rated variable-pay agreements of ``employees`` in ``period`` (signed
    by ``supervisor``, an employee) with
    ``goals_per_employee`` variable-share goals each (equal weights, actual
    values from 70 to 139 % of the target). ``states``: the path the
    agreements take (rated by default); ``goal_values(number)``: more values
    of goal ``number`` (1 to ``goals_per_employee``). Returns the agreements."""
    weight = 100.0 / goals_per_employee
    agreements = (
        env["hr.goal.agreement"]
        .sudo()
        .create(
            [
                {
                    "employee_id": employee.id,
                    "period_id": period.id,
                    "supervisor_id": supervisor.id,
                    "pay_model": "variable",
                    "goal_ids": [
                        (
                            0,
                            0,
                            {
                                "level": "personal",
                                "name": f"Ziel {number}",
                                "weight": weight,
                                "target_value": 100.0,
                                "actual_value": 70.0 + (index * 7 + number) % 70,
                                "curve_template_id": curve.id,
                                **(goal_values(number) if goal_values else {}),
                            },
                        )
                        for number in range(1, goals_per_employee + 1)
                    ],
                }
                for index, employee in enumerate(employees)
            ]
        )
    )
    for state in states:
        agreements.write({"state": state})
    return agreements


def create_payout_staff(env, period, employees, curve, supervisor, kpi):
    """Variable agreements in progress, paid any time (advances): goal 1
    takes its achievement from ``kpi`` (the employee's values), goals 2 to 5
    are actual/target goals without a value yet."""

    def values(number):
        if number == 1:
            return {
                "achievement_mode": "kpi",
                "kpi_id": kpi.id,
                "payout_timing": "any",
                "actual_value": 0.0,
            }
        return {"payout_timing": "any"}

    return create_variable_staff(
        env,
        period,
        employees,
        curve,
        supervisor,
        states=("submitted", "agreed", "in_progress"),
        goal_values=values,
    )


def kpi_import_csv(employees, first_month, months):
    """A KPI import file (German columns): one value per employee (by
    personnel number) and month for ``months`` months from ``first_month``."""
    lines = ["Periodenbeginn;Personalnummer;Wert"]
    year, month = first_month.year, first_month.month
    for _ in range(months):
        start = f"01.{month:02d}.{year}"
        lines += [
            f"{start};{employee.identification_id};{80 + index % 40},5"
            for index, employee in enumerate(employees)
        ]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "\n".join(lines) + "\n"
