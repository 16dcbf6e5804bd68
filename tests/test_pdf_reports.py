"""Real PDFs of several records, read back as text (pdftotext): what the
personnel office prints and files. Needs the patched wkhtmltopdf that
``bin/test`` puts on the PATH (Debian's fails on several records)."""

from odoo.tests import HttpCase, tagged

from .common_pay import REPORT_STATEMENT, PayRunCase
from .common_pdf import PdfPagesMixin

REPORT_AGREEMENT = "hr_performance.hr_goal_agreement_report_agreement"


@tagged("post_install", "-at_install")
class TestPdfReports(PdfPagesMixin, HttpCase, PayRunCase):
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
