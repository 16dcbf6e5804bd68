"""The remuneration basis of variable pay, read set-based for many employees.

Contracts give the dated remuneration sections (annual target and variable
salary); approved time off of an unpaid type and the addon's unpaid-leave
employment sections are unpaid spans; its not-employed sections cut the
contracts. Three queries for any number of employees.
"""

import datetime as dt

from ...engine import to_decimal
from ...engine.variable import Remuneration

CONTRACT_STATES = ("open", "close")
_ONE_DAY = dt.timedelta(days=1)


def _cut(spans, cut_from, cut_to):
    result = []
    for lo, hi in spans:
        if cut_to < lo or cut_from > hi:
            result.append((lo, hi))
            continue
        if lo < cut_from:
            result.append((lo, cut_from - _ONE_DAY))
        if hi > cut_to:
            result.append((cut_to + _ONE_DAY, hi))
    return result


def remuneration_basis(env, employee_ids, date_from, date_to):
    """{employee id: {"sections": [Remuneration], "unpaid": [(from, to)],
    "contracts": {key: name}}} for the days ``date_from..date_to``.

    ``env`` must be a superuser environment: contracts and time off are HR
    data the callers (pay run, forecast of readable goals) may use.
    """
    assert env.su, "the remuneration basis is read as superuser"
    employee_ids = list(employee_ids)
    basis = {
        eid: {"sections": [], "unpaid": [], "contracts": {}} for eid in employee_ids
    }
    if not employee_ids:
        return basis
    contracts = env["hr.contract"].search_fetch(
        [
            ("employee_id", "in", employee_ids),
            ("state", "in", CONTRACT_STATES),
            ("date_start", "<=", date_to),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", date_from),
        ],
        [
            "name",
            "employee_id",
            "date_start",
            "date_end",
            "hrp_target_salary",
            "hrp_variable_mode",
            "hrp_variable_percent",
            "hrp_variable_amount",
        ],
        order="date_start, id",
    )
    sections = env["hr.performance.employment.section"].search_fetch(
        [
            ("employee_id", "in", employee_ids),
            ("status", "in", ("not_employed", "unpaid_leave")),
            ("date_from", "<=", date_to),
            ("date_to", ">=", date_from),
        ],
        ["employee_id", "status", "date_from", "date_to"],
    )
    leaves = env["hr.leave"].search_fetch(
        [
            ("employee_id", "in", employee_ids),
            ("state", "=", "validate"),
            ("holiday_status_id.hrp_unpaid", "=", True),
            ("request_date_from", "<=", date_to),
            ("request_date_to", ">=", date_from),
        ],
        ["employee_id", "request_date_from", "request_date_to"],
    )
    not_employed = {}
    for section in sections:
        if section.status == "not_employed":
            not_employed.setdefault(section.employee_id.id, []).append(
                (section.date_from, section.date_to)
            )
        else:
            basis[section.employee_id.id]["unpaid"].append(
                (section.date_from, section.date_to)
            )
    for leave in leaves:
        basis[leave.employee_id.id]["unpaid"].append(
            (leave.request_date_from, leave.request_date_to)
        )
    for contract in contracts:
        employee_id = contract.employee_id.id
        variable, _fixed = contract._hrp_split()
        target = to_decimal(round(contract.hrp_target_salary, 2), "target salary")
        spans = [(contract.date_start, contract.date_end or dt.date.max)]
        for cut_from, cut_to in not_employed.get(employee_id, ()):
            spans = _cut(spans, cut_from, cut_to)
        key = str(contract.id)
        basis[employee_id]["contracts"][key] = contract.name
        for lo, hi in spans:
            basis[employee_id]["sections"].append(
                Remuneration(
                    key,
                    lo,
                    None if hi == dt.date.max else hi,
                    target,
                    variable,
                )
            )
    return basis
