"""Write one person's full backup (what the profile page's download gives) to a file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracker.imports import backup


class Command(BaseCommand):
    help = "Write a person's mgk backup (profile, own foods, entries) to a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("output", type=Path)

    def handle(self, username, output, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        output.write_bytes(backup.dump(user))
        self.stdout.write(f"Wrote {output} ({output.stat().st_size:,} bytes).")
