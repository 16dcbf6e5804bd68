"""KPI: values computed from Odoo records (a model, a domain and an
aggregate of a field per report period and owner), by a scheduled job.

Set-based: one grouped query per KPI and report period, whatever the number
of employees. The configuration is HR administrators' (it reads any model's
aggregates); the job writes the values as open, computed values and closes
those whose delay has passed.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

ADMIN_GROUP = "hr_performance.group_hr_performance_admin"


class HrPerformanceKpi(models.Model):
    _inherit = "hr.performance.kpi"

    value_source = fields.Selection(
        [
            ("entered", "Entered or Imported"),
            ("computed", "Computed from Records"),
        ],
        "Values From",
        default="entered",
        required=True,
        tracking=True,
    )
    compute_model_id = fields.Many2one(
        "ir.model",
        "Records",
        ondelete="cascade",
        groups=ADMIN_GROUP,
        help="The records the KPI counts or sums, e.g. tasks or tickets.",
    )
    compute_model = fields.Char(related="compute_model_id.model")
    compute_domain = fields.Char(
        "Filter", default="[]", groups=ADMIN_GROUP, help="Which records count."
    )
    compute_aggregate = fields.Selection(
        [("count", "Count"), ("sum", "Sum"), ("avg", "Average")],
        "Aggregate",
        default="count",
        groups=ADMIN_GROUP,
    )
    compute_field_id = fields.Many2one(
        "ir.model.fields",
        "Field",
        ondelete="cascade",
        domain="[('model_id', '=', compute_model_id), "
        "('ttype', 'in', ('integer', 'float', 'monetary'))]",
        groups=ADMIN_GROUP,
        help="The number summed or averaged.",
    )
    compute_date_field_id = fields.Many2one(
        "ir.model.fields",
        "Date Field",
        ondelete="cascade",
        domain="[('model_id', '=', compute_model_id), "
        "('ttype', 'in', ('date', 'datetime'))]",
        groups=ADMIN_GROUP,
        help="The date that puts a record in a report period.",
    )
    compute_owner_field_id = fields.Many2one(
        "ir.model.fields",
        "Employee Field",
        ondelete="cascade",
        domain="[('model_id', '=', compute_model_id), ('ttype', '=', 'many2one'), "
        "('relation', 'in', ('hr.employee', 'res.users'))]",
        groups=ADMIN_GROUP,
        help="For KPIs per employee: the employee (or user) a record belongs to.",
    )

    @api.constrains(
        "value_source",
        "owner_level",
        "compute_model_id",
        "compute_domain",
        "compute_aggregate",
        "compute_field_id",
        "compute_date_field_id",
        "compute_owner_field_id",
    )
    def _check_compute(self):
        # sudo: HR administrators' configuration; the check holds for any writer
        for kpi in self.sudo().filtered(lambda k: k.value_source == "computed"):
            message = kpi._compute_config_error()
            if message:
                raise ValidationError(message)

    def _compute_config_error(self):
        self.ensure_one()
        if self.owner_level == "group":
            return self.env._(
                "The KPI %(name)s cannot be computed per group: choose values per "
                "employee or per company.",
                name=self.name,
            )
        missing = [
            label
            for label, value in (
                (self.env._("Records"), self.compute_model_id),
                (self.env._("Date Field"), self.compute_date_field_id),
                (
                    self.env._("Field"),
                    self.compute_field_id or self.compute_aggregate == "count",
                ),
                (
                    self.env._("Employee Field"),
                    self.compute_owner_field_id or self.owner_level == "company",
                ),
            )
            if not value
        ]
        if missing:
            return self.env._(
                "The computed KPI %(name)s needs: %(fields)s.",
                name=self.name,
                fields=", ".join(missing),
            )
        for field in (
            self.compute_field_id,
            self.compute_date_field_id,
            self.compute_owner_field_id,
        ):
            if field and field.model_id != self.compute_model_id:
                return self.env._(
                    "The field %(field)s does not belong to the records of the KPI "
                    "%(name)s.",
                    field=field.field_description,
                    name=self.name,
                )
        try:
            domain = safe_eval(self.compute_domain or "[]")
            # sudo: whether the filter is valid (a count, nothing shown)
            self.env[self.compute_model_id.model].sudo().search_count(domain, limit=1)
        except (ValueError, TypeError, NameError, SyntaxError, KeyError):
            return self.env._(
                "The filter of the KPI %(name)s is not valid.", name=self.name
            )
        return None

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------
    @api.model
    def _cron_compute_values(self, today=None):
        """Compute the values of the current and the previous report period
        of every computed KPI; close those whose delay has passed."""
        today = today or fields.Date.context_today(self)
        # sudo: the job reads the configuration only HR administrators see
        kpis = self.sudo().search([("value_source", "=", "computed")])
        for kpi in kpis:
            periodisation = kpi._periodisation()
            index = periodisation.index_of(today)
            for period in (
                periodisation.period(index - 1),
                periodisation.period(index),
            ):
                kpi._compute_period(*period)
            kpi._close_final_values(today)

    def _compute_period(self, date_from, date_to):
        """The values of one report period: one grouped query."""
        self.ensure_one()
        # sudo: the job reads the KPI's configuration (HR administrators')
        kpi = self.sudo()
        # sudo: aggregates of the records HR administrators chose, as values
        Model = self.env[kpi.compute_model_id.model].sudo()
        date_field = kpi.compute_date_field_id.name
        domain = [
            *safe_eval(kpi.compute_domain or "[]"),
            (date_field, ">=", date_from),
            (date_field, "<=", date_to),
        ]
        if "company_id" in Model._fields:
            domain.append(("company_id", "in", [False, kpi.company_id.id]))
        aggregate = (
            "__count"
            if kpi.compute_aggregate == "count"
            else f"{kpi.compute_field_id.name}:{kpi.compute_aggregate}"
        )
        groupby = []
        if kpi.owner_level == "employee":
            groupby = [kpi.compute_owner_field_id.name]
        rows = Model._read_group(domain, groupby, [aggregate])
        totals = {}
        for row in rows:
            if groupby:
                owner, value = row
                if not owner:
                    continue
                if owner._name == "res.users":
                    employee = owner.employee_ids.filtered(
                        lambda e, c=kpi.company_id: e.company_id == c
                    )[:1]
                else:
                    employee = owner
                if not employee or employee.company_id != kpi.company_id:
                    continue
                totals[employee.id] = totals.get(employee.id, 0.0) + (value or 0.0)
            else:
                totals[False] = row[0] or 0.0
        # sudo: the job writes the KPI's values (nobody's user rights apply)
        Value = self.env["hr.performance.kpi.value"].sudo()
        existing = {
            value.employee_id.id or False: value
            for value in Value.search_fetch(
                [("kpi_id", "=", kpi.id), ("date_from", "=", date_from)],
                ["employee_id", "value", "state"],
            )
        }
        new = []
        for owner, total in totals.items():
            current = existing.get(owner)
            if not current:
                new.append(
                    {
                        "kpi_id": kpi.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "employee_id": owner,
                        "value": total,
                        "source": "computed",
                    }
                )
            elif current.state == "open" and round(current.value, 4) != round(total, 4):
                current.write({"value": total})
        Value.create(new)

    def _close_final_values(self, today):
        """Close the computed values whose period and delay have passed."""
        self.ensure_one()
        values = (
            self.env["hr.performance.kpi.value"]
            # sudo: the job closes the KPI's values (step of the kernel)
            .sudo()
            .search(
                [
                    ("kpi_id", "=", self.id),
                    ("state", "=", "open"),
                    ("source", "=", "computed"),
                    ("available_on", "<", today),
                ]
            )
        )
        if values:
            values._workflow_write("close", {"state": "closed"})
