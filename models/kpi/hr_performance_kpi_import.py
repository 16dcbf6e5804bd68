"""Import of KPI values from a CSV or XLSX file (Kennzahlimport).

Columns (first row, names as below, German or English): ``period_start``
(Periodenbeginn; dd.mm.yyyy or yyyy-mm-dd), ``personnel_number``
(Personalnummer; for KPIs per employee) or ``group`` (Gruppe; for KPIs per
group), ``value`` (Wert; decimal comma or point) and, where the KPI allows
it, ``correction`` (Korrekturwert). Every row is checked before anything is
written; a file with one bad row imports nothing. Importing the same file
again changes nothing. The import of a period closes the open values of the
earlier periods of the KPI (if the KPI says so). Every import is kept with
its file, author, rows and outcome.
"""

import base64
import csv
import datetime as dt
import io
import zipfile

import openpyxl
from markupsafe import Markup
from openpyxl.utils.exceptions import InvalidFileException

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ...engine import EngineError
from ...engine.periods import corrected_value
from ..common.bulk_insert import insert_rows
from ..common.hr_performance_workflow_mixin import Step

OFFICER_GROUP = "hr_performance.group_hr_performance_officer"
#: Accepted column names (lower case) per column.
COLUMNS = {
    "period_start": ("period_start", "periodenbeginn", "von", "from"),
    "personnel_number": ("personnel_number", "personalnummer", "personnel no."),
    "group": ("group", "gruppe"),
    "value": ("value", "wert"),
    "correction": ("correction", "korrekturwert", "korrektur"),
}
MAX_ROWS = 200000


def parse_number(text):
    """A number as people type it: decimal comma or point; thousands
    separators only together with a decimal separator (1.234,56 / 1,234.56)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        raw = str(text or "").strip().replace("\u00a0", "").replace(" ", "")
        if not raw:
            return None
        if "," in raw and "." in raw:
            if raw.rfind(",") > raw.rfind("."):
                raw = raw.replace(".", "").replace(",", ".")
            else:
                raw = raw.replace(",", "")
        else:
            raw = raw.replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) >= 1e15:
        return None
    return value


def parse_date(text):
    """A date as dd.mm.yyyy, yyyy-mm-dd or a spreadsheet date."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = str(text or "").strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


class HrPerformanceKpiImport(models.Model):
    _name = "hr.performance.kpi.import"
    _description = "KPI Value Import"
    _inherit = ["mail.thread", "hr.performance.workflow.mixin"]
    _order = "id desc"

    _workflow_steps = {
        "run": Step(("draft",), "done", groups=(OFFICER_GROUP,)),
    }
    _workflow_locked_states = ("done",)
    _workflow_undeletable_states = ("done",)

    kpi_id = fields.Many2one(
        "hr.performance.kpi", "KPI", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="kpi_id.company_id", store=True, index=True)
    file = fields.Binary(required=True, attachment=True)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Imported")],
        default="draft",
        required=True,
        tracking=True,
    )
    row_count = fields.Integer("Rows", readonly=True)
    created_count = fields.Integer("New Values", readonly=True)
    updated_count = fields.Integer("Changed Values", readonly=True)
    unchanged_count = fields.Integer("Unchanged Values", readonly=True)
    closed_count = fields.Integer("Values Closed", readonly=True)
    imported_by_id = fields.Many2one("res.users", readonly=True)
    imported_on = fields.Datetime(readonly=True)
    preview_html = fields.Html(
        "Preview", compute="_compute_preview_html", sanitize=False
    )

    @api.depends("kpi_id", "filename")
    def _compute_display_name(self):
        for record in self:
            record.display_name = " – ".join(
                filter(None, [record.kpi_id.name, record.filename])
            ) or self.env._("New Import")

    @api.depends("file", "kpi_id")
    def _compute_preview_html(self):
        for record in self:
            if not record.file or not record.kpi_id or record.state == "done":
                record.preview_html = False
                continue
            try:
                rows = record._check_rows()
            except UserError as error:
                record.preview_html = (
                    Markup("<p class='text-danger'>%s</p>") % (error.args[0])
                )
                continue
            record.preview_html = record._rows_html(rows)

    def _workflow_system_fields(self):
        return super()._workflow_system_fields() | {
            "row_count",
            "created_count",
            "updated_count",
            "unchanged_count",
            "closed_count",
            "imported_by_id",
            "imported_on",
        }

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------
    def _read_table(self):
        """The rows of the file as lists of cells (header first)."""
        self.ensure_one()
        data = base64.b64decode(self.file or b"")
        name = (self.filename or "").lower()
        if name.endswith(".xlsx") or data[:2] == b"PK":
            try:
                book = openpyxl.load_workbook(
                    io.BytesIO(data), read_only=True, data_only=True
                )
                sheet = book.worksheets[0]
                return [list(row) for row in sheet.iter_rows(values_only=True)]
            except (
                InvalidFileException,
                zipfile.BadZipFile,
                KeyError,
                ValueError,
                OSError,
                IndexError,
            ) as error:
                raise UserError(
                    self.env._(
                        "The file %(name)s cannot be read as a spreadsheet (XLSX).",
                        name=self.filename or "",
                    )
                ) from error
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(
                self.env._(
                    "The file %(name)s is not UTF-8 text: save it as CSV (UTF-8) "
                    "or XLSX.",
                    name=self.filename or "",
                )
            ) from error
        if "\x00" in text:
            raise UserError(
                self.env._(
                    "The file %(name)s contains characters that cannot be read.",
                    name=self.filename or "",
                )
            )
        dialect = ";" if text.count(";") >= text.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=dialect))

    def _columns(self, header):
        kpi = self.kpi_id
        found = {}
        for index, cell in enumerate(header):
            name = str(cell or "").strip().lower()
            for column, names in COLUMNS.items():
                if name in names:
                    found[column] = index
        needed = ["period_start", "value"]
        if kpi.owner_level == "employee":
            needed.append("personnel_number")
        elif kpi.owner_level == "group":
            needed.append("group")
        missing = [column for column in needed if column not in found]
        if missing:
            raise UserError(
                self.env._(
                    "The file %(name)s lacks the columns %(columns)s (first row).",
                    name=self.filename or "",
                    columns=", ".join(missing),
                )
            )
        if "correction" in found and not kpi.corrections_allowed:
            raise UserError(
                self.env._(
                    "The KPI %(kpi)s allows no correction values: remove the "
                    "column correction.",
                    kpi=kpi.name,
                )
            )
        return found

    def _check_rows(self):
        """Every data row with its outcome: a list of dicts (line, values,
        status new / changed / unchanged / error, reason). Reads the owners
        and the existing values once for all rows."""
        self.ensure_one()
        kpi = self.kpi_id
        table = self._read_table()
        if not table or len(table) < 2:
            raise UserError(
                self.env._(
                    "The file %(name)s has no data rows.", name=self.filename or ""
                )
            )
        if len(table) > MAX_ROWS:
            raise UserError(
                self.env._(
                    "The file %(name)s has more than %(max)s rows: split it.",
                    name=self.filename or "",
                    max=MAX_ROWS,
                )
            )
        columns = self._columns(table[0])
        periodisation = kpi._periodisation()

        def cell(row, column):
            index = columns.get(column)
            return row[index] if index is not None and index < len(row) else None

        employees = {
            e.identification_id: e
            for e in self.env["hr.employee"]
            # sudo: HR imports values for the KPI's company; owners are looked
            # up by personnel number (nothing is shown but names)
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", kpi.company_id.id),
                    ("identification_id", "!=", False),
                ],
                ["identification_id", "name", "user_id"],
            )
        }
        groups = {
            g.name: g
            for g in self.env["hr.performance.kpi.group"].search_fetch(
                [("company_id", "=", kpi.company_id.id)], ["name"]
            )
        }
        rows = []
        for line, row in enumerate(table[1:], start=2):
            if not any(str(c or "").strip() for c in row):
                continue
            entry = {"line": line, "status": "error", "reason": ""}
            rows.append(entry)
            start = parse_date(cell(row, "period_start"))
            value = parse_number(cell(row, "value"))
            correction_cell = cell(row, "correction")
            correction = (
                parse_number(correction_cell)
                if str(correction_cell or "").strip()
                else None
            )
            if start is None:
                entry["reason"] = self.env._("the period start is no date")
                continue
            try:
                period = periodisation.period_of(start)
            except EngineError:
                entry["reason"] = self.env._("the period start is no date")
                continue
            if period[0] != start:
                entry["reason"] = self.env._(
                    "%(date)s is no start of a report period (the period is "
                    "%(first)s – %(last)s)",
                    date=format_date(self.env, start),
                    first=format_date(self.env, period[0]),
                    last=format_date(self.env, period[1]),
                )
                continue
            if value is None:
                entry["reason"] = self.env._("the value is no number")
                continue
            if str(correction_cell or "").strip() and correction is None:
                entry["reason"] = self.env._("the correction is no number")
                continue
            employee = group = False
            if kpi.owner_level == "employee":
                number = str(cell(row, "personnel_number") or "").strip()
                employee = employees.get(number)
                if not employee:
                    entry["reason"] = self.env._(
                        "no employee of %(company)s has the personnel number "
                        "%(number)s",
                        company=kpi.company_id.name,
                        number=number,
                    )
                    continue
            elif kpi.owner_level == "group":
                name = str(cell(row, "group") or "").strip()
                group = groups.get(name)
                if not group:
                    entry["reason"] = self.env._(
                        "there is no group %(name)s", name=name
                    )
                    continue
            entry.update(
                status="new",
                date_from=period[0],
                date_to=period[1],
                employee=employee,
                group=group,
                value=value,
                correction=correction,
                owner=employee.name if employee else (group.name if group else ""),
            )
        good = [r for r in rows if r["status"] != "error"]
        keys = {}
        for entry in good:
            key = (
                entry["date_from"],
                entry["employee"].id if entry["employee"] else False,
                entry["group"].id if entry["group"] else False,
            )
            if key in keys:
                entry.update(
                    status="error",
                    reason=self.env._(
                        "the same period and owner as row %(line)s", line=keys[key]
                    ),
                )
            else:
                keys[key] = entry["line"]
        good = [r for r in rows if r["status"] != "error"]
        if good:
            existing = {
                (v.date_from, v.employee_id.id or False, v.group_id.id or False): v
                for v in self.env["hr.performance.kpi.value"].search_fetch(
                    [
                        ("kpi_id", "=", kpi.id),
                        ("date_from", ">=", min(r["date_from"] for r in good)),
                        ("date_from", "<=", max(r["date_from"] for r in good)),
                    ],
                    [
                        "date_from",
                        "employee_id",
                        "group_id",
                        "value",
                        "correction",
                        "has_correction",
                        "state",
                    ],
                )
            }
            for entry in good:
                key = (
                    entry["date_from"],
                    entry["employee"].id if entry["employee"] else False,
                    entry["group"].id if entry["group"] else False,
                )
                current = existing.get(key)
                if not current:
                    continue
                entry["record"] = current
                same = round(current.value, 4) == round(entry["value"], 4) and (
                    entry["correction"] is None
                    or (
                        current.has_correction
                        and round(current.correction, 4)
                        == round(entry["correction"], 4)
                    )
                )
                if same:
                    entry["status"] = "unchanged"
                elif current.state == "closed" and round(current.value, 4) != round(
                    entry["value"], 4
                ):
                    entry.update(
                        status="error",
                        reason=self.env._(
                            "the value of this period is closed (%(value)s); only a "
                            "correction value can still be given",
                            value=current.value,
                        ),
                    )
                else:
                    entry["status"] = "changed"
        return rows

    def _insert_values(self, Value, new):
        """Create the new values with one SQL statement (per 20,000 rows):
        the rows are checked by ``_check_rows``; the stored computed fields
        are filled in as ``create()`` would."""
        if not new:
            return
        kpi = self.kpi_id
        completed = []
        for row in new:
            employee = row["employee"]
            correction = row["correction"]
            completed.append(
                {
                    "kpi_id": kpi.id,
                    "company_id": kpi.company_id.id,
                    "owner_level": kpi.owner_level,
                    "date_from": row["date_from"],
                    "date_to": row["date_to"],
                    "employee_id": employee.id if employee else False,
                    "employee_user_id": employee.user_id.id if employee else False,
                    "group_id": row["group"].id if row["group"] else False,
                    "value": row["value"],
                    "has_correction": correction is not None,
                    "correction": correction or 0.0,
                    "effective_value": float(
                        corrected_value(row["value"], correction, kpi.cumulative)
                    ),
                    "available_on": kpi._available_on(row["date_to"]),
                    "state": "open",
                    "source": "import",
                }
            )
        values = Value.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        # _check_rows checked every row by the constraints' rules (report
        # period, owner of the KPI's level, corrections allowed)
        if (
            insert_rows(
                values, completed, {"company_id": kpi.company_id.id}, validate=False
            )
            is None
        ):
            values.create(completed)

    def _update_values(self, Value, changed):
        """Write the changed values with one UPDATE: an open value takes the
        new value, a closed one only its correction."""
        if not changed:
            return
        kpi = self.kpi_id
        ids, numbers, flags, corrections, effective = [], [], [], [], []
        for row in changed:
            record = row["record"]
            value = row["value"] if record.state == "open" else record.value
            if row["correction"] is not None:
                has_correction, correction = True, row["correction"]
            else:
                has_correction, correction = record.has_correction, record.correction
            ids.append(record.id)
            numbers.append(value)
            flags.append(has_correction)
            corrections.append(correction)
            effective.append(
                float(
                    corrected_value(
                        value, correction if has_correction else None, kpi.cumulative
                    )
                )
            )
        names = ["value", "has_correction", "correction", "effective_value"]
        Value.flush_model(names)
        self.env.cr.execute(
            """
            UPDATE hr_performance_kpi_value AS v
               SET value = new.value,
                   has_correction = new.has_correction,
                   correction = new.correction,
                   effective_value = new.effective_value,
                   write_uid = %s,
                   write_date = (now() at time zone 'UTC')
              FROM unnest(%s::int[], %s::float8[], %s::bool[], %s::float8[],
                          %s::float8[])
                   AS new(id, value, has_correction, correction, effective_value)
             WHERE v.id = new.id
            """,
            [self.env.uid, ids, numbers, flags, corrections, effective],
        )
        Value.browse(ids).invalidate_recordset([*names, "write_uid", "write_date"])

    def _rows_html(self, rows):
        labels = {
            "new": self.env._("new"),
            "changed": self.env._("changed"),
            "unchanged": self.env._("unchanged"),
            "error": self.env._("error"),
        }
        body = Markup("").join(
            Markup(
                "<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td>%s</td></tr>"
            )
            % (
                "table-danger" if row["status"] == "error" else "",
                row["line"],
                format_date(self.env, row["date_from"]) if row.get("date_from") else "",
                row.get("owner", ""),
                row.get("value", ""),
                labels[row["status"]] + (f": {row['reason']}" if row["reason"] else ""),
            )
            for row in rows[:500]
        )
        head = Markup(
            "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
        ) % (
            self.env._("Row"),
            self.env._("Period"),
            self.env._("Owner"),
            self.env._("Value"),
            self.env._("Outcome"),
        )
        return (
            Markup("<table class='table table-sm o_hrp_kpi_import_preview'><thead>")
            + head
            + Markup("</thead><tbody>")
            + body
            + Markup("</tbody></table>")
        )

    # ------------------------------------------------------------------
    # The import (one step of the kernel)
    # ------------------------------------------------------------------
    def action_import(self):
        return self._workflow_run("run")

    def _do_run(self):
        for record in self:
            record._import_rows()

    def _import_rows(self):
        self.ensure_one()
        rows = self._check_rows()
        errors = [row for row in rows if row["status"] == "error"]
        if errors:
            details = "; ".join(
                self.env._(
                    "row %(line)s: %(reason)s", line=r["line"], reason=r["reason"]
                )
                for r in errors[:10]
            )
            raise UserError(
                self.env._(
                    "%(count)s rows of %(name)s are wrong, nothing was imported: "
                    "%(details)s",
                    count=len(errors),
                    name=self.filename or "",
                    details=details,
                )
            )
        kpi = self.kpi_id
        # sudo: the import step checked HR's rights; it writes the values
        Value = self.env["hr.performance.kpi.value"].sudo()
        new = [row for row in rows if row["status"] == "new"]
        self._insert_values(Value, new)
        changed = [row for row in rows if row["status"] == "changed"]
        self._update_values(Value, changed)
        closed = Value.browse()
        if kpi.close_by_import and rows:
            first = min(row["date_from"] for row in rows)
            closed = Value.search(
                [
                    ("kpi_id", "=", kpi.id),
                    ("state", "=", "open"),
                    ("date_to", "<", first),
                ]
            )
            if closed:
                closed._workflow_write("close", {"state": "closed"})
        self._workflow_write(
            "run",
            {
                "state": "done",
                "row_count": len(rows),
                "created_count": len(new),
                "updated_count": len(changed),
                "unchanged_count": len(rows) - len(new) - len(changed),
                "closed_count": len(closed),
                "imported_by_id": self.env.uid,
                "imported_on": fields.Datetime.now(),
            },
        )
