import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eacademy.campus.models import ConductRecord
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.widgets import DATE
from eacademy.library.models import LANGUAGES, Record, SearchEntry, Work
from eacademy.library.services import isbn_clean
from eacademy.people.models import Person

_INVENTORY = re.compile(r"[\s,;]+")


def _isbn_or_blank(value: str) -> str:
    try:
        return isbn_clean(value)
    except DomainError:
        return "-"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Where"), choices=[("", _("Catalogue and repository")), *SearchEntry.Kind.choices], required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Any language")), *LANGUAGES], required=False)
    year_from = forms.IntegerField(label=_("Year from"), min_value=1800, max_value=2100, required=False)
    year_to = forms.IntegerField(label=_("Year to"), min_value=1800, max_value=2100, required=False)


class RecordForm(forms.ModelForm):
    class Meta:
        model = Record
        fields = ["kind", "title", "authors", "publisher", "place", "year", "isbn", "language", "call_number", "keywords", "summary", "subjects"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


def _reader(value: str) -> User:
    """A reader by login or IIN."""
    value = "".join(value.split())
    reader = User.objects.filter(username=value, is_active=True).first() or User.objects.filter(person__iin=value, is_active=True).first()
    if reader is None:
        raise forms.ValidationError(_("No active user has this login or IIN."))
    return reader


class IssueForm(forms.Form):
    reader = forms.CharField(label=_("Reader (login or IIN)"), max_length=150)
    inventory_number = forms.CharField(label=_("Inventory number"), max_length=30)

    def clean_reader(self) -> User:
        return _reader(self.cleaned_data["reader"])


class ReturnForm(forms.Form):
    inventory_number = forms.CharField(label=_("Inventory number"), max_length=30)


class AcquisitionForm(forms.Form):
    number = forms.CharField(label=_("Act number"), max_length=30)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    basis = forms.CharField(label=_("Supplier and invoice, or gift"), max_length=300)
    lines = forms.CharField(label=_("Copies"), widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("A line per record: its ISBN or catalogue number, then how many copies, e.g. “9786010000000 5”."))

    def clean_lines(self) -> list[tuple[Record, int]]:
        lines, errors = [], []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2 or not parts[1].isdigit() or int(parts[1]) < 1:
                errors.append(_("Line %(line)s: write the record and a number of copies.") % {"line": number})
                continue
            key = parts[0].replace("-", "")
            record = Record.objects.filter(pk=int(key)).first() if key.isdigit() and len(key) < 10 else Record.objects.filter(isbn=_isbn_or_blank(key)).first()
            if record is None:
                errors.append(_("Line %(line)s: no record with ISBN or number %(key)s.") % {"line": number, "key": parts[0]})
                continue
            lines.append((record, int(parts[1])))
        if errors:
            raise forms.ValidationError(errors)
        if not lines:
            raise forms.ValidationError(_("Name at least one record."))
        return lines


class WriteOffForm(forms.Form):
    number = forms.CharField(label=_("Act number"), max_length=30)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    basis = forms.CharField(label=_("Reason"), max_length=300)
    inventory_numbers = forms.CharField(label=_("Inventory numbers"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_inventory_numbers(self) -> list[str]:
        return [n for n in _INVENTORY.split(self.cleaned_data["inventory_numbers"]) if n]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class DepositForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Work.Kind.choices)
    access = forms.ChoiceField(label=_("Access"), choices=Work.Access.choices, initial=Work.Access.ACADEMY)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, initial=lambda: timezone.localdate().year)
    author_iin = forms.CharField(label=_("Author's IIN (a student or a member of staff)"), max_length=12, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX or ODT)"), required=False)
    file_language = forms.ChoiceField(label=_("Language of the file"), choices=LANGUAGES, initial="ru")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for code, name in LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title") + f" ({name})", max_length=500, required=False)
            self.fields[f"creators_{code}"] = forms.CharField(label=_("Authors") + f" ({name})", max_length=500, required=False,
                                                              help_text=_("Separated by semicolons."))
            self.fields[f"subjects_{code}"] = forms.CharField(label=_("Keywords") + f" ({name})", max_length=500, required=False)
            self.fields[f"description_{code}"] = forms.CharField(label=_("Abstract") + f" ({name})", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_author_iin(self) -> Person | None:
        iin = "".join(self.cleaned_data["author_iin"].split())
        if not iin:
            return None
        person = Person.objects.filter(iin=iin).first()
        if person is None:
            raise forms.ValidationError(_("No person with this IIN."))
        return person


class AccessForm(forms.Form):
    access = forms.ChoiceField(label=_("Access"), choices=Work.Access.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class TextCheckForm(forms.Form):
    title = forms.CharField(label=_("Title of the work"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    file = forms.FileField(label=_("…or its file (PDF, DOCX or ODT)"), required=False)
    own_text = forms.CharField(label=_("The assignment's own text (left out of the check)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the text or choose its file."))
        return data


class ViolationForm(forms.Form):
    iin = forms.CharField(label=_("IIN"), max_length=12)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    found_on = forms.DateField(label=_("Found on"), widget=DATE, initial=timezone.localdate)

    def clean_iin(self) -> Person:
        person = Person.objects.filter(iin="".join(self.cleaned_data["iin"].split())).first()
        if person is None:
            raise forms.ValidationError(_("No person with this IIN."))
        return person

    def clean_found_on(self) -> datetime.date:
        if self.cleaned_data["found_on"] > timezone.localdate():
            raise forms.ValidationError(_("The date is not in the future."))
        return self.cleaned_data["found_on"]


BREACH_MEASURES = [(m.value, m.label) for m in ConductRecord.Measure if m not in (ConductRecord.Measure.GRATITUDE, ConductRecord.Measure.CERTIFICATE)]


class DecisionForm(forms.Form):
    confirmed = forms.TypedChoiceField(label=_("Decision"), choices=[("1", _("Confirm")), ("0", _("Dismiss"))], coerce=lambda v: v == "1")
    measure = forms.ChoiceField(label=_("Measure"), choices=[("", "—"), *BREACH_MEASURES], required=False)
    reason = forms.CharField(label=_("Grounds"), max_length=300)


class ReadingItemForm(forms.Form):
    citation = forms.CharField(label=_("Reference"), max_length=500)
    isbn = forms.CharField(label=_("ISBN of the book held, if any"), max_length=20, required=False)
    required = forms.BooleanField(label=_("Required reading"), required=False, initial=True)

    def clean_isbn(self) -> Record | None:
        try:
            value = isbn_clean(self.cleaned_data["isbn"])
        except DomainError as exc:
            raise forms.ValidationError(exc.messages) from exc
        if not value:
            return None
        record = Record.objects.filter(isbn=value).first()
        if record is None:
            raise forms.ValidationError(_("The catalogue has no record with this ISBN."))
        return record
