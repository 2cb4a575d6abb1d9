from django.core.management.base import BaseCommand

from eacademy.catalog.services import load_catalog_reference
from eacademy.org.services import load_reference_data


class Command(BaseCommand):
    help = "Load or update the reference data: agencies, the Academy's structure, posts, ranks, competencies."

    def handle(self, *args: object, **options: object) -> None:
        load_reference_data()
        load_catalog_reference()
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
