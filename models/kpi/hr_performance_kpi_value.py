from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from ...engine import EngineError
from ...engine.periods import corrected_value
from ..common.hr_performance_workflow_mixin import Step

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"


class HrPerformanceKpiValue(models.Model):
    """The value of a KPI for one report period and one owner (employee,
    group or company), open until it is closed (Kennzahlwert)."""

    _name = "hr.performance.kpi.value"
    _description = "KPI Value"
    _inherit = ["mail.thread", "hr.performance.workflow.mixin"]
    _order = "kpi_id, date_from desc, id"

    # A value entered by hand is closed at once; an imported one is closed
    # by the import of the following period or by HR. Closed values stay:
    # only a correction value may still be given (if the KPI allows it).
    _workflow_steps = {
        "close": Step(("open",), "closed", groups=(OFFICER_GROUP,)),
        "reopen": Step(
            ("closed",), "open", groups=("hr_performance.group_hr_performance_admin",)
        ),
    }
    _workflow_locked_states = ("closed",)
    _workflow_undeletable_states = ("closed",)

    kpi_id = fields.Many2one(
        "hr.performance.kpi", "KPI", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="kpi_id.company_id", store=True, index=True)
    owner_level = fields.Selection(related="kpi_id.owner_level", store=True)
    unit = fields.Char(related="kpi_id.unit")
    date_from = fields.Date("Period From", required=True, index=True)
    date_to = fields.Date("Period To", required=True)
    employee_id = fields.Many2one("hr.employee", index="btree_not_null")
    # sudo: stored for the record rules (plain users cannot read employees)
    employee_user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        related_sudo=True,
        store=True,
        index="btree_not_null",
        string="Employee User",
    )
    group_id = fields.Many2one("hr.performance.kpi.group", index="btree_not_null")
    value = fields.Float(digits=(16, 4), tracking=True)
    correction = fields.Float(
        "Correction Value",
        digits=(16, 4),
        tracking=True,
        help="Added to the value of a cumulative KPI; replaces the value of a "
        "non-cumulative one.",
    )
    has_correction = fields.Boolean("Corrected", tracking=True)
    effective_value = fields.Float(
        "Counting Value",
        digits=(16, 4),
        compute="_compute_effective_value",
        store=True,
        help="The value with its correction, as it enters the goals.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    source = fields.Selection(
        [("manual", "Entered"), ("import", "Imported"), ("computed", "Computed")],
        default="manual",
        required=True,
        readonly=True,
    )
    available_on = fields.Date(
        "Final On",
        compute="_compute_available_on",
        store=True,
        help="End of the report period plus the KPI's delay.",
    )

    _sql_constraints = [
        (
            "owner_period_unique",
            "unique(kpi_id, date_from, employee_id, group_id)",
            "A KPI has one value per report period and owner.",
        )
    ]

    @api.depends("value", "correction", "has_correction", "kpi_id.cumulative")
    def _compute_effective_value(self):
        for record in self:
            correction = record.correction if record.has_correction else None
            try:
                record.effective_value = float(
                    corrected_value(record.value, correction, record.kpi_id.cumulative)
                )
            except EngineError:
                record.effective_value = 0.0

    @api.depends("date_to", "kpi_id.delay_unit", "kpi_id.delay_count")
    def _compute_available_on(self):
        for record in self:
            record.available_on = (
                record.kpi_id._available_on(record.date_to)
                if record.kpi_id and record.date_to
                else False
            )

    @api.depends("kpi_id", "date_from", "date_to", "employee_id", "group_id")
    def _compute_display_name(self):
        for record in self:
            owner = (
                record.employee_id.name
                or record.group_id.name
                or record.company_id.name
                or ""
            )
            record.display_name = self.env._(
                "%(kpi)s, %(owner)s, %(start)s – %(end)s",
                kpi=record.kpi_id.name or "",
                owner=owner,
                start=format_date(self.env, record.date_from),
                end=format_date(self.env, record.date_to),
            )

    def _workflow_free_fields(self):
        return super()._workflow_free_fields() | {
            "correction",
            "has_correction",
            "effective_value",
        }

    @api.constrains(
        "kpi_id", "date_from", "date_to", "employee_id", "group_id", "has_correction"
    )
    def _check_period_and_owner(self):
        for record in self:
            kpi = record.kpi_id
            try:
                start, end = kpi._periodisation().period_of(record.date_from)
            except EngineError as error:
                raise ValidationError(
                    self.env._(
                        "The KPI %(kpi)s has no valid report periods.", kpi=kpi.name
                    )
                ) from error
            if (start, end) != (record.date_from, record.date_to):
                raise ValidationError(
                    self.env._(
                        "%(start)s – %(end)s is no report period of the KPI %(kpi)s: "
                        "the report period of %(start)s is %(first)s – %(last)s.",
                        start=format_date(self.env, record.date_from),
                        end=format_date(self.env, record.date_to),
                        kpi=kpi.name,
                        first=format_date(self.env, start),
                        last=format_date(self.env, end),
                    )
                )
            level = kpi.owner_level
            if (
                (level == "employee" and (not record.employee_id or record.group_id))
                or (level == "group" and (not record.group_id or record.employee_id))
                or (level == "company" and (record.employee_id or record.group_id))
            ):
                raise ValidationError(
                    self.env._(
                        "The KPI %(kpi)s has values per %(level)s: give exactly that "
                        "owner for the value of %(start)s.",
                        kpi=kpi.name,
                        level=dict(
                            kpi._fields["owner_level"]._description_selection(self.env)
                        )[level],
                        start=format_date(self.env, record.date_from),
                    )
                )
            if record.has_correction and not kpi.corrections_allowed:
                raise ValidationError(
                    self.env._(
                        "The KPI %(kpi)s allows no correction values.", kpi=kpi.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # A value entered by hand is closed at once (seed: "Bei manuellem
        # Eintragen von Werten werden diese direkt abgeschlossen").
        manual = records.filtered(lambda r: r.source == "manual" and r.state == "open")
        if manual:
            manual._workflow_write("close", {"state": "closed"})
        return records

    def action_close(self):
        return self._workflow_run("close")

    def action_reopen(self):
        return self._workflow_run("reopen")

    def _do_close(self):
        self._workflow_write("close", {"state": "closed"})

    def _do_reopen(self):
        self._workflow_write("reopen", {"state": "open"})

    def _workflow_locked_message(self):
        return self.env._(
            "The value %(name)s is closed: only a correction value can still be "
            "given (if the KPI allows it).",
            name=self[:1].display_name,
        )

    def _workflow_undeletable_message(self):
        return self.env._(
            "The value %(name)s is closed and cannot be deleted.",
            name=self[:1].display_name,
        )
