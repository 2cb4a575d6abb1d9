"""Academic honesty: the declaration, the similarity check of written works and the register of
violations. Other apps call `check` explicitly when a work is handed in (a distance-learning
assignment, a dissertation); every checked text joins the collection, so works are checked
against the repository and against each other."""

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eacademy.campus import services as campus
from eacademy.campus.models import ConductRecord
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.multilang import in_language
from eacademy.core.services import require_role
from eacademy.enrollment.models import Enrollment
from eacademy.exams.models import Exam, Slot
from eacademy.library import similarity
from eacademy.library.models import Check, CheckMatch, Declaration, Document, Fingerprint, Violation
from eacademy.library.rules import CHECKERS, REGISTRARS
from eacademy.library.texts import text_of
from eacademy.people.models import Person

K, T = 5, 8  # winnowing's noise and guarantee thresholds, in words
CANDIDATES = 20  # sources compared passage by passage
_CHUNK = 900  # fingerprints per query (SQLite's bound parameters)

# A quotation is left out: «…», “…”, „…“ and "…" within a paragraph.
_QUOTATION = re.compile(r"«[^»\n]{1,3000}»|“[^”\n]{1,3000}”|„[^“\n]{1,3000}“|\"[^\"\n]{1,3000}\"")
# The bibliography — from its heading to the end — is left out.
_BIBLIOGRAPHY = re.compile(r"^[ \t]*(список\s+(использованн\w+\s+)?(литературы|источников)|библиография|пайдаланылған\s+әдебиеттер(\s+тізімі)?|"
                           r"әдебиеттер\s+тізімі|references|bibliography)[ \t:.]*$", re.IGNORECASE | re.MULTILINE)


def text_of_work(text: str, files: Sequence[tuple[bytes, str]]) -> str:
    """A written work's text and its files' (PDF, DOCX, ODT); a file that cannot be read adds
    nothing (its marker opens it), a photo has no text."""
    parts = [text]
    for data, media_type in files:
        try:
            parts.append(text_of(data, media_type))
        except DomainError:
            continue
    return "\n".join(p for p in parts if p.strip())


def declaration_accept(*, actor: User) -> Declaration:
    declaration, _created = Declaration.objects.get_or_create(user=actor)
    return declaration


def has_declared(user: User) -> bool:
    return Declaration.objects.filter(user=user).exists()


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value




def excluded_spans(text: str, own_text: str = "") -> list[tuple[int, int]]:
    """The spans the check leaves out: quotations, the bibliography, and the words the work
    shares with the assignment's own text."""
    spans = [m.span() for m in _QUOTATION.finditer(text)]
    heading = _BIBLIOGRAPHY.search(text)
    if heading:
        spans.append((heading.start(), len(text)))
    if own_text.strip():
        spans += [p.a_span for p in similarity.shared_passages(similarity.tokens(text), similarity.tokens(own_text), k=K, t=T)]
    return sorted(spans)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@transaction.atomic
def document_put(*, key: str, title: str, text: str, author: Person | None = None, prints: Iterable[int] | None = None) -> Document:
    """A text in the collection (added or replaced), with its fingerprints (those given: a
    checked work's, its exclusions left out)."""
    if prints is None:
        prints = similarity.fingerprints([t.text for t in similarity.tokens(text)], K, T)
    document, _created = Document.objects.update_or_create(key=key, defaults={"title": title[:500], "text": text, "author": author})
    Fingerprint.objects.filter(document=document).delete()
    # Thousands of rows a work: one prepared INSERT, not a model object each (a third of a check's time).
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {Fingerprint._meta.db_table} (document_id, value) VALUES (%s, %s)",  # noqa: S608 (the model's table)
                           [(document.pk, _signed(v)) for v in prints])
    return document


def _candidates(prints: Iterable[int], but: int) -> list[int]:
    """The documents sharing most fingerprints with a text, best first."""
    shared: Counter[int] = Counter()
    values = sorted({_signed(v) for v in prints})
    for i in range(0, len(values), _CHUNK):
        rows = Fingerprint.objects.filter(value__in=values[i:i + _CHUNK]).exclude(document_id=but).values_list("document_id", flat=True)
        shared.update(rows)
    return [document_id for document_id, _count in shared.most_common(CANDIDATES)]


