"""Pay line: the statement (Abrechnungserläuterung) printed and shown in the portal."""

from odoo import models
from odoo.tools.misc import format_date, formatLang

from .hr_performance_pay_line import OFFICER_GROUP


class HrPerformancePayLine(models.Model):
    _inherit = "hr.performance.pay.line"

    def _fmt(self, value, digits=2):
        return formatLang(self.env, value or 0.0, digits=digits)

    def _fmt_money(self, value):
        return formatLang(self.env, value or 0.0, currency_obj=self.currency_id)

    def action_print_statement(self):
        """Print the statement of these lines (access is checked on render)."""
        self.check_access("read")
        return self.env.ref(
            "hr_performance.hr_performance_pay_line_report_statement"
        ).report_action(self)

    def _statement_result_note(self):
        if self.result_assumed:
            return self.env._(
                "assumed: no provisional result yet when the advance was computed"
            )
        if self.provisional:
            return self.env._("provisional, not final yet")
        return ""

    def _statement_advance_steps(self):
        """Statement rows of an advance, or of the offset of advances (sudo)."""
        if self.run_type == "advance":
            # sudo: the period's advance setting explains this line
            period = self.period_id.sudo()
            return [
                {
                    "label": self.env._("Advance (Abschlag)"),
                    "value": self._fmt_money(self.amount),
                    "note": self.env._(
                        "Part of at most %(share)s %% of the budget, paid on the "
                        "provisional result; the final run of the period "
                        "distributes the whole budget on the final result and "
                        "offsets this advance.",
                        share=self._fmt(period.pay_advance_share),
                    ),
                }
            ]
        if not self.advance_amount:
            return []
        steps = [
            {
                "label": self.env._("Advances already paid"),
                "value": self._fmt_money(-self.advance_amount),
                "note": self.env._("offset against the final share"),
            }
        ]
        if self.advance_kept:
            steps.append(
                {
                    "label": self.env._("Advance above the final share, kept"),
                    "value": self._fmt_money(self.advance_kept),
                    "note": self.env._(
                        "The advances exceed the final share; by the period's "
                        "rule they are not paid back, and the rest of the bonus "
                        "group shares what remains of the budget."
                    ),
                }
            )
        if self.advance_clawback:
            steps.append(
                {
                    "label": self.env._("Advance above the final share, deducted"),
                    "value": self._fmt_money(-self.advance_clawback),
                    "note": self.env._(
                        "The advances exceed the final share; by the period's "
                        "rule the difference is deducted with this payout."
                    ),
                }
            )
        return steps

    def _statement_settlement_steps(self):
        """Statement rows of a settled provisional line (sudo record)."""
        if not self.settled:
            return []
        mode = dict(
            self._fields["settlement_mode"]._description_selection(self.env)
        ).get(self.settlement_mode, "")
        steps = [
            {
                "label": self.env._("Final result (settlement)"),
                "value": self._fmt(self.settlement_result),
                "note": self.env._(
                    "settled on %(date)s",
                    date=format_date(self.env, self.settled_date),
                ),
            },
            {
                "label": self.env._("Points with the final result"),
                "value": self._fmt(self.settlement_points, 4),
                "note": "",
            },
            {
                "label": self.env._("Payout before the settlement"),
                "value": self._fmt_money(self.settlement_amount_before),
                "note": "",
            },
            {
                "label": self.env._("Payout with the final result"),
                "value": self._fmt_money(self.settlement_amount_after),
                "note": "",
            },
            {
                "label": self.env._("Settlement difference"),
                "value": self._fmt_money(self.settlement_difference),
                "note": " – ".join(filter(None, [mode, self.settlement_reason])),
            },
        ]
        if self.settlement_mode == "next_run":
            steps.append(
                {
                    "label": self.env._("Difference paid with"),
                    "value": "",
                    "note": self.carried_to_line_id.run_id.display_name
                    or self.env._("the next pay run (pending)"),
                }
            )
        return steps

    def _get_difference_statement_steps(self):
        """Statement rows of a settlement difference line (sudo record)."""
        source = self.settles_line_id
        return [
            {
                "label": self.env._("Provisional result"),
                "value": self._fmt(source.result),
                "note": "",
            },
            {
                "label": self.env._("Final result"),
                "value": self._fmt(self.result),
                "note": "",
            },
            {
                "label": self.env._("Points with the final result"),
                "value": self._fmt(self.points, 4),
                "note": "",
            },
            {
                "label": self.env._("Value per point of the bonus group"),
                "value": self._fmt(self.value_per_point, 6),
                "note": self.group_id.name,
            },
            {
                "label": self.env._("Payout before the settlement"),
                "value": self._fmt_money(self.settlement_amount_before),
                "note": "",
            },
            {
                "label": self.env._("Payout with the final result"),
                "value": self._fmt_money(self.settlement_amount_after),
                "note": "",
            },
            {
                "label": self.env._("Settlement difference"),
                "value": self._fmt_money(self.settlement_difference),
                "note": self.settlement_reason or "",
            },
        ]

    def _get_statement_data(self):
        """Everything the statement shows, step by step, for one line.

        Read access is checked first; the employee and run details are then
        read with sudo (plain users cannot read ``hr.employee``).
        """
        self.ensure_one()
        self.check_access("read")
        # sudo: after check_access above; the statement shows this line only
        line = self.sudo()
        run = line.run_id
        employee = line.employee_id
        detail = line.employed_detail or {}
        breakdown = line.breakdown or {}
        header = {
            "employee": employee.name,
            "personnel_number": (
                employee.identification_id or ""
                if line.employee_user_id == self.env.user
                or self.env.user.has_group(OFFICER_GROUP)
                else ""
            ),
            "department": employee.department_id.name or "",
            "job": employee.job_title or "",
            "period": run.period_id.display_name,
            "run": run.display_name,
            "group": line.group_id.name,
            "payout_date": run.payout_date,
            "provisional": line.provisional,
            "advance": line.run_type == "advance",
            "difference": line.line_type == "difference",
            "amount": self._fmt_money(line.amount),
        }
        if line.line_type == "difference":
            return dict(header, steps=line._get_difference_statement_steps())
        steps = [
            {
                "label": self.env._("Performance result"),
                "value": self._fmt(line.result),
                "note": line._statement_result_note(),
            },
            {
                "label": self.env._("Individual pay factor"),
                "value": self._fmt(line.pay_factor, 4),
                "note": "",
            },
            {
                "label": self.env._("Part-time share"),
                "value": self._fmt(line.part_time_share, 4),
                "note": self.env._(
                    "%(hours)s of %(full)s weekly hours",
                    hours=self._fmt(line.weekly_hours),
                    full=self._fmt(line.full_time_hours),
                ),
            },
            {
                "label": self.env._("Share of the period employed and paid"),
                "value": self._fmt(line.employed_share, 4),
                "note": self.env._(
                    "%(paid)s of %(total)s %(unit)s",
                    paid=detail.get("paid_units", ""),
                    total=detail.get("total_units", ""),
                    unit=self.env._("months")
                    if detail.get("method") == "months"
                    else self.env._("days"),
                )
                if detail
                else "",
            },
            {
                "label": self.env._("Points (result x factor x shares)"),
                "value": self._fmt(line.points_computed, 4),
                "note": "",
            },
        ]
        if line.points_corrected:
            steps.append(
                {
                    "label": self.env._("Corrected points"),
                    "value": self._fmt(line.points, 4),
                    "note": line.correction_reason or "",
                }
            )
        if not line.eligible:
            steps.append(
                {
                    "label": self.env._("No performance pay"),
                    "value": "",
                    "note": dict(
                        self._fields["reason"]._description_selection(self.env)
                    ).get(line.reason, ""),
                }
            )
        group = (run.group_summary or {}).get(str(line.group_id.id), {})
        steps += [
            {
                "label": self.env._("Value per point of the bonus group"),
                "value": self._fmt(line.value_per_point, 6),
                "note": self.env._(
                    "%(group)s: sub-budget %(budget)s / %(points)s points",
                    group=line.group_id.name,
                    budget=self._fmt_money(group.get("sub_budget", 0.0)),
                    points=self._fmt(float(group.get("points") or 0), 4),
                ),
            },
            {
                "label": self.env._("Exact amount (points x value per point)"),
                "value": self._fmt(line.exact_amount, 6),
                "note": self.env._("capped at the maximum payout")
                if breakdown.get("capped")
                else "",
            },
            {
                "label": self.env._("Rounding cent from the distribution"),
                "value": self._fmt_money(line.rounding_adjustment),
                "note": self.env._(
                    "Amounts are rounded down to the cent; the remaining cents go "
                    "to the largest remainders."
                ),
            },
            {
                "label": self.env._("Distributed amount"),
                "value": self._fmt_money(line.amount_distributed),
                "note": "",
            },
        ]
        if line.amount_corrected:
            steps.append(
                {
                    "label": self.env._("Corrected amount"),
                    "value": self._fmt_money(line.amount_correction),
                    "note": line.correction_reason or "",
                }
            )
        steps += line._statement_advance_steps()
        steps += line._statement_settlement_steps()
        for source in line.carried_from_line_ids:
            steps.append(
                {
                    "label": self.env._(
                        "Difference carried over from %(run)s",
                        run=source.run_id.display_name,
                    ),
                    "value": self._fmt_money(source.settlement_difference),
                    "note": source.settlement_reason or "",
                }
            )
        return dict(header, steps=steps)
