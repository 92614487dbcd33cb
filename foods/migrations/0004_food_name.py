"""Food.name: a short everyday name of our own (load_catalogue fills it in).

On SQLite, adding or removing a column rebuilds the table, and the rebuild drops the
table's triggers; the catalogue version triggers of 0003 are created again after it.
"""

import importlib

from django.db import migrations, models

triggers = importlib.import_module("foods.migrations.0003_catalogue_version_triggers")


def recreate_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters the table in place and keeps its triggers
    for statement in triggers.SQLITE_DROP + triggers.SQLITE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("foods", "0003_catalogue_version_triggers"),
    ]

    operations = [
        # Reversed, RemoveField rebuilds the table too: this puts the triggers back.
        migrations.RunPython(migrations.RunPython.noop, recreate_sqlite_triggers),
        migrations.AddField(
            model_name="food",
            name="name",
            field=models.CharField(
                blank=True,
                help_text="A short everyday name of our own; empty shows the description.",
                max_length=60,
            ),
        ),
        migrations.RunPython(recreate_sqlite_triggers, migrations.RunPython.noop),
    ]
