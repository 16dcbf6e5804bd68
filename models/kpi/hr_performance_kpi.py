from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from ...engine import EngineError
from ...engine.periods import Periodisation, add_units

UNITS = [
    ("days", "Days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
    ("years", "Years"),
]
OWNER_LEVELS = [
    ("employee", "Employee"),
    ("group", "Group"),
    ("company", "Company"),
]


class HrPerformanceKpi(models.Model):
    """Performance indicator (Leistungskennzahl): a measured quantity with
    its report periods, owner level, correction rule and delay."""

    _name = "hr.performance.kpi"
    _description = "Performance Indicator (KPI)"
    _inherit = ["mail.thread", "hr.performance.input.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    unit = fields.Char(required=True, tracking=True, help="E.g. €, %, hours, cases.")
    description = fields.Text(translate=True)
    period_unit = fields.Selection(
        UNITS, "Report Period Unit", required=True, default="months", tracking=True
    )
    period_count = fields.Integer(
        "Report Period Length", required=True, default=1, tracking=True
    )
    period_reference = fields.Date(
        "Reference Date",
        required=True,
        default=lambda self: fields.Date.today().replace(month=1, day=1),
        tracking=True,
        help="A report period begins on this date; the others follow without "
        "gap before and after it.",
    )
    owner_level = fields.Selection(
        OWNER_LEVELS,
        "Values Per",
        required=True,
        default="employee",
        tracking=True,
        help="Employee: each employee has own values (individual goals). Group: "
        "one value per group, used for every member's group goal. Company: one "
        "value for the company (collective goals).",
    )
    cumulative = fields.Boolean(
        default=True,
        tracking=True,
        help="Cumulative: the values of the report periods add up (e.g. sales). "
        "Otherwise each value stands for itself (e.g. a satisfaction score).",
    )
    corrections_allowed = fields.Boolean(
        "Correction Values",
        tracking=True,
        help="A correction value is added to the value of a cumulative KPI and "
        "replaces the value of a non-cumulative one.",
    )
    delay_unit = fields.Selection(UNITS, default="days", required=True, tracking=True)
    delay_count = fields.Integer(
        "Delay",
        tracking=True,
        help="Time after the end of a report period until its value is final.",
    )
    close_by_import = fields.Boolean(
        "Import Closes Earlier Periods",
        default=True,
        tracking=True,
        help="The import of a period's values closes the open values of the "
        "earlier periods (e.g. the import of February closes January).",
    )
    value_ids = fields.One2many("hr.performance.kpi.value", "kpi_id", string="Values")
    value_count = fields.Integer(compute="_compute_value_count")
    period_example = fields.Char("Current Report Period", compute="_compute_example")

    def _compute_value_count(self):
        counts = dict(
            self.env["hr.performance.kpi.value"]._read_group(
                [("kpi_id", "in", self.ids)], ["kpi_id"], ["__count"]
            )
        )
        for kpi in self:
            kpi.value_count = counts.get(kpi, 0)

    @api.depends("period_unit", "period_count", "period_reference")
    def _compute_example(self):
        for kpi in self:
            try:
                start, end = kpi._periodisation().period_of(fields.Date.today())
            except EngineError:
                kpi.period_example = False
                continue
            kpi.period_example = (
                f"{format_date(self.env, start)} – {format_date(self.env, end)}"
            )

    def _periodisation(self):
        self.ensure_one()
        return Periodisation(self.period_unit, self.period_count, self.period_reference)

    def _available_on(self, period_end):
        """The day the value of the period ending on ``period_end`` is final."""
        self.ensure_one()
        return add_units(period_end, self.delay_unit, self.delay_count)

    @api.constrains("period_unit", "period_count", "period_reference", "delay_count")
    def _check_periods(self):
        for kpi in self:
            if not 1 <= kpi.period_count <= 1000 or not 0 <= kpi.delay_count <= 1000:
                raise ValidationError(
                    self.env._(
                        "The report period of the KPI %(name)s must be 1 to 1,000 "
                        "units long and its delay 0 to 1,000 units.",
                        name=kpi.display_name,
                    )
                )

    def write(self, vals):
        rules = {"period_unit", "period_count", "period_reference", "owner_level"}
        if rules.intersection(vals) and self.value_ids:
            for kpi in self.filtered("value_ids"):
                if any(
                    kpi[field] != kpi._fields[field].convert_to_cache(vals[field], kpi)
                    for field in rules & set(vals)
                ):
                    raise ValidationError(
                        self.env._(
                            "The KPI %(name)s has values: its report periods and its "
                            "owner level can no longer change.",
                            name=kpi.display_name,
                        )
                    )
        return super().write(vals)
