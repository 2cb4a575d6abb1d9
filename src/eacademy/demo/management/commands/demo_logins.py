from django.core.management.base import BaseCommand
from django.utils import translation

from eacademy.demo.loader import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo academy's logins."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Demo logins, all with the password '{DEMO_PASSWORD}':")
        with translation.override("en"):  # the console's language, as the rest of its frames
            for username, role, _place in DEMO_LOGINS:
                self.stdout.write(f"  {username:<14} {role.label}")
