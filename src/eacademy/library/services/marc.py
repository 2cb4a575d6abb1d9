"""MARC21 import and export of the catalogue (pymarc reads and writes the records).

An import takes every readable record and lists the ones it cannot take (broken, without a
title, with a wrong ISBN, already in the catalogue by their control number) with their place in
the file; the good ones are written at once, in bulk, with their search entries."""

import io
from dataclasses import dataclass, field

import pymarc
from django.db import transaction
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.library.models import Record
from eacademy.library.rules import LIBRARIANS
from eacademy.library.services import isbn_clean, records_add

_LANGUAGES = {"rus": "ru", "kaz": "kk", "eng": "en"}
_MARC_LANGUAGES = {code: marc for marc, code in _LANGUAGES.items()}
_KIND_MARKERS = {"502": Record.Kind.THESIS, "111": Record.Kind.PROCEEDINGS, "711": Record.Kind.PROCEEDINGS}


@dataclass
class ImportReport:
    imported: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (record's number in the file, what is wrong)


def _first(marc: pymarc.Record, tag: str, *codes: str) -> str:
    for f in marc.get_fields(tag):
        values = [v.strip(" /:;,.") for code in codes for v in f.get_subfields(code)]
        if any(values):
            return " ".join(v for v in values if v)
    return ""


def _record_from(marc: pymarc.Record) -> Record:
    title = _first(marc, "245", "a", "b")
    if not title:
        raise DomainError(_("the record has no title (field 245)"))
    authors = "; ".join(v for tag in ("100", "110", "700", "710") for f in marc.get_fields(tag) for v in f.get_subfields("a"))
    year = next((int(y) for f in marc.get_fields("260", "264") for c in f.get_subfields("c") if (y := "".join(ch for ch in c if ch.isdigit())[:4]).isdigit() and len(y) == 4), None)
    fixed = (marc["008"].data or "") if marc["008"] else ""
    language = _LANGUAGES.get(_first(marc, "041", "a")[:3] or fixed[35:38], "ru")
    kind = Record.Kind.PERIODICAL if marc.leader[7:8] == "s" else next((k for tag, k in _KIND_MARKERS.items() if marc.get_fields(tag)), Record.Kind.BOOK)
    isbn = marc.get_fields("020")[0].get_subfields("a")[0].split()[0] if marc.get_fields("020") and marc.get_fields("020")[0].get_subfields("a") else ""
    try:
        isbn = isbn_clean(isbn)
    except DomainError as exc:
        raise DomainError(_("wrong ISBN %(isbn)s") % {"isbn": isbn}) from exc
    control = (marc["001"].data or "").strip() if marc["001"] else None
    return Record(kind=kind, title=title[:500], authors=authors[:500], publisher=_first(marc, "260", "b")[:300] or _first(marc, "264", "b")[:300],
                  place=(_first(marc, "260", "a") or _first(marc, "264", "a"))[:100], year=year, isbn=isbn, language=language,
                  call_number=_first(marc, "090", "a")[:50], keywords="; ".join(v.strip(" .") for f in marc.get_fields("650") for v in f.get_subfields("a"))[:500],
                  summary=_first(marc, "520", "a"), control_number=control or None)


@transaction.atomic
def marc_import(*, actor: User, data: bytes) -> ImportReport:
    require_role(actor, LIBRARIANS)
    report, read = ImportReport(), []
    reader = pymarc.MARCReader(io.BytesIO(data), to_unicode=True, force_utf8=True, utf8_handling="strict")
    for number, marc in enumerate(reader, start=1):
        if marc is None:
            report.problems.append((number, _("the record is broken (%(reason)s)") % {"reason": type(reader.current_exception).__name__}))
            continue
        try:
            read.append((number, _record_from(marc)))
        except DomainError as exc:
            report.problems.append((number, " ".join(exc.messages)))
    numbers = [r.control_number for _n, r in read if r.control_number]
    seen = {n for i in range(0, len(numbers), 900) for n in Record.objects.filter(control_number__in=numbers[i:i + 900]).values_list("control_number", flat=True)}
    records = []
    for number, record in read:
        if record.control_number in seen:
            report.problems.append((number, _("already in the catalogue (control number %(number)s)") % {"number": record.control_number}))
            continue
        if record.control_number:
            seen.add(record.control_number)
        records.append(record)
    report.problems.sort()
    if not records and not report.problems:
        raise DomainError({"file": [_("The file holds no MARC21 records.")]})
    report.imported = len(records_add(actor=actor, records=records, reason=_("MARC21 import")))
    return report


def marc_export(records: list[Record]) -> bytes:
    """The records as a MARC21 file (UTF-8, leader position 9 "a")."""
    out = io.BytesIO()
    writer = pymarc.MARCWriter(out)
    for record in records:
        marc = pymarc.Record(force_utf8=True, leader="     n" + ("as" if record.kind == Record.Kind.PERIODICAL else "am") + " a22     " + "   4500")
        marc.add_field(pymarc.Field(tag="001", data=record.control_number or f"eacademy-{record.pk}"))
        marc.add_field(pymarc.Field(tag="008", data=" " * 7 + (f"{record.year:04d}" if record.year else "    ") + " " * 24 + _MARC_LANGUAGES.get(record.language, "rus") + "  "))
        if record.isbn:
            marc.add_field(pymarc.Field(tag="020", indicators=pymarc.Indicators(" ", " "), subfields=[pymarc.Subfield("a", record.isbn)]))
        authors = [a.strip() for a in record.authors.split(";") if a.strip()]
        if authors:
            marc.add_field(pymarc.Field(tag="100", indicators=pymarc.Indicators("1", " "), subfields=[pymarc.Subfield("a", authors[0])]))
        marc.add_field(pymarc.Field(tag="245", indicators=pymarc.Indicators("1" if authors else "0", "0"), subfields=[pymarc.Subfield("a", record.title)]))
        imprint = [pymarc.Subfield(code, value) for code, value in (("a", record.place), ("b", record.publisher), ("c", str(record.year or ""))) if value]
        if imprint:
            marc.add_field(pymarc.Field(tag="260", indicators=pymarc.Indicators(" ", " "), subfields=imprint))
        if record.summary:
            marc.add_field(pymarc.Field(tag="520", indicators=pymarc.Indicators(" ", " "), subfields=[pymarc.Subfield("a", record.summary)]))
        for heading in (h.strip() for h in record.keywords.split(";")):
            if heading:
                marc.add_field(pymarc.Field(tag="650", indicators=pymarc.Indicators(" ", "4"), subfields=[pymarc.Subfield("a", heading)]))
        for author in authors[1:]:
            marc.add_field(pymarc.Field(tag="700", indicators=pymarc.Indicators("1", " "), subfields=[pymarc.Subfield("a", author)]))
        if record.call_number:
            marc.add_field(pymarc.Field(tag="090", indicators=pymarc.Indicators(" ", " "), subfields=[pymarc.Subfield("a", record.call_number)]))
        writer.write(marc)
    return out.getvalue()
