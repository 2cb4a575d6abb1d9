from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eacademy.core.widgets import DATE
from eacademy.org.models import Agency, AgencyUnit, ClassRank, Position
from eacademy.people.models import Sex
from eacademy.people.services import PersonData


class PersonForm(forms.Form):
    """Normalises what was typed; the rules themselves live in `services.person_create`."""

    citizenship = forms.CharField(label=_("Citizenship (ISO code)"), max_length=2, initial="KZ")
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    passport_number = forms.CharField(label=_("Passport number (foreign participants)"), max_length=20, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    middle_name = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    last_name_latin = forms.CharField(label=_("Last name (Latin)"), max_length=100, required=False)
    first_name_latin = forms.CharField(label=_("First name (Latin)"), max_length=100, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("from the IIN"))] + Sex.choices, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.RegexField(label=_("Phone"), regex=r"^\+?[0-9 ()\-]{5,20}$", required=False, error_messages={"invalid": _("Enter a phone number: digits, spaces, brackets, a leading +.")})
    head_name = forms.CharField(label=_("Direct head"), max_length=200, required=False, help_text=_("Asked some months after each course how the officer works."))
    head_email = forms.EmailField(label=_("Direct head's e-mail"), required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    unit: forms.ModelChoiceField[AgencyUnit] = forms.ModelChoiceField(label=_("Unit"), queryset=AgencyUnit.objects.none(), required=False)
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.all(), required=False)
    rank = forms.ModelChoiceField(label=_("Class rank"), queryset=ClassRank.objects.all(), required=False)

    def __init__(self, *args: object, agencies: QuerySet[Agency], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["unit"].queryset = AgencyUnit.objects.filter(agency__in=agencies).select_related("agency").order_by("path")  # type: ignore[attr-defined]

    def to_data(self) -> PersonData:
        return PersonData(**self.cleaned_data)
