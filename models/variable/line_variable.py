"""Pay line of variable pay: its statement (every figure explained) and the
corrections it allows."""

import datetime as dt

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from .hr_performance_curve_template import rating_levels


class HrPerformancePayLine(models.Model):
    _inherit = "hr.performance.pay.line"

    variable_statement_html = fields.Html(
        "Statement", compute="_compute_variable_statement_html", sanitize=False
    )

    def _compute_variable_statement_html(self):
        for line in self:
            if line.pay_model != "variable" or not line.id:
                line.variable_statement_html = False
                continue
            steps = line._get_statement_data()["steps"]
            rows = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td class='text-end text-nowrap'>%s</td>"
                    "<td>%s</td></tr>"
                )
                % (step["label"], step["value"], step["note"])
                for step in steps
            )
            line.variable_statement_html = (
                Markup(
                    "<table class='table table-sm o_hrp_variable_statement'>"
                    "<thead><tr><th>%s</th><th class='text-end'>%s</th><th>%s</th>"
                    "</tr></thead><tbody>"
                )
                % (self.env._("Step"), self.env._("Value"), self.env._("Explanation"))
                + rows
                + Markup("</tbody></table>")
            )

    def _apply_correction(self, kind, value, reason):
        if self.pay_model == "variable" and kind != "amount":
            raise UserError(
                self.env._(
                    "The variable pay of %(employee)s comes from target salary and "
                    "bonus curves: correct its amount, not points or results.",
                    employee=self.employee_id.name,
                )
            )
        return super()._apply_correction(kind, value, reason)

    def _date(self, text):
        return format_date(self.env, dt.date.fromisoformat(text)) if text else ""

    def _pct(self, value):
        return self.env._("%(value)s %%", value=self._fmt(float(value or 0)))

    def _get_statement_data(self):
        data = super()._get_statement_data()
        # sudo: super() checked read access; the statement shows this line only
        line = self.sudo()
        breakdown = line.breakdown or {}
        if line.line_type != "regular" or breakdown.get("model") != "variable":
            return data
        steps = []
        for contract in breakdown.get("contracts", []):
            steps.append(
                {
                    "label": self.env._(
                        "Annual target salary from %(date)s",
                        date=self._date(contract["date_from"]),
                    ),
                    "value": self._fmt_money(float(contract["target"])),
                    "note": self.env._(
                        "%(contract)s: variable part %(variable)s, fixed part "
                        "%(fixed)s%(until)s",
                        contract=contract["name"],
                        variable=self._fmt_money(float(contract["variable"])),
                        fixed=self._fmt_money(
                            float(contract["target"]) - float(contract["variable"])
                        ),
                        until=self.env._(
                            ", until %(date)s", date=self._date(contract["date_to"])
                        )
                        if contract["date_to"]
                        else "",
                    ),
                }
            )
        levels = dict(rating_levels(self.env))
        for goal in breakdown.get("goals", []):
            steps += self._statement_variable_goal(goal, levels)
        if line.amount_corrected:
            steps.append(
                {
                    "label": self.env._("Corrected amount"),
                    "value": self._fmt_money(line.amount_correction),
                    "note": line.correction_reason or "",
                }
            )
        data.update(steps=steps, variable=True)
        return data

    def _statement_variable_goal(self, goal, levels):
        parts = " + ".join(
            self.env._(
                "%(base)s × %(days)s/%(year)s days",
                base=self._fmt_money(float(part["annual_base"])),
                days=part["paid_days"],
                year=part["days_in_year"],
            )
            for part in goal["parts"]
        ) or self.env._("no paid day")
        if goal["kind"] == "variable":
            base_note = self.env._(
                "weight %(weight)s × variable salary for the goal's time (%(parts)s)",
                weight=self._pct(goal["weight"]),
                parts=parts,
            )
        elif goal["kind"] == "bonus_relative":
            base_note = self.env._(
                "%(percent)s of the target salary for the goal's time (%(parts)s)",
                percent=self._pct(goal["percent"]),
                parts=parts,
            )
        else:
            base_note = self.env._(
                "%(amount)s × %(paid)s/%(days)s days of the goal period",
                amount=self._fmt_money(float(goal["bonus_amount"])),
                paid=goal["paid_days"],
                days=goal["days"],
            )
        reductions = []
        if goal["unpaid_days"]:
            reductions.append(
                self.env._(
                    "%(days)s days of unpaid leave do not count",
                    days=goal["unpaid_days"],
                )
            )
        if goal["not_employed_days"]:
            reductions.append(
                self.env._(
                    "%(days)s days not employed do not count",
                    days=goal["not_employed_days"],
                )
            )
        if goal["mode"] == "manual":
            achievement_note = self.env._("entered in the rating")
        else:
            achievement_note = self.env._(
                "actual value %(actual)s / target value %(target)s %(unit)s",
                actual=self._fmt(float(goal["actual"]), 4).rstrip("0").rstrip(",."),
                target=self._fmt(float(goal["target"]), 4).rstrip("0").rstrip(",."),
                unit=goal["unit"],
            )
        # The names in the reader's language (stored in the computing
        # user's): the remuneration kind and the curve template.
        kinds = dict(
            self.env["hr.goal"]._fields["pay_kind"]._description_selection(self.env)
        )
        kind_label = kinds.get(goal["kind"], goal.get("kind_label", ""))
        template = self.env["hr.performance.curve.template"].browse(
            goal.get("curve_id") or []
        )
        # sudo: the curve template's name, configuration every reader may see
        curve_name = template.sudo().exists().name or goal["curve"]
        curve_note = curve_name
        if goal["curve_kind"] in ("positive", "negative"):
            curve_note = self.env._(
                "%(curve)s: lower point %(la)s → %(lr)s, upper point %(ua)s → %(ur)s",
                curve=curve_name,
                la=self._pct(goal["lower"][0]),
                lr=self._pct(goal["lower"][1]),
                ua=self._pct(goal["upper"][0]),
                ur=self._pct(goal["upper"][1]),
            )
        return [
            {
                "label": self.env._("Goal: %(name)s", name=goal["name"]),
                "value": "",
                "note": self.env._(
                    "%(kind)s, goal period %(start)s – %(end)s",
                    kind=kind_label,
                    start=self._date(goal["date_from"]),
                    end=self._date(goal["date_to"]),
                ),
            },
            {
                "label": self.env._("Bonus at 100 %"),
                "value": self._fmt_money(float(goal["bonus_at_100"])),
                "note": "; ".join([base_note, *reductions]),
            },
            {
                "label": self.env._("Achievement"),
                "value": self._pct(goal["achievement"]),
                "note": achievement_note,
            },
            {
                "label": self.env._("Payout rate"),
                "value": self._pct(goal["rate"]),
                "note": self.env._(
                    "%(curve)s; rating level: %(level)s",
                    curve=curve_note,
                    level=levels.get(goal["level"], ""),
                ),
            },
            {
                "label": self.env._("Payout of the goal"),
                "value": self._fmt_money(float(goal["payout"])),
                "note": self.env._(
                    "%(rate)s × %(bonus)s",
                    rate=self._pct(goal["rate"]),
                    bonus=self._fmt_money(float(goal["bonus_at_100"])),
                ),
            },
        ]
