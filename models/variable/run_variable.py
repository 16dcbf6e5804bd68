"""Pay run: the variable pay of members of variable-pay bonus groups
(target salary, goal weights, bonus curves), set-based."""

from decimal import Decimal

from odoo import models
from odoo.exceptions import UserError

from ...engine import EngineError
from .basis import remuneration_basis
from .hr_goal import PAY_INPUT_FIELDS, PAY_KINDS
from .hr_performance_curve_template import curve_error_text

#: Agreement states whose achievements are final for the pay run.
RATED_STATES = ("rated", "closed")
GOAL_FIELDS = ["agreement_id", "name", "unit", *PAY_INPUT_FIELDS]


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    def _variable_line_values(self, members, previous):
        """Line values and group summaries of the variable-pay members.

        Four queries for any number of members: agreements, goals, and the
        remuneration basis (contracts, employment sections, time off).
        """
        if not members:
            return [], {}
        self.ensure_one()
        period = self.period_id
        agreements = self.env["hr.goal.agreement"].search_fetch(
            [
                ("period_id", "=", period.id),
                ("employee_id", "in", list(members)),
                ("pay_model", "=", "variable"),
                ("state", "!=", "cancelled"),
            ],
            ["employee_id", "state", "result_total", "name"],
        )
        by_employee = {a.employee_id.id: a for a in agreements}
        employees = self.env["hr.employee"].browse(list(members))
        employees.fetch(["name"])
        missing = [e.name for e in employees if e.id not in by_employee]
        if missing:
            raise UserError(
                self.env._(
                    "The variable pay of %(names)s cannot be computed: they have "
                    "no goal agreement with variable pay in the period %(period)s.",
                    names=", ".join(sorted(missing)),
                    period=period.display_name,
                )
            )
        unrated = [
            a.employee_id.name for a in agreements if a.state not in RATED_STATES
        ]
        if unrated:
            raise UserError(
                self.env._(
                    "The variable pay of %(names)s cannot be computed yet: their "
                    "goal agreements are not rated.",
                    names=", ".join(sorted(unrated)),
                )
            )
        goals = self.env["hr.goal"].search_fetch(
            [("agreement_id", "in", agreements.ids)], GOAL_FIELDS
        )
        basis = remuneration_basis(
            # sudo: the compute step (checked) reads the members' contracts
            self.env(su=True),
            list(members),
            period.date_from,
            period.date_to,
        )
        kinds = dict(PAY_KINDS)
        inputs = goals._achievement_inputs(final=True)
        goals_by_agreement = {}
        for goal in goals:
            goals_by_agreement.setdefault(goal.agreement_id.id, []).append(goal)
        line_vals = []
        summary = {}
        for employee_id, group in members.items():
            agreement = by_employee[employee_id]
            rows = []
            total = Decimal(0)
            for goal in goals_by_agreement.get(agreement.id, []):
                try:
                    achieved = goal._engine_achievement(inputs)
                    result = goal._engine_pay(basis, achieved)
                except EngineError as error:
                    raise UserError(
                        self.env._(
                            "The variable pay of the goal %(goal)s of "
                            "%(employee)s cannot be computed: %(reason)s",
                            goal=goal.name,
                            employee=agreement.employee_id.name,
                            reason=self._variable_reason(error, basis[employee_id]),
                        )
                    ) from error
                total += result.payout
                rows.append(self._variable_goal_row(goal, result, kinds))
            amount = float(total)
            own_previous = previous.get(employee_id)
            vals = self._variable_line_base(employee_id, group, amount)
            vals["result"] = agreement.result_total
            if own_previous and own_previous.amount_corrected:
                vals.update(
                    amount_corrected=True,
                    amount_correction=own_previous.amount_correction,
                    correction_reason=own_previous.correction_reason,
                    amount=own_previous.amount_correction,
                )
            vals["breakdown"] = {
                "model": "variable",
                "contracts": [
                    {
                        "name": basis[employee_id]["contracts"].get(s.key, ""),
                        "date_from": str(s.date_from),
                        "date_to": str(s.date_to) if s.date_to else "",
                        "target": str(s.annual_target),
                        "variable": str(s.annual_variable),
                    }
                    for s in basis[employee_id]["sections"]
                ],
                "goals": rows,
                "total": f"{total:.2f}",
                "amount": f"{vals['amount']:.2f}",
                "amount_corrected": bool(vals.get("amount_corrected")),
            }
            line_vals.append(vals)
            self._variable_summary_add(summary, group, vals["amount"])
        return line_vals, summary

    def _variable_line_base(self, employee_id, group, amount):
        """The values of a variable-pay line paying ``amount`` (no points,
        no factors: the amount is computed, not distributed)."""
        return {
            "run_id": self.id,
            "employee_id": employee_id,
            "group_id": group.id,
            "pay_model": "variable",
            "result": 0.0,
            "provisional": False,
            "pay_factor": 1.0,
            "part_time_share": 1.0,
            "employed_share": 1.0,
            "points_computed": 0.0,
            "points": 0.0,
            "eligible": True,
            "exact_amount": amount,
            "amount_distributed": amount,
            "amount_initial": amount,
            "amount": amount,
        }

    @staticmethod
    def _variable_summary_add(summary, group, amount):
        """Add a line's ``amount`` to its variable group's summary."""
        entry = summary.setdefault(
            str(group.id),
            {
                "name": group.name,
                "variable": True,
                "sub_budget": 0.0,
                "points": "0",
                "value_per_point": "0",
                "distributed": 0.0,
                "employees": 0,
            },
        )
        entry["distributed"] = round(entry["distributed"] + amount, 2)
        entry["employees"] += 1

    def _variable_goal_row(self, goal, result, kinds):
        template = goal.curve_template_id
        return {
            "goal_id": goal.id,
            "name": goal.name,
            "kind": goal.pay_kind,
            "kind_label": kinds.get(goal.pay_kind, ""),
            "weight": str(goal.weight),
            "percent": str(goal.bonus_percent),
            "bonus_amount": f"{goal.bonus_amount:.2f}",
            "date_from": str(goal.goal_date_from),
            "date_to": str(goal.goal_date_to),
            "days": result.days,
            "paid_days": result.paid_days,
            "unpaid_days": result.unpaid_days,
            "not_employed_days": result.not_employed_days,
            "parts": [
                {
                    "date_from": str(part.date_from),
                    "date_to": str(part.date_to),
                    "paid_days": part.paid_days,
                    "days_in_year": part.days_in_year,
                    "annual_base": str(part.annual_base),
                }
                for part in result.parts
            ],
            "base_for_time": str(result.base_for_time),
            "bonus_at_100": f"{result.bonus_at_100:.2f}",
            "mode": goal.achievement_mode,
            "actual": str(goal.actual_value),
            "target": str(goal.target_value),
            "unit": goal.unit or "",
            "achievement": str(result.achievement),
            "curve": template.name or "",
            "curve_id": template.id,
            "curve_kind": template.kind or "",
            "lower": [str(goal.curve_lower_achievement), str(goal.curve_lower_rate)],
            "upper": [str(goal.curve_upper_achievement), str(goal.curve_upper_rate)],
            "rate": str(result.rate),
            "level": result.level or "",
            "payout": f"{result.payout:.2f}",
        }

    def _variable_reason(self, error, own_basis):
        code = getattr(error, "code", "")
        if code == "overlap":
            names = own_basis["contracts"]
            return self.env._(
                "the contracts %(first)s and %(second)s overlap.",
                first=names.get(error.item, error.item),
                second=names.get(error.other, error.other),
            )
        if code == "zero_target":
            return self.env._("the target value must be greater than 0.")
        return curve_error_text(self.env, error)

    def _redistribute(self, groups):
        """Variable-pay groups are not distributed: a corrected line pays the
        corrected amount, otherwise its computed amount."""
        variable = groups.filtered(lambda g: g.pay_model == "variable")
        if groups - variable:
            super()._redistribute(groups - variable)
        if not variable:
            return
        summary = dict(self.group_summary or {})
        lines = self.line_ids.filtered(
            lambda ln: ln.group_id in variable and ln.line_type == "regular"
        )
        for line in lines:
            amount = (
                line.amount_correction
                if line.amount_corrected
                else (line.amount_initial)
            )
            line.with_context(tracking_disable=True, hrp_pay_internal=True).write(
                {"amount": amount}
            )
        for group in variable:
            entry = dict(summary.get(str(group.id), {}))
            own = lines.filtered(lambda ln, g=group: ln.group_id == g)
            entry["distributed"] = round(sum(own.mapped("amount")), 2)
            summary[str(group.id)] = entry
        self._workflow_write("compute", {"group_summary": summary})
