"""The full-text part of the database backend, per database vendor.

SQLite: an FTS5 table (rowid = product id) and its fts5vocab table, the vocabulary
the spelling step corrects typos against. PostgreSQL: pg_trgm (typos on the title),
unaccent when the server has it, a GIN index on the weighted tsvector and a trigram
GIN index on the title. Other vendors get nothing (the backend then refuses text).
"""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_productfts USING fts5("
    "title, body, artisan, region, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_productfts_vocab USING fts5vocab(search_productfts, row)",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_productfts_vocab",
    "DROP TABLE IF EXISTS search_productfts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_doc_vector_gin ON search_productdocument USING gin (search_vector)",
    "CREATE INDEX search_doc_title_trgm ON search_productdocument "
    "USING gin (title gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_doc_vector_gin",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
            if cursor.fetchone():
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
