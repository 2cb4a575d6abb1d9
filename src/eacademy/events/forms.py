import datetime
import re

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eacademy.core.errors import DomainError
from eacademy.core.widgets import DATETIME
from eacademy.events import services
from eacademy.events.models import Event, Expert, Registration, Session
from eacademy.people.models import Person

LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
MAX_INVITATIONS = 200
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' .-]*$")


class EventForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = ["name_kk", "name_ru", "name_en", "format", "hub_area", "cis_council", "unit", "partners", "country", "place", "online_link", "languages",
                  "starts_on", "ends_on", "capacity"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}), "ends_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The event ends on or after its first day."))
        if starts and starts < timezone.localdate():
            self.add_error("starts_on", _("A new event starts today or later."))
        if data.get("hub_area") and data.get("cis_council"):
            self.add_error("cis_council", _("An event is of the Hub or of a CIS council, not both."))
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Give the place or the online link."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "speakers"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["speakers"].queryset = Expert.objects.select_related("person")  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    emails = forms.CharField(label=_("E-mail addresses"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line or separated by commas."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def clean_emails(self) -> list[str]:
        emails = [e.strip() for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e.strip()]
        if len(emails) > MAX_INVITATIONS:
            raise forms.ValidationError(_("At most %(count)s invitations at a time.") % {"count": MAX_INVITATIONS})
        wrong = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(_("Not e-mail addresses: %(list)s") % {"list": ", ".join(wrong[:10])})
        return list(dict.fromkeys(emails))


class ParticipantFields(forms.ModelForm):
    """What a participant gives about himself: his name as in the passport (Latin letters, as
    a visa letter needs it), passport, nationality, date of birth, work, needs and travel."""

    class Meta:
        model = Registration
        fields = ["last_name", "first_name", "passport_number", "nationality", "birth_date", "organisation", "position", "email", "phone",
                  "dietary_needs", "accessibility_needs", "arrival_on", "departure_on"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}), "arrival_on": forms.DateInput(attrs={"type": "date"}),
                   "departure_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: object, event: Event, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.event = event
        for name in ("passport_number", "birth_date", "email"):
            self.fields[name].required = True

    def _latin(self, name: str) -> str:
        value = " ".join(self.cleaned_data[name].split())
        if not _LATIN_NAME.match(value):
            raise forms.ValidationError(_("Write the name in Latin letters, as in the passport."))
        return value.upper()

    def clean_passport_number(self) -> str:
        number = self.cleaned_data["passport_number"]
        if not number:
            return number
        try:
            return services.passport_number(number)
        except DomainError as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean_last_name(self) -> str:
        return self._latin("last_name")

    def clean_first_name(self) -> str:
        return self._latin("first_name")

    def clean_birth_date(self) -> datetime.date | None:
        born = self.cleaned_data["birth_date"]
        if born is None:  # optional only where the person's record gives it
            return None
        age = (self.event.starts_on - born).days / 365.25
        if not 16 <= age <= 100:
            raise forms.ValidationError(_("The date of birth does not look right: check the year."))
        return born

    def clean(self) -> dict:
        data = super().clean() or {}
        arrival, departure = data.get("arrival_on"), data.get("departure_on")
        margin = datetime.timedelta(days=14)
        for name, day in (("arrival_on", arrival), ("departure_on", departure)):
            if day and not self.event.starts_on - margin <= day <= self.event.ends_on + margin:
                self.add_error(name, _("Within two weeks of the event's dates."))
        if arrival and departure and departure < arrival:
            self.add_error("departure_on", _("The departure is on or after the arrival."))
        return data


class RegistrationForm(ParticipantFields):
    consent = forms.BooleanField(label=_("I agree that these data are kept for the event and erased after the periods stated."))


class ParticipantAddForm(ParticipantFields):
    """The organiser adds a participant: an officer of Kazakhstan's agencies by his IIN, or a
    foreigner by passport and country (as the invitation form asks him)."""

    iin = forms.CharField(label=_("IIN (an officer of Kazakhstan)"), max_length=12, required=False)
    field_order = ["iin"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.data.get(self.add_prefix("iin"), "").strip():  # by IIN: the rest comes from the person's record
            for name, field in self.fields.items():
                field.required = name == "iin"

    def clean_iin(self) -> Person | None:
        iin = "".join(self.cleaned_data["iin"].split())
        if not iin:
            return None
        person = Person.objects.filter(iin=iin).first()
        if person is None:
            raise forms.ValidationError(_("No person with this IIN."))
        return person

    def _latin(self, name: str) -> str:
        return super()._latin(name) if not self.data.get(self.add_prefix("iin"), "").strip() else self.cleaned_data[name]
