from odoo import fields, models


class HrPerformancePayCorrectionWizard(models.TransientModel):
    """Corrects one pay line (points, amount or final result) with a reason."""

    _name = "hr.performance.pay.correction.wizard"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Correct a Performance Pay Line"

    line_id = fields.Many2one("hr.performance.pay.line", required=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    provisional = fields.Boolean(related="line_id.provisional")
    kind = fields.Selection(
        [
            ("points", "Points"),
            ("amount", "Amount"),
            ("result", "Take Over the Final Result"),
        ],
        string="Correct",
        required=True,
        default="points",
    )
    points = fields.Float("New Points", digits=(16, 4))
    amount = fields.Monetary("New Amount", currency_field="currency_id")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        value = {"points": self.points, "amount": self.amount}.get(self.kind)
        self.line_id._apply_correction(self.kind, value, self.reason)
        return {"type": "ir.actions.act_window_close"}
