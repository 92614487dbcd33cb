import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from foods import fdc
from foods.importing import upsert
from foods.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Import a FoodData Central CSV download (SR Legacy and/or Foundation Foods), a folder "
        "or the .zip: foods upserted by FDC id with their portions, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="FDC CSV folder or .zip")
        parser.add_argument("--no-progress", action="store_true", help="print no progress bar")

    def handle(self, *args, path: Path, no_progress: bool, **options):
        # The bar redraws one line with "\r", so it writes to the real stderr rather than
        # Django's OutputWrapper, which ends every write with a newline.
        bar = None if no_progress else ProgressBar(sys.stderr)
        try:
            result = fdc.parse(path, progress=bar)
        except fdc.FDCError as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc

        def saving(done: int, total: int) -> None:
            if bar:
                bar("saving", done, total)

        summary = upsert(result.records, progress=saving)
        summary.skipped.update(result.skipped)
        self.stdout.write(f"Imported {path}:")
        for line in summary.lines():
            self.stdout.write(line)
