"""Calendar arithmetic the sources' durations need ("6 months", "1.5 months")."""

import calendar
import datetime
from decimal import Decimal

HALF_MONTH_DAYS = 15


def months_later(day: datetime.date, months: Decimal) -> datetime.date:
    """The same day `months` calendar months later (the 31st becomes the month's last day); a
    half month is 15 days. Six months from 1 September is 1 March."""
    whole = int(months)
    year, month = divmod(day.month - 1 + whole, 12)
    year, month = day.year + year, month + 1
    moved = day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
    return moved + datetime.timedelta(days=round((months - whole) * 2) * HALF_MONTH_DAYS)
