from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import Programme, ProgrammeKind
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.widgets import DATE
from eacademy.enrollment.models import Enrollment
from eacademy.internships.models import Placement
from eacademy.org.models import AgencyUnit
from eacademy.people.models import Person


class PlacementForm(forms.Form):
    enrollment = forms.ModelChoiceField(label=_("Intern"), queryset=Enrollment.objects.filter(
        offering__version__programme__kind=ProgrammeKind.INITIAL, status=Enrollment.Status.ENROLLED, placements=None).select_related("person", "offering__version__programme"))
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Unit"), queryset=AgencyUnit.objects.filter(
        agency__in=Programme.objects.filter(kind=ProgrammeKind.INITIAL).values("entering_agency")).select_related("agency"))
    mentor_iin = forms.CharField(label=_("Mentor's IIN"), max_length=12)
    supervisor = forms.ModelChoiceField(label=_("Supervisor from the Academy"), queryset=User.objects.filter(groups__name=Role.LECTURER).order_by("last_name", "username"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    plan = forms.CharField(label=_("Plan of the internship"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_mentor_iin(self) -> Person:
        mentor = Person.objects.filter(iin=self.cleaned_data["mentor_iin"].strip()).first()
        if mentor is None:
            raise forms.ValidationError(_("No person with this IIN."))
        return mentor


class DiaryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=12, initial=8)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class MentorForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Mentor's evaluation"), choices=Placement.Rating.choices, coerce=int)
    review = forms.CharField(label=_("Mentor's review"), widget=forms.Textarea(attrs={"rows": 3}))


class MarkForm(forms.Form):
    points = forms.DecimalField(label=_("Mark, points"), min_value=0, max_value=100, decimal_places=2)
