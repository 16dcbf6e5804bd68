"""Pay run: the set-based computation of the pay lines (results, factors, points,
distribution per group, redistribution after corrections).
"""

from decimal import Decimal

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ...engine import (
    EMPLOYED,
    EngineError,
    Section,
    employed_share,
    part_time_over_time,
    part_time_share,
    points_for,
    round_money,
    to_decimal,
)
from ...engine.advances import advance_budget, offset_advances
from ..common.engine_messages import engine_error_message
from .hr_performance_pay_run import KEPT_LINE_FIELDS, _merge_spans, _weekly_hours


class HrPerformancePayRun(models.Model):
    _inherit = "hr.performance.pay.run"

    def _do_compute(self):
        for run in self:
            # sudo: the compute step checked HR's rights; it reads all its inputs
            run.sudo()._compute_lines()

    def _compute_lines(self):
        self.ensure_one()
        all_groups = self._period_groups()
        groups = self._run_groups()
        self._check_group_overlap(groups)
        # Groups not entitled to performance pay name who is in scope but
        # gets no line; variable-pay groups are paid by target salaries and
        # curves (final runs only), the others share the budget by points.
        points_groups = groups.filtered(
            lambda g: g.entitled and g.pay_model == "points"
        )
        variable_groups = (
            groups.filtered(lambda g: g.entitled and g.pay_model == "variable")
            if self._pays_variable_groups()
            else groups.browse()
        )
        if not points_groups and not variable_groups:
            raise UserError(
                self.env._(
                    "The pay run %(name)s pays no bonus group: advance runs pay "
                    "only groups with performance points.",
                    name=self.display_name,
                )
                if self.run_type == "advance"
                else self.env._(
                    "The pay run %(name)s pays no bonus group: the period pays its "
                    "variable pay in monthly runs.",
                    name=self.display_name,
                )
            )
        sub_budgets = {}
        if points_groups:
            if self.budget_mode == "rate" and not self.base_ids:
                self._do_compute_base()
            budget = self._check_budget()
            sub_budgets = self._sub_budgets(all_groups, budget)
        scope, contracts, sections = self._scope()
        assignment = all_groups._assign(scope)
        groups = points_groups
        members = {
            employee_id: group
            for employee_id, group in assignment.items()
            if group in groups
        }
        variable_members = {
            employee_id: group
            for employee_id, group in assignment.items()
            if group in variable_groups
        }
        assumed = {}
        advances = {}
        if self.run_type == "advance":
            results, assumed, skipped = self._advance_results(members, scope)
            for employee_id in skipped:
                members.pop(employee_id)
            run_budgets = self._advance_budgets(groups, sub_budgets)
        else:
            results = self._results_for(members, scope)
            advances = self._advances_paid(members, scope)
            run_budgets = sub_budgets
        previous = {
            line.employee_id.id: line
            for line in self.env["hr.performance.pay.line"].search_fetch(
                [("run_id", "=", self.id)], KEPT_LINE_FIELDS
            )
        }
        carry_overs = self.env["hr.performance.pay.line"]._pending_carry_overs(
            self, members
        )
        carried = {}
        for source in carry_overs:
            key = source.employee_id.id
            carried[key] = round(
                carried.get(key, 0.0) + source.settlement_difference, 2
            )
        factors = self._factors(members, contracts, sections)
        line_vals = []
        for employee_id, group in members.items():
            vals = self._line_values(
                employee_id,
                group,
                results.get(employee_id),
                factors[employee_id],
                previous.get(employee_id),
                assumed=assumed.get(employee_id),
            )
            vals["carried_amount"] = carried.get(employee_id, 0.0)
            vals["amount_outside_budget"] = vals["carried_amount"]
            vals["advance_amount"] = float(advances.get(employee_id, 0))
            line_vals.append(vals)
        summary = {}
        by_group = {}
        for vals in line_vals:
            by_group.setdefault(vals["group_id"], []).append(vals)
        for group in groups:
            group_lines = by_group.get(group.id, [])
            summary[str(group.id)] = self._distribute_group(
                group, run_budgets[group.id], group_lines
            )
            summary[str(group.id)]["full_budget"] = float(sub_budgets[group.id])
        variable_vals, variable_summary = self._variable_line_values(
            variable_members, previous
        )
        line_vals += variable_vals
        summary.update(variable_summary)
        self.line_ids.unlink()
        lines = self.env["hr.performance.pay.line"]._create_computed_lines(
            self, line_vals
        )
        self._link_carry_overs(carry_overs, lines, line_vals)
        values = {
            "group_summary": summary,
            "computed_date": fields.Datetime.now(),
            # The user who pressed the button (the step runs as superuser).
            "computed_by_id": self.env.uid,
        }
        if self.state == "draft":
            values["state"] = "computed"
        self._workflow_write("compute", values)

    def _pays_variable_groups(self):
        """Whether this run pays the variable-pay groups (final runs)."""
        return self.run_type == "final"

    def _variable_line_values(self, members, previous):
        """Line values and group summaries of variable-pay members (the
        variable area computes them)."""
        if members:
            raise UserError(
                self.env._("Variable pay cannot be computed without its rules.")
            )
        return [], {}

    # ------------------------------------------------------------------
    # Advance runs and the offset of advances
    # ------------------------------------------------------------------
    def _advance_missing_keys(self, members, results):
        """Employees of ``members`` without a usable provisional result."""
        return [
            employee_id
            for employee_id in members
            if employee_id not in results
            or (
                results[employee_id].state != "final"
                and not results[employee_id].complete
            )
        ]

    def _advance_missing_names(self):
        """Names of the run's employees without a provisional result (sorted)."""
        self.ensure_one()
        groups = self._run_groups()
        scope, _contracts, _sections = self._scope()
        assignment = self._period_groups()._assign(scope)
        members = [
            eid
            for eid, group in assignment.items()
            if group in groups and group.entitled and group.pay_model == "points"
        ]
        results = self._fetch_results(members)
        return sorted(
            scope[eid]["name"] for eid in self._advance_missing_keys(members, results)
        )

    def _fetch_results(self, employee_ids):
        """{employee id: result} of the run's period (one query)."""
        found = (
            self.env["hr.performance.result"]
            # sudo: the results of the run's employees, its input
            .sudo()
            .search_fetch(
                [
                    ("period_id", "=", self.period_id.id),
                    ("employee_id", "in", list(employee_ids)),
                ],
                ["employee_id", "state", "final_result", "complete"],
            )
        )
        return {result.employee_id.id: result for result in found}

    def _advance_results(self, members, scope):
        """Provisional results of an advance run.

        Returns ``(results, assumed, skipped)``: employees without a usable
        result are skipped or get the period's assumed result.
        """
        results = self._fetch_results(members)
        missing = self._advance_missing_keys(members, results)
        period = self.period_id
        if period.pay_advance_missing == "assume":
            assumed = dict.fromkeys(missing, period.pay_advance_assumed_result)
            return results, assumed, []
        return results, {}, missing

    def _advance_budgets(self, groups, sub_budgets):
        """What this advance run may distribute per group (engine rule)."""
        period = self.period_id
        Line = self.env["hr.performance.pay.line"]
        already = {
            group.id: amount - outside
            for group, amount, outside in Line._read_group(
                [
                    ("period_id", "=", period.id),
                    ("run_id", "!=", self.id),
                    ("run_type", "=", "advance"),
                    ("run_id.state", "in", ("computed", "approved", "posted", "paid")),
                ],
                ["group_id"],
                ["amount:sum", "amount_outside_budget:sum"],
            )
        }
        budgets = {}
        for group in groups:
            try:
                budgets[group.id] = advance_budget(
                    sub_budgets[group.id],
                    to_decimal(period.pay_advance_share, "advance share"),
                    to_decimal(round(already.get(group.id, 0.0), 2), "advances"),
                )
            except EngineError as error:
                raise UserError(engine_error_message(self.env, error)) from error
        if not any(budgets.values()):
            raise UserError(
                self.env._(
                    "The advances of period %(period)s already reach the advance "
                    "share of %(share)s %% of the budget: nothing is left for "
                    "another advance run.",
                    period=period.display_name,
                    share=formatLang(self.env, period.pay_advance_share),
                )
            )
        return budgets

    def _advances_paid(self, members, scope):
        """Advances each employee received in the period (approved advance
        runs), {employee id: Decimal}; one grouped query."""
        Line = self.env["hr.performance.pay.line"]
        paid = Line._read_group(
            [
                ("period_id", "=", self.period_id.id),
                ("run_type", "=", "advance"),
                ("run_id.state", "in", ("approved", "posted", "paid")),
            ],
            ["employee_id", "group_id"],
            ["amount:sum", "amount_outside_budget:sum"],
        )
        run_groups = self._run_groups()
        advances = {}
        outside_scope = set()
        for employee, group, amount, outside in paid:
            value = round_money(to_decimal(round(amount - outside, 2), "advance"))
            if not value:
                continue
            if employee.id in members:
                advances[employee.id] = advances.get(employee.id, 0) + value
            elif group in run_groups:
                outside_scope.add(employee.name)
        if outside_scope:
            raise UserError(
                self.env._(
                    "Advances of period %(period)s were paid to employees the "
                    "final run no longer includes: %(names)s. Restore their "
                    "contract or employment section, or put them back in a bonus "
                    "group of the run.",
                    period=self.period_id.display_name,
                    names=", ".join(sorted(outside_scope)),
                )
            )
        return advances

    def _link_carry_overs(self, carry_overs, lines, line_vals):
        """Point each carried-over difference at the line that pays it.

        ``lines`` are in the order of ``line_vals``: the employee is taken
        from the values (reading it back would fetch the new lines again).
        """
        line_of = {
            vals["employee_id"]: line
            for vals, line in zip(line_vals, lines, strict=True)
        }
        by_line = {}
        for source in carry_overs:
            target = line_of.get(source.employee_id.id)
            if target:
                by_line.setdefault(target, source.browse())
                by_line[target] |= source
        for target, sources in by_line.items():
            sources.with_context(hrp_pay_internal=True, tracking_disable=True).write(
                {"carried_to_line_id": target.id}
            )

    def _results_for(self, members, scope):
        """Result per employee; raise listing who has none (or none final)."""
        found = self._fetch_results(members)
        if not self.allow_provisional:
            missing = sorted(
                scope[employee_id]["name"]
                for employee_id in members
                if employee_id not in found or found[employee_id].state != "final"
            )
            if missing:
                raise UserError(
                    self.env._(
                        "The results of period %(period)s are incomplete. No final "
                        "result for: %(names)s.",
                        period=self.period_id.display_name,
                        names=", ".join(missing),
                    )
                )
        return found

    def _factors(self, members, contracts, sections):
        """Part-time and employed share per employee (engine, no queries each)."""
        period = self.period_id
        company = self.company_id
        by_employee = {}
        for contract in contracts:
            by_employee.setdefault(contract.employee_id.id, []).append(contract)
        sections_of = {}
        for section in sections:
            sections_of.setdefault(section.employee_id.id, []).append(section)
        # sudo: working time and leave of the run's employees, its input
        employees = self.env["hr.employee"].sudo().browse(list(members))
        calendars = (
            contracts.resource_calendar_id
            | employees.resource_calendar_id
            | company.resource_calendar_id
        )
        calendars.attendance_ids.fetch(
            ["hour_from", "hour_to", "day_period", "display_type", "resource_id"]
        )
        weekly = {
            cal.id: _weekly_hours(cal.attendance_ids, cal.two_weeks_calendar)
            for cal in calendars
        }
        company_calendar = company.resource_calendar_id
        full_time = company_calendar.full_time_required_hours or weekly.get(
            company_calendar.id, 0.0
        )
        factors = {}
        for employee in employees:
            own = by_employee.get(employee.id, [])
            part_time, hours = self._part_time_over_time(
                own, employee, weekly, full_time
            )
            spans = [
                (
                    max(c.date_start, period.date_from),
                    min(c.date_end or period.date_to, period.date_to),
                )
                for c in own
            ]
            reductions = []
            for section in sections_of.get(employee.id, []):
                if section.status == EMPLOYED:
                    spans.append((section.date_from, section.date_to))
                else:
                    reductions.append(
                        (
                            max(section.date_from, period.date_from),
                            min(section.date_to, period.date_to),
                            f"{section.status}: {section.reason}",
                        )
                    )
            engine_sections = [
                Section(start, end, EMPLOYED) for start, end in _merge_spans(spans)
            ]
            share = employed_share(
                period.date_from,
                period.date_to,
                engine_sections,
                method=period.pay_prorata_method,
                month_rule=period.pay_month_rule,
                reductions=reductions,
            )
            factors[employee.id] = {
                "hours": hours,
                "full_time": full_time,
                "part_time": part_time,
                "employed": share,
            }
        return factors

    def _part_time_over_time(self, contracts, employee, weekly, full_time):
        """Part-time share and average weekly hours of the period: each
        contract's working time counts for the time it held (engine)."""
        period = self.period_id

        def hours_of(calendar):
            return weekly.get(calendar.id, full_time) if calendar else full_time

        if not full_time:
            return Decimal(1), 0.0
        if not contracts:
            hours = hours_of(employee.resource_calendar_id)
            return part_time_share(hours, full_time), hours
        segments = [
            (
                contract.date_start,
                contract.date_end or period.date_to,
                hours_of(contract.resource_calendar_id),
            )
            for contract in contracts
        ]
        share = part_time_over_time(
            period.date_from,
            period.date_to,
            segments,
            full_time,
            method=period.pay_prorata_method,
            month_rule=period.pay_month_rule,
        )
        if len({hours for _start, _end, hours in segments}) == 1:
            return share, segments[0][2]
        # Several working times: the statement shows the average hours.
        return share, round(float(share) * full_time, 2)

    def _line_values(self, employee_id, group, result, factor, previous, assumed=None):
        """Values of one line (before the distribution fills in money).

        ``assumed`` is the result an advance run assumes for an employee
        without a provisional result (None: the employee's own result).
        """
        share = factor["employed"]
        provisional = not result or result.state != "final"
        if assumed is not None:
            result, provisional = None, True
            result_value = to_decimal(assumed, "result")
        else:
            result_value = to_decimal(result.final_result if result else 0.0, "result")
        pay_factor = previous.pay_factor if previous else 1.0
        points = points_for(
            result_value,
            pay_factor=to_decimal(pay_factor, "pay factor"),
            part_time=factor["part_time"],
            employed=share.share,
        )
        vals = {
            "run_id": self.id,
            "group_id": group.id,
            "employee_id": employee_id,
            "result_id": result.id if result else False,
            "result": float(result_value),
            "provisional": provisional,
            "result_assumed": assumed is not None,
            "pay_factor": pay_factor,
            "weekly_hours": factor["hours"],
            "full_time_hours": factor["full_time"],
            "part_time_share": float(factor["part_time"]),
            "employed_share": float(share.share),
            "points_computed": float(points.points),
            "employed_detail": {
                "method": share.method,
                "month_rule": share.month_rule,
                "paid_units": share.paid_units,
                "total_units": share.total_units,
                "paid_days": share.paid_days,
                "total_days": share.total_days,
                "excluded": [
                    [str(x.date_from), str(x.date_to), x.reason] for x in share.excluded
                ],
            },
        }
        if previous:
            for name in (
                "points_corrected",
                "points_correction",
                "amount_corrected",
                "amount_correction",
                "correction_reason",
            ):
                vals[name] = previous[name]
        vals["points"] = (
            vals["points_correction"]
            if vals.get("points_corrected")
            else vals["points_computed"]
        )
        return vals

    def _distribute_group(self, group, sub_budget, line_vals):
        """Run the engine over one group's line values (filled in place)."""
        period = self.period_id
        advances = {
            str(vals["employee_id"]): to_decimal(
                round(vals.get("advance_amount") or 0.0, 2), "advance"
            )
            for vals in line_vals
            if vals.get("advance_amount")
        }
        try:
            offset = offset_advances(
                sub_budget,
                [
                    (
                        str(vals["employee_id"]),
                        to_decimal(vals["result"], "result"),
                        to_decimal(vals["points"], "points").quantize(
                            Decimal("0.0001")
                        ),
                    )
                    for vals in line_vals
                ],
                advances,
                mode=period.pay_advance_excess or "clawback",
                min_result=period.pay_min_result or None,
                max_payout=period.pay_max_payout or None,
            )
        except EngineError as error:
            raise UserError(
                self.env._(
                    "The bonus group %(group)s cannot be distributed: %(reason)s",
                    group=group.display_name,
                    reason=engine_error_message(self.env, error),
                )
            ) from error
        result = offset.distribution
        vpp = result.value_per_point_display
        for vals in line_vals:
            own = offset.line_for(str(vals["employee_id"]))
            line = own.line
            # The person's share of the whole budget over all runs; the
            # advances already paid are offset below.
            distributed = float(own.total)
            carried = vals.get("carried_amount") or 0.0
            advance = float(own.advance)
            amount = round(
                (
                    vals["amount_correction"]
                    if vals.get("amount_corrected")
                    else distributed
                )
                + carried
                - advance,
                2,
            )
            kept = float(own.kept)
            if vals.get("amount_corrected"):
                # A corrected share is offset as it is (nothing kept).
                kept = 0.0
            clawback = max(-(amount - carried), 0.0)
            vals.update(
                {
                    "eligible": line.eligible,
                    "reason": line.reason or False,
                    "value_per_point": float(vpp)
                    if not line.capped and not own.fixed
                    else 0.0,
                    "exact_amount": float(line.exact_amount),
                    "rounding_adjustment": float(line.rounding_adjustment),
                    "amount_distributed": distributed,
                    "amount": amount,
                    "advance_kept": round(kept, 2),
                    "advance_clawback": round(clawback, 2),
                }
            )
            vals.setdefault("amount_initial", distributed)
            vals["breakdown"] = {
                "result": str(line.result),
                "pay_factor": str(vals["pay_factor"]),
                "part_time_share": str(vals["part_time_share"]),
                "employed_share": str(vals["employed_share"]),
                "employed": vals.get("employed_detail"),
                "points": str(line.points),
                "points_corrected": bool(vals.get("points_corrected")),
                "eligible": line.eligible,
                "reason": line.reason,
                "capped": line.capped,
                "value_per_point": str(result.value_per_point),
                "exact_amount": str(line.exact_amount),
                "floored_amount": str(line.floored_amount),
                "rounding_adjustment": str(line.rounding_adjustment),
                "amount_distributed": str(line.amount),
                "carried_amount": f"{carried:.2f}",
                "share": str(own.share),
                "advance_amount": f"{advance:.2f}",
                "advance_kept": f"{kept:.2f}",
                "advance_clawback": f"{clawback:.2f}",
                "amount": f"{amount:.2f}",
                "amount_corrected": bool(vals.get("amount_corrected")),
            }
        return {
            "name": group.name,
            "sub_budget": float(sub_budget),
            "points": str(result.total_points),
            "value_per_point": str(result.value_per_point_display),
            "distributed": float(sum(line.total for line in offset.lines)),
            "engine_residual": float(offset.residual),
            "advanced": float(sum(line.advance for line in offset.lines)),
            "kept": float(offset.kept_total),
            "clawback": float(offset.clawback_total),
            "advance": self.run_type == "advance",
            "rounds": result.rounds,
            "capped_total": float(result.capped_total),
            "cents_handed_out": result.cents_handed_out,
        }

    def _redistribute(self, groups):
        """Recompute the distribution of ``groups`` from the stored lines."""
        self.ensure_one()
        summary = dict(self.group_summary or {})
        lines = self.line_ids.filtered(
            lambda ln: ln.group_id in groups and ln.line_type == "regular"
        )
        for group in groups:
            group_lines = lines.filtered(lambda ln, g=group: ln.group_id == g)
            if not group_lines:
                continue
            line_vals = [
                {
                    "employee_id": line.employee_id.id,
                    "result": line.result,
                    "points": line.points,
                    "pay_factor": line.pay_factor,
                    "part_time_share": line.part_time_share,
                    "employed_share": line.employed_share,
                    "employed_detail": line.employed_detail,
                    "points_corrected": line.points_corrected,
                    "amount_corrected": line.amount_corrected,
                    "amount_correction": line.amount_correction,
                    "amount_initial": line.amount_initial,
                    "carried_amount": line.carried_amount,
                    "advance_amount": line.advance_amount,
                }
                for line in group_lines
            ]
            sub_budget = to_decimal(
                summary.get(str(group.id), {}).get("sub_budget", 0.0), "sub-budget"
            )
            full = summary.get(str(group.id), {}).get("full_budget")
            summary[str(group.id)] = self._distribute_group(
                group, round_money(sub_budget), line_vals
            )
            if full is not None:
                summary[str(group.id)]["full_budget"] = full
            keep = {
                "employee_id",
                "employed_detail",
                "pay_factor",
                "result",
                "carried_amount",
                "advance_amount",
            }
            for line, vals in zip(group_lines, line_vals, strict=True):
                line.with_context(tracking_disable=True, hrp_pay_internal=True).write(
                    {k: v for k, v in vals.items() if k not in keep}
                )
        self._workflow_write("compute", {"group_summary": summary})
