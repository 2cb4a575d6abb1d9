from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.distance.models import OnlineMeeting


class MeetingForm(forms.Form):
    system = forms.ChoiceField(label=_("system"), choices=OnlineMeeting.System.choices)
    url = forms.CharField(label=_("meeting link (another system)"), max_length=500, required=False)
