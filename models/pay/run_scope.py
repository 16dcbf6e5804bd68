"""Pay run: who is in scope (contracts, employment sections) and which bonus groups it
pays.
"""

from odoo import models
from odoo.exceptions import UserError

from ...engine import EMPLOYED
from .hr_performance_pay_run import (
    CONTRACT_STATES,
    SCOPE_CONTRACT_FIELDS,
    SCOPE_EMPLOYEE_FIELDS,
)


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    def _period_groups(self):
        self.ensure_one()
        # sudo: the period's bonus groups are the run's configuration
        groups = self.period_id.sudo().bonus_group_ids
        if not groups:
            raise UserError(
                self.env._(
                    "Define at least one bonus group for the period %(period)s.",
                    period=self.period_id.display_name,
                )
            )
        return groups

    def _run_groups(self):
        self.ensure_one()
        # sudo: the run's bonus groups are its configuration
        return self.group_ids.sudo() or self._period_groups()

    def _scope(self, date_from=None, date_to=None):
        """Employees in scope of the period with the data the run needs.

        Returns ``(scope, contracts, sections)``: scope maps employee id ->
        dict(employee_id, name, department_id, job_id, wage, user_id);
        contracts and sections are sudo recordsets overlapping the dates.
        Three searches and batched reads, nothing per employee.
        """
        self.ensure_one()
        period = self.period_id
        date_from = date_from or period.date_from
        date_to = date_to or period.date_to
        company = self.company_id
        # search_fetch/fetch read each model in ONE query: reading a field
        # lazily on more than 1,000 records prefetches in chunks of 1,000,
        # which makes the number of queries grow with the employees.
        contracts = (
            self.env["hr.contract"]
            # sudo: contracts decide who is in scope; HR users may not read them
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", CONTRACT_STATES),
                    ("date_start", "<=", date_to),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date_from),
                ],
                SCOPE_CONTRACT_FIELDS,
                order="date_start, id",
            )
        )
        sections = (
            self.env["hr.performance.employment.section"]
            # sudo: employment sections decide the employed share; HR data
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("date_from", "<=", date_to),
                    ("date_to", ">=", date_from),
                ],
                ["employee_id", "status", "date_from", "date_to", "reason"],
            )
        )
        employees = (
            contracts.employee_id
            | sections.filtered(lambda s: s.status == EMPLOYED).employee_id
        )
        employees.fetch(SCOPE_EMPLOYEE_FIELDS)
        employees = employees.filtered(lambda e: e.active and e.company_id == company)
        latest = {}
        for contract in contracts:
            latest[contract.employee_id.id] = contract
        scope = {}
        for employee in employees:
            contract = latest.get(employee.id)
            scope[employee.id] = {
                "employee_id": employee.id,
                "name": employee.name,
                "department_id": employee.department_id.id,
                "job_id": employee.job_id.id,
                "wage": contract.wage if contract else 0.0,
            }
        return scope, contracts, sections

    def _check_group_overlap(self, groups):
        """One final run per bonus group; advance runs only before it.

        An advance run is refused once a final run pays one of its groups;
        a final run is refused while an advance run of its groups is not
        approved yet (its money would be missed by the offset).
        """
        self.ensure_one()
        # sudo: an overlap check compares the groups of all runs; no data shown
        others = self.sudo().search(
            [
                ("period_id", "=", self.period_id.id),
                ("state", "!=", "cancelled"),
                ("id", "!=", self.id),
                # monthly runs pay variable pay on their own ledger
                ("run_type", "!=", "monthly"),
            ]
        )
        for other in others:
            common = (other.group_ids or other._period_groups()) & groups
            if not common:
                continue
            if other.run_type == "final":
                message = (
                    self.env._(
                        "The final run %(run)s already pays the bonus group "
                        "%(group)s: no more advances are paid for it.",
                        run=other.display_name,
                        group=common[0].display_name,
                    )
                    if self.run_type == "advance"
                    else self.env._(
                        "The bonus group %(group)s is already paid by the pay run "
                        "%(run)s.",
                        group=common[0].display_name,
                        run=other.display_name,
                    )
                )
                raise UserError(message)
            if self.run_type == "final" and other.state in ("draft", "computed"):
                raise UserError(
                    self.env._(
                        "The advance run %(run)s of the bonus group %(group)s is "
                        "not approved yet: approve or cancel it before computing "
                        "the final run.",
                        run=other.display_name,
                        group=common[0].display_name,
                    )
                )
