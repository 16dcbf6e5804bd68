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
    env, period, employees, curve, supervisor, goals_per_employee=5
):
    """Rated variable-pay agreements of ``employees`` in ``period`` (signed
    by ``supervisor``, an employee) with
    ``goals_per_employee`` variable-share goals each (equal weights, actual
    values from 70 to 139 % of the target). Returns the agreements."""
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
                            },
                        )
                        for number in range(1, goals_per_employee + 1)
                    ],
                }
                for index, employee in enumerate(employees)
            ]
        )
    )
    for state in RATED_PATH:
        agreements.write({"state": state})
    return agreements
