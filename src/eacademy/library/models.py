"""The library: its catalogue (records and their copies), circulation (loans and holds), the acts
that bring copies in and write them off, the repository of the Academy's works with Dublin Core
metadata per language, the search index, and academic honesty (declarations, similarity checks
with their matched passages, the register of violations)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.campus.models import ConductRecord
from eacademy.catalog.models import Discipline
from eacademy.core.base import TrilingualName
from eacademy.people.models import Person

LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]


class Subject(TrilingualName):
    """A subject heading of the catalogue (a rubric of the state classifier of scientific and
    technical information), linked to the disciplines it serves."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    disciplines = models.ManyToManyField(Discipline, blank=True, related_name="+", verbose_name=_("disciplines"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class Record(models.Model):
    """A bibliographic record: what the library holds, in as many copies as it has."""

    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        TEXTBOOK = "textbook", _("Textbook")
        TEACHING_AID = "aid", _("Teaching aid")
        METHODOLOGICAL = "method", _("Methodological material")
        LEGAL_ACT = "legal", _("Normative legal act")
        PERIODICAL = "periodical", _("Periodical")
        THESIS = "thesis", _("Thesis")
        PROCEEDINGS = "proceedings", _("Conference proceedings")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.BOOK)
    title = models.CharField(_("title"), max_length=500)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="ru")
    call_number = models.CharField(_("call number"), max_length=50, blank=True)
    keywords = models.CharField(_("subject headings"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    summary = models.TextField(_("summary"), blank=True)
    subjects = models.ManyToManyField(Subject, blank=True, related_name="records", verbose_name=_("subjects"))
    control_number = models.CharField(_("control number"), max_length=40, unique=True, null=True, blank=True,
                                      help_text=_("MARC field 001: the record's number in the catalogue it came from."))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("catalogue record")
        verbose_name_plural = _("catalogue records")

    def __str__(self) -> str:
        return f"{self.authors}. {self.title}" if self.authors else self.title

    def get_absolute_url(self) -> str:
        return reverse("library:record", args=[self.pk])


class Act(models.Model):
    """An act of acquisition or of write-off (seed 001 §58): numbered, dated, with its reason."""

    class Kind(models.TextChoices):
        ACQUISITION = "acquisition", _("Acquisition")
        WRITE_OFF = "write_off", _("Write-off")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=30)
    date = models.DateField(_("date"))
    basis = models.CharField(_("basis"), max_length=300, help_text=_("Supplier and invoice, gift, or the reason for writing off."))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("library act")
        verbose_name_plural = _("library acts")
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="library_act_number_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"


class Copy(models.Model):
    """A copy on the shelf, known by its inventory number; brought in by an acquisition act and
    leaving only by a write-off act."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="copies", verbose_name=_("record"))
    inventory_number = models.CharField(_("inventory number"), max_length=30, unique=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    acquired_by = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="acquired", verbose_name=_("acquisition act"))
    written_off_by = models.ForeignKey(Act, on_delete=models.PROTECT, null=True, blank=True, related_name="written_off",
                                       verbose_name=_("write-off act"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["inventory_number"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")

    def __str__(self) -> str:
        return self.inventory_number


class Loan(models.Model):
    """A copy lent to a reader until a due date set by his category; renewed a few times."""

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="loans", verbose_name=_("copy"))
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="library_loans", verbose_name=_("reader"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [models.UniqueConstraint(fields=["copy"], condition=models.Q(returned_on__isnull=True), name="library_one_open_loan_per_copy")]

    def __str__(self) -> str:
        return f"{self.copy} → {self.due_on}"


class Hold(models.Model):
    """A reader's place in the queue for a record none of whose copies is on the shelf; when a
    copy comes back it waits for the first reader in the queue for a few days."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        READY = "ready", _("Ready to collect")
        COLLECTED = "collected", _("Collected")
        CANCELLED = "cancelled", _("Cancelled")

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="holds", verbose_name=_("record"))
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="library_holds", verbose_name=_("reader"))
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("copy kept"))
    ready_until = models.DateField(_("kept until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["placed_at", "id"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [models.UniqueConstraint(fields=["record", "reader"], condition=models.Q(state__in=["waiting", "ready"]),
                                               name="library_one_hold_per_reader")]

    def __str__(self) -> str:
        return f"{self.record} · {self.reader}"


class ReadingItem(models.Model):
    """A line of a discipline's reading list: what the programme asks for, and the record that
    answers it when the library holds it."""

    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="+", verbose_name=_("discipline"))
    citation = models.CharField(_("reference"), max_length=500)
    record = models.ForeignKey(Record, on_delete=models.SET_NULL, null=True, blank=True, related_name="reading_items", verbose_name=_("record"))
    required = models.BooleanField(_("required reading"), default=True)

    class Meta:
        ordering = ["discipline", "-required", "citation"]
        verbose_name = _("reading list item")
        verbose_name_plural = _("reading list items")

    def __str__(self) -> str:
        return self.citation


