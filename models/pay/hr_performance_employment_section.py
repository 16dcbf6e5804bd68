from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceEmploymentSection(models.Model):
    """Employment section (Beschäftigungsabschnitt) of one employee.

    ``employed`` sections count as employed in addition to the employee's
    contracts; ``not_employed`` and ``unpaid_leave`` sections (e.g. parental
    leave, long sickness) reduce the share of the period employed and paid.
    """

    _name = "hr.performance.employment.section"
    _description = "Employment Section"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "employee_id, date_from, id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    date_from = fields.Date("From", required=True, tracking=True)
    date_to = fields.Date("To", required=True, tracking=True)
    status = fields.Selection(
        [
            ("employed", "Employed"),
            ("not_employed", "Not Employed"),
            ("unpaid_leave", "Unpaid Leave"),
        ],
        required=True,
        default="unpaid_leave",
        tracking=True,
    )
    reason = fields.Char(required=True, tracking=True)

    @api.depends("employee_id", "date_from", "date_to", "status")
    def _compute_display_name(self):
        labels = dict(self._fields["status"]._description_selection(self.env))
        for section in self:
            section.display_name = self.env._(
                "%(employee)s: %(status)s %(date_from)s - %(date_to)s",
                employee=section.employee_id.name or "",
                status=labels.get(section.status, ""),
                date_from=section.date_from or "",
                date_to=section.date_to or "",
            )

    @api.constrains("date_from", "date_to", "employee_id")
    def _check_dates(self):
        for section in self:
            if section.date_from > section.date_to:
                raise ValidationError(
                    self.env._(
                        "The employment section %(name)s ends before it starts.",
                        name=section.display_name,
                    )
                )
        others = (
            self.search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("id", "not in", self.ids),
                ]
            )
            | self
        )
        for section in self:
            for other in others:
                if (
                    other != section
                    and other.employee_id == section.employee_id
                    and other.date_from <= section.date_to
                    and other.date_to >= section.date_from
                ):
                    raise ValidationError(
                        self.env._(
                            "The employment sections %(name)s and %(other)s overlap.",
                            name=section.display_name,
                            other=other.display_name,
                        )
                    )
