from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import Programme
from eacademy.evaluation.queries import DIMENSIONS
from eacademy.org.models import AcademyUnit, Agency


class FilterForm(forms.Form):
    """The dashboards' filters; a value that is not offered is refused with a message and left out."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.order_by("short_name"), required=False, empty_label=_("All agencies"))
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.order_by("code"), required=False, empty_label=_("All programmes"))
    department: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("Department"), queryset=AcademyUnit.objects.filter(kind=AcademyUnit.Kind.DEPARTMENT).order_by("code"),
                                        required=False, empty_label=_("All departments"))

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [(y, y) for y in reversed(years)]  # type: ignore[attr-defined]


class EffectivenessForm(FilterForm):
    by = forms.ChoiceField(label=_("By"), required=False, choices=[
        ("programme", _("programme")), ("offering", _("course")), ("lecturer", _("lecturer")), ("department", _("department")), ("agency", _("agency")),
        ("year", _("year"))])

    def clean_by(self) -> str:
        return self.cleaned_data.get("by") if self.cleaned_data.get("by") in DIMENSIONS else "programme"  # type: ignore[return-value]
