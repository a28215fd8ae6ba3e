"""The trigram index on the document's title (migration 0002) is read by nothing since
typos are corrected from the vocabulary (search_word, its own trigram index), yet every
write of a document kept it up to date: dropped (PostgreSQL)."""
from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_title_trgm")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_doc_title_trgm ON "
                              "search_productdocument USING gin (title gin_trgm_ops)")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_document_category_ids_dropped")]
    operations = [migrations.RunPython(forward, backward)]
