"""The catalogue's version changes in the database itself, with every write to a shared
food (owner NULL, before or after the write), whatever path the write takes: a model
save, a queryset update or delete, bulk_create, an import, the admin, plain SQL.

The new token is random, not a count: a rolled-back transaction or a restored backup
would take a counter back to a value a server process may already have built its search
index under, and that process would then keep the old index for a different catalogue.
"""

import uuid

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER foods_catalogue_insert AFTER INSERT ON foods_food
    WHEN NEW.owner_id IS NULL
    BEGIN
        INSERT INTO foods_catalogueversion (id, token) VALUES (1, lower(hex(randomblob(16))))
        ON CONFLICT (id) DO UPDATE SET token = excluded.token;
    END
    """,
    """
    CREATE TRIGGER foods_catalogue_update AFTER UPDATE ON foods_food
    WHEN OLD.owner_id IS NULL OR NEW.owner_id IS NULL
    BEGIN
        INSERT INTO foods_catalogueversion (id, token) VALUES (1, lower(hex(randomblob(16))))
        ON CONFLICT (id) DO UPDATE SET token = excluded.token;
    END
    """,
    """
    CREATE TRIGGER foods_catalogue_delete AFTER DELETE ON foods_food
    WHEN OLD.owner_id IS NULL
    BEGIN
        INSERT INTO foods_catalogueversion (id, token) VALUES (1, lower(hex(randomblob(16))))
        ON CONFLICT (id) DO UPDATE SET token = excluded.token;
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS foods_catalogue_insert",
    "DROP TRIGGER IF EXISTS foods_catalogue_update",
    "DROP TRIGGER IF EXISTS foods_catalogue_delete",
]

# Statement-level: one bulk_create or queryset update of thousands of foods writes the
# version once.  Transition tables show which rows the statement touched; each event
# names only the ones it has, so the function reads them per event.
POSTGRESQL = [
    """
    CREATE FUNCTION foods_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        shared boolean := false;
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            shared := true;
        ELSIF TG_OP = 'INSERT' THEN
            shared := EXISTS (SELECT 1 FROM new_rows WHERE owner_id IS NULL);
        ELSIF TG_OP = 'DELETE' THEN
            shared := EXISTS (SELECT 1 FROM old_rows WHERE owner_id IS NULL);
        ELSE
            shared := EXISTS (SELECT 1 FROM old_rows WHERE owner_id IS NULL)
                OR EXISTS (SELECT 1 FROM new_rows WHERE owner_id IS NULL);
        END IF;
        IF shared THEN
            INSERT INTO foods_catalogueversion (id, token)
            VALUES (1, replace(gen_random_uuid()::text, '-', ''))
            ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER foods_catalogue_insert AFTER INSERT ON foods_food
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION foods_catalogue_changed()
    """,
    """
    CREATE TRIGGER foods_catalogue_update AFTER UPDATE ON foods_food
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION foods_catalogue_changed()
    """,
    """
    CREATE TRIGGER foods_catalogue_delete AFTER DELETE ON foods_food
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION foods_catalogue_changed()
    """,
    """
    CREATE TRIGGER foods_catalogue_truncate AFTER TRUNCATE ON foods_food
    FOR EACH STATEMENT EXECUTE FUNCTION foods_catalogue_changed()
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS foods_catalogue_insert ON foods_food",
    "DROP TRIGGER IF EXISTS foods_catalogue_update ON foods_food",
    "DROP TRIGGER IF EXISTS foods_catalogue_delete ON foods_food",
    "DROP TRIGGER IF EXISTS foods_catalogue_truncate ON foods_food",
    "DROP FUNCTION IF EXISTS foods_catalogue_changed()",
]


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRESQL if create else POSTGRESQL_DROP
    # Without the triggers every process would keep serving its first index: refuse.
    raise NotImplementedError(f"foods: no catalogue version triggers for {vendor}")


def create_triggers(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(statement)
    # Processes that built their index before the triggers existed rebuild once.
    apps.get_model("foods", "CatalogueVersion").objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex}
    )


def drop_triggers(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("foods", "0002_search_index"),
    ]

    operations = [
        migrations.RemoveField(model_name="catalogueversion", name="changed_at"),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
