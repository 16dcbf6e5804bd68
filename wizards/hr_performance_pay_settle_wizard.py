from odoo import api, fields, models


class HrPerformancePaySettleWizard(models.TransientModel):
    """Settles a provisional pay line with the final result.

    Shows the payout before and with the final result and the difference,
    and how the difference is paid (period setting); a reason is required
    when the payout changes.
    """

    _name = "hr.performance.pay.settle.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Settle a Provisional Performance Pay Line"

    line_id = fields.Many2one("hr.performance.pay.line", required=True)
    employee_id = fields.Many2one(related="line_id.employee_id")
    currency_id = fields.Many2one(related="line_id.currency_id")
    provisional_result = fields.Float(
        related="line_id.result", string="Provisional Result"
    )
    final_result = fields.Float(digits=(16, 2), compute="_compute_preview")
    points = fields.Float(
        "Points With the Final Result", digits=(16, 4), compute="_compute_preview"
    )
    value_per_point = fields.Float(digits=(16, 6), compute="_compute_preview")
    amount_before = fields.Monetary(
        "Old Payout", currency_field="currency_id", compute="_compute_preview"
    )
    amount_after = fields.Monetary(
        "New Payout", currency_field="currency_id", compute="_compute_preview"
    )
    difference = fields.Monetary(
        currency_field="currency_id", compute="_compute_preview"
    )
    mode = fields.Selection(
        [
            ("line", "Payout of This Line Changed"),
            ("difference_line", "Paid Now With a Difference Line"),
            ("next_run", "Carried Into the Next Run"),
        ],
        string="Difference Handled",
        compute="_compute_preview",
    )
    reason = fields.Text()

    @api.depends("line_id")
    def _compute_preview(self):
        for wizard in self:
            line = wizard.line_id
            if not line or line._workflow_cannot_reason("settle"):
                wizard.update(
                    {
                        "final_result": 0.0,
                        "points": 0.0,
                        "value_per_point": 0.0,
                        "amount_before": 0.0,
                        "amount_after": 0.0,
                        "difference": 0.0,
                        "mode": False,
                    }
                )
                continue
            preview = line._settlement_preview()
            wizard.update(
                {
                    "final_result": preview["final_result"],
                    "points": preview["points"],
                    "value_per_point": preview["value_per_point"],
                    "amount_before": preview["before"],
                    "amount_after": preview["after"],
                    "difference": preview["difference"],
                    "mode": preview["mode"],
                }
            )

    def action_confirm(self):
        self.ensure_one()
        self.line_id.action_settle(self.reason)
        return {"type": "ir.actions.act_window_close"}
