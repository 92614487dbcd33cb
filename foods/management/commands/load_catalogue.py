from django.core.management.base import BaseCommand, CommandError

from foods import catalogue
from foods.importing import upsert


class Command(BaseCommand):
    help = "Load (or update in place) mgk's default catalogue of everyday foods and supplements."

    def handle(self, *args, **options):
        try:
            records = catalogue.read_foods() + catalogue.read_supplements()
        except catalogue.CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        summary = upsert(records)
        for line in summary.lines():
            self.stdout.write(line)
