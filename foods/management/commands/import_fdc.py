import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from foods import fdc
from foods.importing import upsert


class Command(BaseCommand):
    help = (
        "Import a FoodData Central CSV download (SR Legacy and/or Foundation Foods), a folder "
        "or the .zip: foods upserted by FDC id with their portions, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="FDC CSV folder or .zip")
        parser.add_argument("--no-progress", action="store_true", help="print no progress bar")

    def handle(self, *args, path: Path, no_progress: bool, **options):
        bar = None if no_progress else Bars()
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


class Bars:
    """A tqdm bar per stage of the import (reading each file, then saving).

    They write to the real stderr, not Django's OutputWrapper (which ends every write
    with a newline), and only on a terminal: a CI log gets the summary lines alone.
    """

    def __init__(self):
        self.bars: dict[str, tqdm] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        bar = self.bars.get(label)
        if bar is None:
            bar = self.bars[label] = tqdm(total=total, desc=label, file=sys.stderr, disable=None)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
