from odoo import api, models


class ReportPayStatement(models.AbstractModel):
    """Values of the performance pay statement (Abrechnungserläuterung)."""

    _name = "report.hr_performance.report_pay_statement"
    _description = "Performance Pay Statement Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # Built before the template runs: a user who may not read one of the
        # lines gets a plain AccessError, not a template error.
        docs = self.env["hr.performance.pay.line"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "hr.performance.pay.line",
            "docs": docs,
            "statements": {line.id: line._get_statement_data() for line in docs},
        }