@transaction.atomic
def check(*, actor: User, key: str, title: str, text: str, author: Person | None = None, own_text: str = "",
          reviewers: list[User] | None = None) -> Check:
    """Check a written work against the collection, then add it to the collection. The report
    keeps the share of the work's words (less the exclusions) found elsewhere and every copied
    passage with its source."""
    if not similarity.WORD.search(text):
        raise DomainError({"text": [_("The work has no text to check (a scanned image has none: hand in a PDF with text or a document).")]})
    spans = excluded_spans(text, own_text)
    words = similarity.tokens(_masked(text, spans))
    prints = similarity.fingerprints([w.text for w in words], K, T)
    document = document_put(key=key, title=title, text=text, author=author, prints=prints)
    sources = Document.objects.in_bulk(_candidates(prints, document.pk))
    matches, passages = [], []
    for source in sorted(sources.values(), key=lambda d: d.pk):
        found = similarity.shared_passages(words, similarity.tokens(source.text), k=K, t=T, a_prints=prints)
        passages += found
        matches += [CheckMatch(source=source, start=d.span[0], end=d.span[1], source_start=d.source_span[0], source_end=d.source_span[1])
                    for d in similarity.detections(found)]
    result = save_by(Check(document=document, share=similarity.covered(passages, len(words)), excluded=spans, requested_by=actor), actor)
    for match in matches:
        match.check_run = result
    CheckMatch.objects.bulk_create(matches)
    if reviewers:
        result.reviewers.set(reviewers)
    return result


def exam_essays_check(*, actor: User, exam: Exam) -> int:
    """Check the essays of a test's finished attempts not checked yet, against the collection and
    each other, the question's own words left out; the teacher who asks reads the reports.
    Returns how many were checked."""
    require_role(actor, CHECKERS)
    slots = (Slot.objects.filter(attempt__exam=exam, kind="essay", attempt__finished_at__isnull=False).select_related("attempt__person", "version")
             .order_by("pk"))
    done = set(Document.objects.filter(key__startswith="exams.slot:").values_list("key", flat=True))
    checked = 0
    for slot in slots:
        key, text = f"exams.slot:{slot.pk}", (slot.response or {}).get("text", "")
        if key in done or not similarity.tokens(text):
            continue
        check(actor=actor, key=key, title=f"{in_language(exam.title, get_language() or 'ru')} · {slot.position}", text=text, author=slot.attempt.person, own_text=strip_tags(slot.version.text),
              reviewers=[actor])
        checked += 1
    return checked


def latest_check(key: str) -> Check | None:
    return Check.objects.filter(document__key=key).order_by("-checked_at", "-id").first()


@transaction.atomic
def violation_register(*, actor: User, person: Person, description: str, found_on: datetime.date | None = None,
                       check_run: Check | None = None) -> Violation:
    require_role(actor, REGISTRARS)
    if not description.strip():
        raise DomainError({"description": [_("Describe the violation.")]})
    return save_by(Violation(person=person, check_run=check_run, description=description.strip(), found_on=found_on or timezone.localdate(),
                             recorded_by=actor), actor)


@transaction.atomic
def violation_decide(*, actor: User, violation: Violation, confirmed: bool, measure: str = "", enrollment: Enrollment | None = None,
                     reason: str = "") -> Violation:
    """Dismiss a finding, or confirm it: the measure goes into the person's record of conduct
    (an expulsion through the course's order, as campus does it)."""
    require_role(actor, REGISTRARS)
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.decision != Violation.Decision.PENDING:
        raise DomainError(_("This violation is decided already."))
    if confirmed:
        if not measure:
            raise DomainError({"measure": [_("Choose the measure.")]})
        violation.conduct = campus.conduct_record(actor=actor, person=violation.person, kind=ConductRecord.Kind.BREACH, date=timezone.localdate(),
                                                  description=_("Violation of academic honesty: %(description)s") % {"description": violation.description},
                                                  measure=measure, enrollment=enrollment)
    violation.decision = Violation.Decision.CONFIRMED if confirmed else Violation.Decision.DISMISSED
    save_by(violation, actor, reason=reason)
    return violation
