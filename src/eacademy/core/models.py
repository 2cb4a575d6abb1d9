import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eacademy.core.roles import ACADEMY_WIDE_ROLES, STAFF_ROLES, Role


class User(AbstractUser):
    """A login. The human behind it is a `people.Person` (linked from there)."""

    language = models.CharField(_("interface language"), max_length=2, choices=settings.LANGUAGES, blank=True)
    must_change_password = models.BooleanField(
        _("must change the password"), default=False, help_text=_("Set when an administrator resets it: the user chooses his own at the next sign-in."))

    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_academy_wide(self) -> bool:
        return self.has_role(*ACADEMY_WIDE_ROLES)

    @property
    def needs_two_factor(self) -> bool:
        return self.has_role(*STAFF_ROLES)

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles


class Notification(models.Model):
    """A message to a user about a change that concerns him: shown in the app, and e-mailed by
    the task worker when he has an address."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user"))
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "ea_" + secrets.token_urlsafe(32)


class SigningKey(models.Model):
    """A key that signs the Academy's PDFs (PAdES): a signer's own, or the Academy's seal (no
    user) for documents issued in numbers (certificates, transcripts, contracts). The private
    key is kept encrypted with SIGNING_KEY_PASSPHRASE; see core/signing.py."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, null=True, blank=True, related_name="signing_key", verbose_name=_("signer"))
    certificate = models.TextField(_("certificate (PEM)"))
    chain = models.TextField(_("issuers' certificates (PEM)"), blank=True)
    private_key = models.TextField(_("private key (encrypted PEM)"), editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [models.UniqueConstraint(fields=["user"], condition=models.Q(user__isnull=True), name="core_one_seal")]

    def __str__(self) -> str:
        return self.user.get_full_name() if self.user else str(_("The Academy's seal"))


class TrustedAuthority(models.Model):
    """A certificate authority whose signatures the verification page accepts (the national
    authority's roots, or the Academy's own)."""

    name = models.CharField(_("name"), max_length=200)
    certificate = models.TextField(_("certificate (PEM)"))

    class Meta:
        verbose_name = _("trusted certificate authority")
        verbose_name_plural = _("trusted certificate authorities")

    def __str__(self) -> str:
        return self.name


class GradeScale(models.Model):
    """A grading scale as data: its bands turn points (0–100) into a letter, a grade point and
    a word. Pass/fail, Kazakhstan's point-letter scale and the five-point scale are seeded."""

    code = models.SlugField(_("code"), unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    has_gpa = models.BooleanField(_("has grade points"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    checked_on = models.DateField(_("checked against the source on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("grading scale")
        verbose_name_plural = _("grading scales")

    def __str__(self) -> str:
        return self.name_ru


class GradeBand(models.Model):
    scale = models.ForeignKey(GradeScale, on_delete=models.CASCADE, related_name="bands", verbose_name=_("scale"))
    min_points = models.DecimalField(_("from, points"), max_digits=5, decimal_places=2)
    max_points = models.DecimalField(_("to, points"), max_digits=5, decimal_places=2)
    letter = models.CharField(_("letter"), max_length=4)
    grade_point = models.DecimalField(_("grade point"), max_digits=3, decimal_places=2, null=True, blank=True)
    word_kk = models.CharField(_("word (Kazakh)"), max_length=60, blank=True)
    word_ru = models.CharField(_("word (Russian)"), max_length=60)
    word_en = models.CharField(_("word (English)"), max_length=60, blank=True)
    passed = models.BooleanField(_("passed"))
    retake_allowed = models.BooleanField(_("a retake is allowed"), default=False)

    class Meta:
        ordering = ["scale", "-min_points"]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        constraints = [models.CheckConstraint(condition=models.Q(max_points__gte=models.F("min_points")), name="core_band_ordered")]

    def __str__(self) -> str:
        return self.letter
