"""Real PDFs of several records, read back as text (pdftotext): what the
personnel office prints and files. Needs the patched wkhtmltopdf that
``bin/test`` puts on the PATH (Debian's fails on several records)."""

import subprocess

from odoo.tests import HttpCase, tagged

from .common_pay import REPORT_STATEMENT, PayRunCase

REPORT_AGREEMENT = "hr_performance.hr_goal_agreement_report_agreement"


@tagged("post_install", "-at_install")
class TestPdfReports(HttpCase, PayRunCase):
    def pdf_pages(self, report_ref, records, user):
        """The pages of the PDF of ``records`` as ``user``, as text."""
        # wkhtmltopdf fetches the report's styles from this test server.
        # sudo: test set-up of the report server address
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        report = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
        )
        pdf, kind = report._render_qweb_pdf(report_ref, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [page for page in text.split("\f") if page.strip()]

    def test_statements_of_a_run_in_one_pdf(self):
        run = self.approved_run()
        lines = run.line_ids.sorted("id")
        self.assertEqual(len(lines), 3)
        pages = self.pdf_pages(REPORT_STATEMENT, lines, self.user_officer)
        self.assertGreaterEqual(len(pages), 3)
        text = "\n".join(pages)
        for line in lines:
            self.assertIn(line.employee_id.name, text)
        # The letterhead (company) on every page, and page numbers.
        for page in pages:
            self.assertIn(self.company.name, page)
        self.assertRegex(text, r"1\s*/\s*\d")

    def test_several_goal_agreements_in_one_pdf(self):
        agreements = self.create_agreement(
            self.employee, self.period
        ) | self.create_agreement(self.employee_colleague, self.period)
        pages = self.pdf_pages(REPORT_AGREEMENT, agreements, self.user_officer)
        self.assertGreaterEqual(len(pages), 2)
        text = "\n".join(pages)
        self.assertIn("Employee", text)
        self.assertIn("Colleague", text)
        self.assertIn("Fortbildung E-Akte", text)
