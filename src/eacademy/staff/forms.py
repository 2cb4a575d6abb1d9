from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eacademy.core.widgets import DATE
from eacademy.org.models import AcademyUnit, ClassRank
from eacademy.people.models import Person, StaffMember
from eacademy.staff.models import Development, HubArea


class StaffFilterForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Unit"), queryset=AcademyUnit.objects.filter(staff__isnull=False).distinct().order_by("code"), required=False)
    kind = forms.ChoiceField(label=_("Who"), required=False, choices=[("", _("everyone")), ("staff", _("Academy staff")), ("invited", _("invited lecturers"))])
    degree = forms.ChoiceField(label=_("Academic degree"), required=False, choices=[("", _("any")), *StaffMember.Degree.choices[1:], ("none", _("no academic degree"))])


class ProfileForm(forms.Form):
    academic_degree = forms.ChoiceField(label=_("Academic degree"), choices=StaffMember.Degree.choices, required=False)
    academic_title = forms.ChoiceField(label=_("Academic title"), choices=StaffMember.Title.choices, required=False)
    rank = forms.ModelChoiceField(label=_("Special title or class rank"), queryset=ClassRank.objects.all(), required=False)
    practice_years = forms.IntegerField(label=_("Years of practical experience"), min_value=0, max_value=70)
    is_invited = forms.BooleanField(label=_("Invited lecturer"), required=False)
    organisation = forms.CharField(label=_("Organisation served in"), max_length=200, required=False)
    topics = forms.CharField(label=_("Topics lectured on"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)


class DevelopmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Development.Kind.choices)
    title = forms.CharField(label=_("Course or programme"), max_length=300)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=2000)
    document = forms.CharField(label=_("Certificate number"), max_length=60, required=False)


class HubTrainerForm(forms.Form):
    identifier = forms.CharField(label=_("IIN or passport number"), max_length=20)
    area = forms.ChoiceField(label=_("Area"), choices=HubArea.choices)
    qualified_on = forms.DateField(label=_("Qualified on"), widget=DATE)
    document = forms.CharField(label=_("Certificate number"), max_length=60, required=False)

    def clean_identifier(self) -> Person:
        text = self.cleaned_data["identifier"].strip()
        found = list(Person.objects.filter(Q(iin=text) | Q(passport_number=text))[:2]) if text else []
        if not found:
            raise forms.ValidationError(_("No person with this IIN or passport number."))
        if len(found) > 1:
            raise forms.ValidationError(_("Passports of several countries carry this number; register the trainer in the admin."))
        return found[0]
