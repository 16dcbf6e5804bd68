"""Pay line: settlement of a provisional line with the final result, and the carry-over
of differences to a later run.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...engine import EngineError
from ...engine.settlement import settle
from ..common.engine_messages import engine_error_message
from .hr_performance_pay_line import SETTLE_STATES


class HrPerformancePayLine(models.Model):
    _inherit = "hr.performance.pay.line"

    def _cannot_settle_reason(self, context=None):
        if self.run_type == "advance":
            return self.env._(
                "The pay line of %(employee)s is an advance: the final run of "
                "%(period)s offsets it, it is not settled on its own.",
                employee=self.employee_id.name,
                period=self.period_id.display_name,
            )
        if not self._final_result():
            return self.env._(
                "%(employee)s has no final result for %(period)s yet: the line "
                "can be settled once the result is final.",
                employee=self.employee_id.name,
                period=self.period_id.display_name,
            )
        return None

    def _final_result(self):
        """The employee's final result of the line's period (sudo), if any."""
        self.ensure_one()
        # sudo: the employee's final result, the basis of this line
        result = self.result_id.sudo()
        if not result:
            result = (
                self.env["hr.performance.result"]
                # sudo: the employee's final result, the basis of this line
                .sudo()
                .search(
                    [
                        ("period_id", "=", self.period_id.id),
                        ("employee_id", "=", self.employee_id.id),
                    ],
                    limit=1,
                )
            )
        return result if result.state == "final" else result.browse()

    def _settlement_preview(self):
        """Old and new payout of this provisional line with the final result.

        The points follow from the final result with the line's factors;
        the amount uses the value per point of the line's run (no new
        distribution: the difference lies outside the run's budget).
        """
        self.ensure_one()
        result = self._final_result()
        # sudo: the period's limits and the run's value per point are the
        # basis of this line's payout, which the reader may read.
        period = self.period_id.sudo()
        summary = (self.run_id.sudo().group_summary or {}).get(
            str(self.group_id.id), {}
        )
        try:
            settlement = settle(
                result.final_result if result else 0.0,
                pay_factor=self.pay_factor,
                part_time=self.part_time_share,
                employed=self.employed_share,
                value_per_point=(self.breakdown or {}).get("value_per_point")
                or summary.get("value_per_point")
                or 0,
                # The share of the budget: advances offset by this line count.
                paid_before=self.amount - self.carried_amount + self.advance_amount,
                min_result=period.pay_min_result,
                max_payout=period.pay_max_payout,
            )
        except EngineError as error:
            raise UserError(engine_error_message(self.env, error)) from error
        return {
            "result": result,
            "final_result": float(settlement.final_result),
            "points": float(settlement.points),
            "value_per_point": float(settlement.value_per_point),
            "exact_amount": float(settlement.exact_amount),
            "eligible": settlement.eligible,
            "capped": settlement.capped,
            "before": float(settlement.before),
            "after": float(settlement.after),
            "difference": float(settlement.difference),
            "mode": self._settlement_mode(),
        }

    def _settlement_mode(self):
        """How the difference is paid, from the period setting and the run."""
        self.ensure_one()
        # sudo: the period's pay setting decides how the difference is paid
        if self.period_id.sudo().pay_provisional_difference == "next_run":
            return "next_run"
        if self.run_id.state in ("posted", "paid"):
            return "difference_line"
        return "line"

    def action_settle(self, reason=None):
        """Settle provisional lines with the final result (see the wizard)."""
        if reason and not isinstance(reason, str):
            raise UserError(self.env._("The reason of a settlement must be a text."))
        self._workflow_check("settle")
        for line in self:
            line._do_settle(reason)
        return True

    def _do_settle(self, reason):
        self.ensure_one()
        preview = self._settlement_preview()
        difference = preview["difference"]
        if difference and not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Settling the pay line of %(employee)s changes the payout by "
                    "%(difference)s: enter a reason.",
                    employee=self.employee_id.name,
                    difference=self._fmt_money(difference),
                )
            )
        mode = preview["mode"]
        line = self.with_context(hrp_pay_internal=True)
        values = {
            "provisional": False,
            "settled": True,
            "settled_date": fields.Date.context_today(self),
            "settlement_mode": mode,
            "settlement_result": preview["final_result"],
            "settlement_points": preview["points"],
            "settlement_amount_before": preview["before"],
            "settlement_amount_after": preview["after"],
            "settlement_difference": difference,
            "settlement_reason": reason or False,
        }
        breakdown = dict(
            line.breakdown or {},
            settlement={
                "mode": mode,
                "final_result": str(preview["final_result"]),
                "points": str(preview["points"]),
                "before": f"{preview['before']:.2f}",
                "after": f"{preview['after']:.2f}",
                "difference": f"{difference:.2f}",
            },
        )
        if mode == "line":
            values.update(
                {
                    "result_id": preview["result"].id,
                    "result": preview["final_result"],
                    "points_computed": preview["points"],
                    "points": preview["points"],
                    "eligible": preview["eligible"],
                    "reason": self._settlement_reason_code(preview),
                    "value_per_point": 0.0
                    if preview["capped"]
                    else preview["value_per_point"],
                    "exact_amount": preview["exact_amount"],
                    "amount": round(
                        preview["after"] + self.carried_amount - self.advance_amount,
                        2,
                    ),
                    "amount_outside_budget": round(
                        self.amount_outside_budget + difference, 2
                    ),
                }
            )
            breakdown["amount"] = (
                f"{preview['after'] + self.carried_amount - self.advance_amount:.2f}"
            )
        values["breakdown"] = breakdown
        line._workflow_write("settle", values)
        if mode == "difference_line" and difference:
            self._create_difference_line(preview)
        self._post_settlement_message(preview, reason)

    @staticmethod
    def _settlement_reason_code(preview):
        if not preview["points"]:
            return "no_points"
        if not preview["eligible"]:
            return "below_minimum"
        return "capped" if preview["capped"] else False

    def _create_difference_line(self, preview):
        """A line in the same (posted) run that payroll picks up and pays."""
        self.ensure_one()
        return (
            self.env["hr.performance.pay.line"]
            # sudo: the difference line of the checked settlement step
            .sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
            )
            .create(
                {
                    "run_id": self.run_id.id,
                    "group_id": self.group_id.id,
                    "employee_id": self.employee_id.id,
                    "line_type": "difference",
                    "settles_line_id": self.id,
                    "result_id": preview["result"].id,
                    "result": preview["final_result"],
                    "pay_factor": self.pay_factor,
                    "weekly_hours": self.weekly_hours,
                    "full_time_hours": self.full_time_hours,
                    "part_time_share": self.part_time_share,
                    "employed_share": self.employed_share,
                    "employed_detail": self.employed_detail,
                    "points_computed": preview["points"],
                    "points": preview["points"],
                    "eligible": preview["eligible"],
                    "value_per_point": preview["value_per_point"],
                    "exact_amount": preview["exact_amount"],
                    "amount": preview["difference"],
                    "amount_outside_budget": preview["difference"],
                    "settled_date": fields.Date.context_today(self),
                    "settlement_amount_before": preview["before"],
                    "settlement_amount_after": preview["after"],
                    "settlement_difference": preview["difference"],
                    # sudo: the line's own reason, shown on its own statement
                    "settlement_reason": self.sudo().settlement_reason,
                    "breakdown": {
                        "settles_line": self.id,
                        "before": f"{preview['before']:.2f}",
                        "after": f"{preview['after']:.2f}",
                        "amount": f"{preview['difference']:.2f}",
                    },
                }
            )
        )

    def _post_settlement_message(self, preview, reason):
        mode_label = dict(
            self._fields["settlement_mode"]._description_selection(self.env)
        ).get(preview["mode"])
        body = self.env._(
            "Provisional line of %(employee)s settled with the final result "
            "%(result)s: payout %(before)s -> %(after)s, difference %(difference)s "
            "(%(mode)s). Reason: %(reason)s",
            employee=self.employee_id.name,
            result=self._fmt(preview["final_result"]),
            before=self._fmt_money(preview["before"]),
            after=self._fmt_money(preview["after"]),
            difference=self._fmt_money(preview["difference"]),
            mode=mode_label,
            reason=reason or "-",
        )
        # sudo: as for corrections, the amounts stay with the line's readers.
        self.sudo().message_post(body=body)
        self.run_id.sudo().message_post(
            body=self.env._(
                "A provisional pay line was settled (%(mode)s); who and how much "
                "is on the line.",
                mode=mode_label,
            )
        )

    def action_open_settlement(self):
        self.ensure_one()
        self._workflow_check("settle")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Settle Provisional Line"),
            "res_model": "hr.performance.pay.settle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    @api.model
    def _pending_carry_overs(self, run, employee_ids):
        """Settlement differences to be carried into ``run``: still pending,
        or already carried into one of its current lines (recompute)."""
        # sudo: differences of the run's own employees, carried by the system
        return self.sudo().search_fetch(
            [
                ("company_id", "=", run.company_id.id),
                ("employee_id", "in", list(employee_ids)),
                ("settlement_mode", "=", "next_run"),
                ("settlement_difference", "!=", 0),
                "|",
                "|",
                ("carried_to_line_id", "=", False),
                ("carried_to_line_id", "in", run.line_ids.ids),
                ("carried_to_line_id.run_id.state", "=", "cancelled"),
                ("run_id", "!=", run.id),
                ("run_id.state", "in", SETTLE_STATES),
            ],
            ["employee_id", "settlement_difference"],
            order="id",
        )
