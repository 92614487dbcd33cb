"""Restore an mgk backup into a person's account, as the import page does after its
preview: all or nothing, and only the entries not there yet."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracker.imports import backup, files, store
from tracker.imports.table import Unreadable
from tracker.models import EARLIEST_DAY, latest_entry_day


class Command(BaseCommand):
    help = "Restore an mgk backup (ZIP or JSON) into a person's account."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("path", type=Path, help="the backup file")

    def handle(self, username, path: Path, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        try:
            parsed = files.read(path.read_bytes(), EARLIEST_DAY, latest_entry_day())
        except Unreadable as error:
            raise CommandError(str(error)) from None
        if parsed.source != backup.SOURCE:
            raise CommandError("This is not an mgk backup; use the import page for it.")
        for problem in parsed.problems:
            self.stderr.write(f"entry {problem.line}: {problem.reason}")
        if parsed.problems:
            raise CommandError("Nothing restored: some entries cannot be read.")
        if backup.own_backup(user, parsed):
            raise CommandError("This is this account's own backup; nothing to restore.")
        known = store.plan(user, parsed).known
        added = backup.write(user, parsed)
        self.stdout.write(f"Restored {added:,} entries ({known:,} were there already).")
