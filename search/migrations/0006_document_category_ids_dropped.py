"""The document row no longer keeps its category ids (PostgreSQL): they were written by an
UPDATE after each insert, which left every row written twice (a rebuilt index of 55,000
products took 35 MB for 5 MB of rows). The rows that count the craft facet take them from
the category rows as they are written (search.backends.documents.CATEGORY_IDS_SQL).
"""
from django.db import migrations

BACKWARD = [
    "ALTER TABLE search_productdocument ADD COLUMN category_ids integer[] NOT NULL "
    "DEFAULT '{}'",
    "UPDATE search_productdocument d SET category_ids = ARRAY("
    "SELECT c.category_id FROM search_productdocumentcategory c "
    "WHERE c.document_id = d.product_id ORDER BY 1)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_productdocument DROP COLUMN IF EXISTS category_ids")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_combinations")]
    operations = [migrations.RunPython(forward, backward)]
