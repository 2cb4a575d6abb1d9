"""`eacademy ...` and `python -m eacademy ...`: Django's manage.py with our settings."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["items"]:  # pure computation: no Django, no database
        from eacademy.exams.items_cli import main as items

        raise SystemExit(items(sys.argv[2:]))
    if sys.argv[1:3] == ["timetable", "ctt"]:  # the ITC-2007 instances: no Django either
        from eacademy.timetable.ctt_cli import main as ctt

        raise SystemExit(ctt(sys.argv[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eacademy.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
