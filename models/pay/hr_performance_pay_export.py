from odoo import fields, models


class HrPerformancePayExport(models.Model):
    """One XLSX export of a pay run for an external payroll.

    The file is attached to this record, not to the run: employees and
    managers may read an approved run (for their own or their team's
    lines) and would otherwise read the attachment with everyone's amounts.
    Only HR officers and payroll officers of the run's company read exports;
    they are created by ``hr.performance.pay.run.action_export_xlsx`` (as
    sudo) and nobody may change or delete them (access rights: read only).
    """

    _name = "hr.performance.pay.export"
    _inherit = ["hr.performance.input.mixin"]
    _description = "Performance Pay Export"
    _order = "id desc"

    name = fields.Char("File Name", required=True, readonly=True)
    run_id = fields.Many2one(
        "hr.performance.pay.run",
        "Pay Run",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", "Exported By", readonly=True)
    preview = fields.Boolean(
        readonly=True, help="Exported before the run was approved."
    )
    line_count = fields.Integer("Lines", readonly=True)
    amount_total = fields.Monetary("Total", currency_field="currency_id", readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", "File", readonly=True, ondelete="set null"
    )

    def unlink(self):
        # sudo: the export's own file goes with the export
        attachments = self.sudo().attachment_id
        res = super().unlink()
        attachments.unlink()
        return res

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
