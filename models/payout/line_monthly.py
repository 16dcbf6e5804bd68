"""Pay line of a monthly run: its statement (per goal what was earned by
the payroll month, what was paid before and what this month pays, deducts
or keeps as a claim)."""

import datetime as dt

from odoo import models
from odoo.tools.misc import format_date


class HrPerformancePayLine(models.Model):
    _inherit = "hr.performance.pay.line"

    def _get_statement_data(self):
        data = super()._get_statement_data()
        # sudo: super() checked read access; the statement shows this line only
        line = self.sudo()
        breakdown = line.breakdown or {}
        if line.line_type != "regular" or breakdown.get("model") != "monthly":
            return data
        as_of = format_date(self.env, dt.date.fromisoformat(breakdown["as_of"]))
        kinds = {
            "pay": self.env._("paid with this payroll"),
            "clawback": self.env._("deducted with this payroll"),
            "claim": self.env._("kept as a claim, not deducted"),
        }
        steps = []
        for goal in breakdown.get("goals", []):
            if goal["final"]:
                state = self.env._("final bonus")
            elif goal["assumed"]:
                state = self.env._(
                    "advance at the assumed achievement (no value known yet)"
                )
            elif float(goal["advance"]):
                state = self.env._(
                    "of which %(advance)s advance",
                    advance=self._fmt_money(float(goal["advance"])),
                )
            else:
                state = self.env._("settled report periods")
            achievement = (
                self.env._(
                    "achievement %(value)s %%",
                    value=self._fmt(float(goal["achievement"])),
                )
                if goal["achievement"]
                else ""
            )
            steps.append(
                {
                    "label": self.env._(
                        "%(goal)s: earned by %(date)s", goal=goal["name"], date=as_of
                    ),
                    "value": self._fmt_money(float(goal["earned"])),
                    "note": ", ".join(part for part in (state, achievement) if part),
                }
            )
            steps.append(
                {
                    "label": self.env._("%(goal)s: paid before", goal=goal["name"]),
                    "value": self._fmt_money(float(goal["paid_before"])),
                    "note": "",
                }
            )
            note = kinds.get(goal["kind"], "")
            if float(goal["open"]):
                note = self.env._(
                    "%(note)s; %(open)s are deducted with later payslips (at most "
                    "%(limit)s per payslip)",
                    note=note,
                    open=self._fmt_money(float(goal["open"])),
                    limit=self._fmt_money(float(breakdown.get("limit", 0))),
                )
            steps.append(
                {
                    "label": self.env._("%(goal)s: this month", goal=goal["name"]),
                    "value": self._fmt_money(float(goal["amount"])),
                    "note": note,
                }
            )
        data.update(steps=steps, variable=True, monthly=True)
        return data
