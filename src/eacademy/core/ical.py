"""iCalendar (RFC 5545) written by hand: a handful of fields per event, which needs no library."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, entries: Iterable[Entry], now: datetime.datetime) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//E-Academy//RU", "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_escape(name)}"]
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{entry.uid}@e-academy", f"DTSTAMP:{_stamp(now)}", f"DTSTART:{_stamp(entry.starts_at)}",
                  f"DTEND:{_stamp(entry.ends_at)}", f"SUMMARY:{_escape(entry.summary)}", f"LOCATION:{_escape(entry.location)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
