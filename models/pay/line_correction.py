"""Pay line: corrections of points, amount or result (with a reason) while the run is
computed.
"""

from odoo import models
from odoo.exceptions import UserError

from ...engine import EngineError, points_for, to_decimal
from ..common.engine_messages import engine_error_message


class HrPerformancePayLine(models.Model):
    _inherit = "hr.performance.pay.line"

    def _refresh_points(self):
        """Recompute points after a pay factor change and redistribute."""
        for line in self:
            try:
                points = points_for(
                    to_decimal(line.result, "result"),
                    pay_factor=to_decimal(line.pay_factor, "pay factor"),
                    part_time=to_decimal(line.part_time_share, "part-time share"),
                    employed=to_decimal(line.employed_share, "employed share"),
                )
            except EngineError as error:
                raise UserError(engine_error_message(self.env, error)) from error
            values = {"points_computed": float(points.points)}
            if not line.points_corrected:
                values["points"] = float(points.points)
            # sudo: internal write of the correction step checked above
            line.sudo().with_context(hrp_pay_internal=True).write(values)
        for run in self.run_id:
            # sudo: the group's redistribution follows the checked correction
            run.sudo()._redistribute(
                self.filtered(lambda ln, r=run: ln.run_id == r).group_id
            )

    def _apply_correction(self, kind, value, reason):
        """Correct points, amount or take over the final result, with a reason.

        A points (or result) correction redistributes the group; an amount
        correction overrides the payout and the group's residual shows the
        difference.
        """
        self.ensure_one()
        self._workflow_check("correct")
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("A correction of a pay line needs a reason."))
        if value is not None and not value >= 0:  # also NaN
            raise UserError(self.env._("A corrected value must not be negative."))
        before = self.amount
        # sudo: internal write of the correction step checked above
        line = self.sudo().with_context(hrp_pay_internal=True)
        if kind == "amount":
            line.write(
                {
                    "amount_corrected": True,
                    "amount_correction": value,
                    # The corrected share; advances paid before are offset.
                    "amount": round(
                        value + self.carried_amount - self.advance_amount, 2
                    ),
                    "advance_kept": 0.0,
                    "advance_clawback": round(max(self.advance_amount - value, 0.0), 2),
                    "correction_reason": reason,
                }
            )
            breakdown = dict(
                line.breakdown or {},
                amount=f"{value + self.carried_amount - self.advance_amount:.2f}",
            )
            breakdown["amount_corrected"] = True
            line.write({"breakdown": breakdown})
        else:
            if kind == "result":
                # sudo: the employee's final result, the basis of this line
                result = self.result_id.sudo() or self.env[
                    "hr.performance.result"
                    # sudo: the employee's final result, the basis of this line
                ].sudo().search(
                    [
                        ("period_id", "=", self.period_id.id),
                        ("employee_id", "=", self.employee_id.id),
                    ],
                    limit=1,
                )
                if not result or result.state != "final":
                    raise UserError(
                        self.env._(
                            "%(employee)s has no final result yet.",
                            employee=self.employee_id.name,
                        )
                    )
                points = points_for(
                    to_decimal(result.final_result, "result"),
                    pay_factor=to_decimal(self.pay_factor, "pay factor"),
                    part_time=to_decimal(self.part_time_share, "part-time share"),
                    employed=to_decimal(self.employed_share, "employed share"),
                )
                line.write(
                    {
                        "result_id": result.id,
                        "result": result.final_result,
                        "provisional": False,
                        "points_computed": float(points.points),
                        "points": float(points.points),
                        "points_corrected": False,
                        "correction_reason": reason,
                    }
                )
            else:
                line.write(
                    {
                        "points_corrected": True,
                        "points_correction": value,
                        "points": value,
                        "correction_reason": reason,
                    }
                )
            # sudo: the group's redistribution follows the checked correction
            self.run_id.sudo()._redistribute(self.group_id)
        self.invalidate_recordset()
        before_text = f"{before:.2f}"
        after_text = f"{self.amount:.2f}"
        body = self.env._(
            "Correction (%(kind)s) of %(employee)s: payout %(before)s -> %(after)s. "
            "Reason: %(reason)s",
            kind=dict(self._correction_kinds()).get(kind, kind),
            employee=self.employee_id.name,
            before=before_text,
            after=after_text,
            reason=reason,
        )
        # sudo: HR corrects; the message goes where only the line's readers
        # (the employee, their managers, HR) read it. The run's readers see
        # that a line changed, not whose payout and by how much.
        self.sudo().message_post(body=body)
        self.run_id.sudo().message_post(
            body=self.env._(
                "A pay line was corrected (%(kind)s); who and how much is on the line.",
                kind=dict(self._correction_kinds()).get(kind, kind),
            )
        )
        return True

    def _correction_kinds(self):
        return [
            ("points", self.env._("Points")),
            ("amount", self.env._("Amount")),
            ("result", self.env._("Final Result")),
        ]

    def action_open_correction(self):
        self.ensure_one()
        self._workflow_check("correct")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Pay Line"),
            "res_model": "hr.performance.pay.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }
