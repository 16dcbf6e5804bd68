"""Insert many records with one SQL statement (set-based creation).

``create()`` inserts 100 rows per statement and recomputes stored related
fields with one UPDATE per 100 rows: the queries grow with the rows. For
records the system creates in a checked step (computed pay lines, postings
of a monthly run, imported KPI values) the values are completed as
``create()`` would store them (defaults, create/write user and date, the
stored computed fields given by the caller) and converted with the fields'
own column conversion.
"""

from odoo.tools import SQL


def insert_rows(records, completed, template_vals, validate=True):
    """Insert ``completed`` (values with every stored computed field filled)
    into ``records``' table with ONE statement; returns the new records in
    order, or None when a value cannot be inserted this way (then the caller
    uses ``create()``). ``template_vals`` make the record whose currency
    rounds monetary values (e.g. ``{"company_id": ...}``). ``validate=False``
    skips the Python constraints: only for rows the caller has checked by
    the same rules (they would read the new rows again, 1,000 at a time)."""
    model = records
    if not completed:
        return model.browse()
    prepared = model._prepare_create_values(completed)
    names = sorted({name for vals in prepared for name in vals})
    fields_ = model._fields
    computed = {
        name for name, field in fields_.items() if field.store and field.compute
    }
    unknown = [
        name
        for name in names
        if not fields_[name].column_type or fields_[name].company_dependent
    ]
    if unknown or not computed.issubset(names):
        return None
    template = model.new(template_vals)
    rows = [
        tuple(
            fields_[name].convert_to_column_insert(vals[name], template)
            if name in vals
            else SQL("DEFAULT")
            for name in names
        )
        for vals in prepared
    ]
    model.flush_model()
    ids = []
    # one statement per 20,000 rows keeps the statement of a big import
    # within PostgreSQL's limits; the count does not grow per row
    for start in range(0, len(rows), 20000):
        chunk = rows[start : start + 20000]
        ids += [
            row[0]
            for row in model.env.execute_query(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(model._table),
                    SQL(", ").join(map(SQL.identifier, names)),
                    SQL(", ").join(SQL("(%s)", SQL(", ").join(row)) for row in chunk),
                )
            )
        ]
    created = model.browse(ids)
    if validate:
        created._validate_fields(names)
    return created
