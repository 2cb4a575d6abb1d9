"""The Academy's governance: its councils and their decisions, orders of every kind with their
visas and signatures, appeals of citizens and organisations, the calendar of working days, and
the strategy's own monitoring (action plan, accreditation recommendations, proposals, the plan
of educational work)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.org.models import AcademyUnit

# --- Councils ----------------------------------------------------------------------------------


class Council(models.Model):
    """A governing board of the Academy (Rules §10) or a collegial body made by the Rector's order
    (§11), such as the Council of master's and doctoral students (§46)."""

    class Kind(models.TextChoices):
        ACADEMIC = "academic", _("Academic Council")
        SCIENTIFIC_METHODOLOGICAL = "sci_method", _("Scientific and Methodological Council")
        ACADEMIC_METHODOLOGICAL = "acad_method", _("Academic and Methodological Council")
        STUDENTS = "students", _("Council of master's and doctoral students")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, unique=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum, per cent of the members"), default=67, help_text=_("A meeting decides only when at least this share of the members is present.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [models.CheckConstraint(condition=models.Q(quorum_percent__gte=50, quorum_percent__lte=100), name="governance_quorum_range")]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return f"/governance/councils/{self.pk}/"


class Member(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("council"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("member"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "role", "user__last_name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="governance_member_unique")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.get_role_display()})"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("council"))
    number = models.PositiveSmallIntegerField(_("minutes number"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    present = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("members present"))
    members_count = models.PositiveSmallIntegerField(_("members of the council"), default=0)  # fixed when attendance is taken

    history = HistoricalRecords(m2m_fields=[present])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["council", "held_on", "number"], name="governance_meeting_unique")]

    def __str__(self) -> str:
        return _("%(council)s, minutes № %(number)s of %(date)s") % {"council": self.council, "number": self.number, "date": self.held_on.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return f"/governance/meetings/{self.pk}/"


class AgendaItem(models.Model):
    class Subject(models.TextChoices):
        PROGRAMME = "programme", _("Approval of an educational programme")
        DISSERTATION_TOPIC = "topic", _("Approval of a dissertation topic")
        ANNUAL_PLAN = "plan", _("Approval of the annual plan")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other question")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("number"))
    subject = models.CharField(_("kind of question"), max_length=10, choices=Subject.choices, default=Subject.OTHER)
    title = models.CharField(_("question"), max_length=500)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    materials = models.TextField(_("materials"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="governance_item_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(models.Model):
    """What a meeting resolved on an item, with the votes. Objects that a council approves (a
    programme version, a dissertation topic, the annual plan) link to their decision."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision", verbose_name=_("agenda item"))
    text = models.TextField(_("decision"))
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstained = models.PositiveSmallIntegerField(_("abstained"), default=0)
    adopted = models.BooleanField(_("adopted"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return _("Decision of the %(meeting)s, item %(position)s") % {"meeting": self.item.meeting, "position": self.item.position}

    def get_absolute_url(self) -> str:
        return f"/governance/meetings/{self.item.meeting_id}/#item-{self.item.position}"


# --- Orders ------------------------------------------------------------------------------------


class Order(models.Model):
    """A Rector's order of any kind: drafted, agreed by the visas of the units concerned, signed
    with the signer's key (a PAdES PDF) and published to those it concerns. Orders on the movement
    of listeners and on admission keep their lines in their own apps."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    class Kind(models.TextChoices):
        MOVEMENT = "movement", _("On the movement of listeners")
        ADMISSION = "admission", _("On admission to postgraduate study")
        APPROVAL = "approval", _("On approval of plans and programmes")
        BUSINESS_TRIP = "trip", _("On business trips of the staff")
        COMMENDATION = "commend", _("On commendation")
        PENALTY = "penalty", _("On disciplinary penalty")
        EVENT = "event", _("On holding an event")
        GENERAL = "general", _("On the main activity")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MOVEMENT)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("on the basis of the decision")
    )
    official_use = models.BooleanField(_("for official use"), default=False)
    readers = models.JSONField(_("roles that may read it"), default=list, blank=True)
    concerned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="orders_concerning", verbose_name=_("to be acquainted"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_pdf = models.BinaryField(_("signed PDF"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["signed_pdf"])

    class Meta:
        ordering = ["-year", "-number", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="governance_order_number_unique"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False, signed_by__isnull=False, signed_at__isnull=False),
                name="governance_signed_order_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}" if self.number else str(_("Draft order"))

    def get_absolute_url(self) -> str:
        return f"/enrollment/orders/{self.pk}/" if self.kind == self.Kind.MOVEMENT else f"/governance/orders/{self.pk}/"

    @property
    def title(self) -> str:
        return (self.title_kk if (get_language() or "")[:2] == "kk" else "") or self.title_ru or str(self.get_kind_display())


class Visa(models.Model):
    """One step of an order's approval route: the head of a unit concerned agrees or objects."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting")
        AGREED = "agreed", _("Agreed")
        OBJECTED = "objected", _("Objected")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="visas", verbose_name=_("order"))
    position = models.PositiveSmallIntegerField(_("step"))
    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    visor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visas", verbose_name=_("visa of"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "position"]
        verbose_name = _("visa")
        verbose_name_plural = _("visas")
        constraints = [
            models.UniqueConstraint(fields=["order", "position"], name="governance_visa_position_unique"),
            models.UniqueConstraint(fields=["order", "visor"], name="governance_visa_once"),
        ]

    def __str__(self) -> str:
        return f"{self.visor.get_full_name() or self.visor.username}: {self.get_status_display()}"


# --- Working days and appeals ------------------------------------------------------------------


class CalendarDay(models.Model):
    """A date that is not an ordinary weekday or weekend: a public holiday, a day off moved by the
    Government's decree, or a weekend made a working day. Data by year: filled from the
    `holidays` package and corrected by hand when a decree moves a day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        DAY_OFF = "day_off", _("Day off (moved)")
        WORKING = "working", _("Working day (moved)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(_("name"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.name}"


class Appeal(models.Model):
    """An appeal of a citizen or an organisation (Administrative Procedural Code, art. 76): its
    deadline counted in working days from the day after it came in."""

    class Channel(models.TextChoices):
        PAPER = "paper", _("In writing")
        PORTAL = "portal", _("E-otinish portal")
        EMAIL = "email", _("E-mail")
        RECEPTION = "reception", _("Personal reception")
        PHONE = "phone", _("Telephone")

    class Applicant(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        ORGANISATION = "org", _("Organisation")

    class Status(models.TextChoices):
        OPEN = "open", _("Under consideration")
        ANSWERED = "answered", _("Answered")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("registration number"))
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    applicant_kind = models.CharField(_("applicant"), max_length=8, choices=Applicant.choices, default=Applicant.CITIZEN)
    applicant = models.CharField(_("name of the applicant"), max_length=300)
    contact = models.CharField(_("address or contact"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit answering"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals", verbose_name=_("executor")
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.BinaryField(_("answer document"), null=True, blank=True, editable=False)
    answer_name = models.CharField(_("file name"), max_length=200, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by"))

    history = HistoricalRecords(excluded_fields=["answer_file"])

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="governance_appeal_number_unique")]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"№ {self.number}/{self.year}"

    def get_absolute_url(self) -> str:
        return f"/governance/appeals/{self.pk}/"


class Extension(models.Model):
    """A deadline moved by the head's reasoned decision (art. 76: at most two months in all)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("appeal"))
    previous = models.DateField(_("previous deadline"))
    deadline = models.DateField(_("new deadline"))
    reason = models.CharField(_("reason"), max_length=500)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["appeal", "decided_at"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.previous:%d.%m.%Y} → {self.deadline:%d.%m.%Y}"


# --- Quality and strategy ----------------------------------------------------------------------


class Progress(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "progress", _("In progress")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class Monitored(models.Model):
    """What the Academy monitors: the unit responsible, the deadline, how far it has come and the
    evidence that it is done."""

    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit responsible"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=8, choices=Progress.choices, default=Progress.PLANNED)
    evidence = models.TextField(_("evidence of fulfilment"), blank=True)

    class Meta:
        abstract = True


class Measure(Monitored):
    """A measure of the strategy's action plan, under its goal and task (monitored by the
    Academic Council)."""

    goal = models.CharField(_("goal"), max_length=300)
    task = models.CharField(_("task"), max_length=300)
    text = models.TextField(_("measure"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "task", "deadline", "id"]
        verbose_name = _("measure of the action plan")
        verbose_name_plural = _("action plan")

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(Monitored):
    """A recommendation of the external accreditation (IQAA) for the post-accreditation period."""

    code = models.CharField(_("number"), max_length=20, unique=True)
    standard = models.CharField(_("standard"), max_length=200)
    text = models.TextField(_("recommendation"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("accreditation recommendation")
        verbose_name_plural = _("accreditation recommendations")

    def __str__(self) -> str:
        return self.code


class Proposal(models.Model):
    """A proposal to improve the work or a best practice to spread (seed 000 §7.11, §7.29)."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal for improvement")
        PRACTICE = "practice", _("Best practice")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        IMPLEMENTED = "done", _("Implemented")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("description"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    outcome = models.TextField(_("outcome"), blank=True)
    submitted_on = models.DateField(_("submitted on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        verbose_name = _("proposal or best practice")
        verbose_name_plural = _("proposals and best practices")

    def __str__(self) -> str:
        return self.title


class EducationalEvent(models.Model):
    """An event of the plan of educational work (Rules §45-46)."""

    class Direction(models.TextChoices):
        PATRIOTIC = "patriotic", _("Patriotic education")
        LEGAL = "legal", _("Legal culture")
        HEALTH = "health", _("Healthy lifestyle")
        CULTURE = "culture", _("Culture and sport")

    title = models.CharField(_("event"), max_length=300)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    held_on = models.DateField(_("date"))
    unit = models.ForeignKey(AcademyUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit responsible"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Progress.choices, default=Progress.PLANNED)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("participants"))
    report = models.TextField(_("report"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("educational event")
        verbose_name_plural = _("plan of educational work")

    def __str__(self) -> str:
        return self.title
