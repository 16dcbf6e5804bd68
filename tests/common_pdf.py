"""Real PDFs read back as text (pdftotext), for HttpCase tests: wkhtmltopdf
fetches the report's styles from the test server (no tests of its own)."""

import subprocess


class PdfPagesMixin:
    """``pdf_pages()`` for an ``HttpCase``."""

    def pdf_pages(self, report_ref, records, user, lang=None):
        """The pages of the PDF of ``records`` as ``user``, as text."""
        # sudo: test set-up of the report server address
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        context = {"force_report_rendering": True}
        if lang:
            context["lang"] = lang
        report = self.env["ir.actions.report"].with_user(user).with_context(**context)
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
