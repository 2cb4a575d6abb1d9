from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.core.models import User
from eacademy.core.widgets import DATE
from eacademy.timetable.models import Period, Room


class RunForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    repair = forms.BooleanField(label=_("Re-plan: move as few lessons as possible"), required=False)
    seconds = forms.IntegerField(label=_("Time limit, seconds"), initial=120, min_value=5, max_value=600)


class MoveForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.order_by("number"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.filter(is_active=True).order_by("code"))


class UnavailabilityForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("Lecturer"), queryset=User.objects.filter(teachings__isnull=False).distinct().order_by("last_name", "username"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)


WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday"))]


class SlotsForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("Invited lecturer"), queryset=User.objects.filter(teachings__isnull=False).distinct().order_by("last_name", "username"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    weekdays = forms.TypedMultipleChoiceField(label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple)
    periods = forms.ModelMultipleChoiceField(label=_("Periods"), queryset=Period.objects.all(), widget=forms.CheckboxSelectMultiple)


class ClosureForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.filter(is_active=True).order_by("code"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class LoadForm(forms.Form):
    starts_on = forms.DateField(label=_("Courses starting from"), widget=DATE)
    ends_on = forms.DateField(label=_("to"), widget=DATE)


class LecturerForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("Lecturer"), queryset=User.objects.filter(person__staff__isnull=False).order_by("last_name", "username"))
