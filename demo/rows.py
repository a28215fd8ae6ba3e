"""Inserting many seed rows without building a model instance for each.

bulk_create spends most of its time preparing model instances value by value; for
the demo's large tables (attribute values, events: several rows per product)
multi-row INSERTs of plain values are several times faster. Values still go through each field's
get_db_prep_save, as the ORM would do; but save(), signals and pre_save hooks do
not run, so this is for seed data only.
"""
from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

def rows_insert(model, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert `rows` (values in the order of `columns`, field names) into model's table.

    Columns not named get the field's default, or now for auto_now(_add) fields.
    Raises the database's IntegrityError if a row breaks a constraint.
    """
    connection = connections[DEFAULT_DB_ALIAS]  # not the proxy: it is asked per value
    meta = model._meta
    given = [meta.get_field(name) for name in columns]
    missing = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    fields = given + missing
    now = timezone.now()

    def prepared(row: Sequence) -> list:
        defaults = [now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                    else f.get_default() for f in missing]
        return [None if value is None else f.get_db_prep_save(value, connection)
                for f, value in zip(fields, (*row, *defaults))]

    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) ".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields))
    placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    # As many rows a statement as the database takes parameters (SQLite: 999).
    per_statement = min(1000, (connection.features.max_query_params or 65535) // len(fields))
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := [prepared(row) for row in islice(iterator, per_statement)]:
            values = ", ".join([placeholders] * len(batch))
            cursor.execute(f"{head}VALUES {values}", [v for row in batch for v in row])
