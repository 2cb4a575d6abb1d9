from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import ListenerCategory, Programme, ProgrammeVersion, StudyFormat
from eacademy.core.widgets import DATE
from eacademy.org.models import AcademyUnit, Agency


class NeedForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), required=False
    )
    topic = forms.CharField(label=_("Topic (when no programme fits)"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category of listeners"), choices=ListenerCategory.choices)
    quantity = forms.IntegerField(label=_("Number of listeners"), min_value=1, max_value=10_000)
    qualitative = forms.CharField(
        label=_("Topics and deficiencies found in inspections"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: object, agencies: QuerySet[Agency], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in (year, year + 1, year + 2)]  # type: ignore[attr-defined]


class OfferingForm(forms.Form):
    version: forms.ModelChoiceField[ProgrammeVersion] = forms.ModelChoiceField(
        label=_("Programme"), queryset=ProgrammeVersion.objects.filter(status=ProgrammeVersion.Status.APPROVED).select_related("programme")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, initial="Қосшы")
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    language = forms.ChoiceField(label=_("Language of instruction"), choices=settings.LANGUAGES, initial="ru")
    study_format = forms.ChoiceField(label=_("Format"), choices=StudyFormat.choices)
    department: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=AcademyUnit.objects.filter(kind__in=[AcademyUnit.Kind.DEPARTMENT, AcademyUnit.Kind.CENTRE]).order_by("path")
    )


class QuotaForm(forms.Form):
    """One number field per agency: the seats reserved for it."""

    def __init__(self, *args: object, agencies: list[Agency], current: dict[int, int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.agencies = agencies
        for agency in agencies:
            self.fields[f"agency_{agency.pk}"] = forms.IntegerField(
                label=agency.short_name, min_value=0, max_value=1000, initial=current.get(agency.pk, 0), required=False
            )

    def seats(self) -> dict[Agency, int]:
        return {agency: self.cleaned_data.get(f"agency_{agency.pk}") or 0 for agency in self.agencies}