class Work(models.Model):
    """A work in the repository: a publication of the Academy or a student's work, with its
    metadata in each language it has and its files."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        TEXTBOOK = "textbook", _("Textbook")
        MONOGRAPH = "monograph", _("Monograph")
        DISSERTATION = "dissertation", _("Dissertation")
        MASTERS_PROJECT = "masters", _("Master's project")
        PROCEEDINGS = "proceedings", _("Conference proceedings")

    class Access(models.TextChoices):
        OPEN = "open", _("Open to everyone")
        ACADEMY = "academy", _("The Academy only")
        RESTRICTED = "restricted", _("For official use")

    handle = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.ACADEMY)
    year = models.PositiveSmallIntegerField(_("year"))
    deposited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("deposited by"))
    deposited_at = models.DateTimeField(_("deposited at"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified at"), auto_now=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("repository work")
        verbose_name_plural = _("repository works")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:work", args=[self.pk])

    @property
    def title(self) -> str:
        """The title in the reader's language, or the first one it has (needs `metadata` prefetched)."""
        by_language = {m.language: m for m in self.metadata.all()}
        chosen = by_language.get((get_language() or "ru")[:2]) or next(iter(by_language.values()), None)
        return chosen.title if chosen else ""


class Metadata(models.Model):
    """A work's Dublin Core elements in one language (title, creators, subjects, description,
    publisher); the language-free elements (type, date, rights, identifier) are the work's."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="metadata", verbose_name=_("work"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=500)
    creators = models.CharField(_("authors"), max_length=500, help_text=_("Separated by semicolons."))
    subjects = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    description = models.TextField(_("abstract"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("metadata")
        verbose_name_plural = _("metadata")
        constraints = [models.UniqueConstraint(fields=["work", "language"], name="library_metadata_per_language")]

    def __str__(self) -> str:
        return self.title


class WorkFile(models.Model):
    """A file of a work (the text itself, in a language), with its text extracted for search and
    for the similarity check."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="files", verbose_name=_("work"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    file = models.FileField(_("file"), upload_to="library/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["language", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.name


class SearchEntry(models.Model):
    """What the search looks in for one record or work: its words reduced to their stems (the
    same stemmer on SQLite and PostgreSQL, so both give the same answers), its title apart (it
    weighs more), and what the filters and visibility need. The engines' own indexes over it —
    FTS5 on SQLite, a GIN index of the `simple` text search configuration on PostgreSQL — are
    made by `library.search_index.install`."""

    class Kind(models.TextChoices):
        RECORD = "record", _("Catalogue")
        WORK = "work", _("Repository")

    kind = models.CharField(max_length=6, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title_terms = models.TextField()
    body_terms = models.TextField()
    language = models.CharField(max_length=2)
    year = models.PositiveSmallIntegerField(null=True)
    access = models.CharField(max_length=10, default=Work.Access.OPEN)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="library_one_entry_per_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class Declaration(models.Model):
    """A student's or listener's acceptance of the academic honesty declaration (seed 001 §24-1)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="honesty_declaration", verbose_name=_("user"))
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("honesty declaration")
        verbose_name_plural = _("honesty declarations")

    def __str__(self) -> str:
        return str(self.user)


class Document(models.Model):
    """A text the similarity check compares against: a repository work's or a written work
    handed in elsewhere (known by its `key`, e.g. "distance.submission:12"), with its
    fingerprints stored beside it."""

    key = models.CharField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=500)
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("author"))
    text = models.TextField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checked text")
        verbose_name_plural = _("checked texts")

    def __str__(self) -> str:
        return self.title


class Fingerprint(models.Model):
    """One winnowing fingerprint of a document (a signed 64-bit hash)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    value = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return str(self.value)


class Check(models.Model):
    """A similarity check of a document: the share of its words found elsewhere (quotations, the
    bibliography and the assignment's own words excluded) and the matched passages."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="checks", verbose_name=_("checked text"))
    share = models.FloatField(_("similarity"))
    excluded = models.JSONField(default=list)  # character spans left out of the check
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"))
    # Who else reads the report: the teachers the checking app names (a course's lecturers).
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("reviewers"))

    history = HistoricalRecords(excluded_fields=["excluded"])

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("similarity check")
        verbose_name_plural = _("similarity checks")

    def __str__(self) -> str:
        return f"{self.document} · {self.share:.0%}"

    def get_absolute_url(self) -> str:
        return reverse("library:check", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(self.share * 100)


class CheckMatch(models.Model):
    """A copied passage: its span in the checked text and in the source."""

    check_run = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="matches")
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+", verbose_name=_("source"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    source_start = models.PositiveIntegerField()
    source_end = models.PositiveIntegerField()

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.source} [{self.start}:{self.end}]"


class Violation(models.Model):
    """The register of violations of academic honesty: a finding (usually from a check) and the
    decision on it; a confirmed one goes into the person's record of conduct, and an expulsion
    through the course's order."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Under review")
        DISMISSED = "dismissed", _("Dismissed")
        CONFIRMED = "confirmed", _("Confirmed")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    check_run = models.ForeignKey(Check, on_delete=models.PROTECT, null=True, blank=True, related_name="violations", verbose_name=_("similarity check"))
    found_on = models.DateField(_("found on"))
    description = models.TextField(_("description"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    conduct = models.ForeignKey(ConductRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("conduct record"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("academic honesty violation")
        verbose_name_plural = _("academic honesty violations")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_decision_display()}"
