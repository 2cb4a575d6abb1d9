from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.core.widgets import DATE
from eacademy.distance.models import Material, OnlineMeeting


class MeetingForm(forms.Form):
    system = forms.ChoiceField(label=_("system"), choices=OnlineMeeting.System.choices)
    url = forms.CharField(label=_("meeting link (another system)"), max_length=500, required=False)



class SectionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    visible_from = forms.DateField(label=_("visible from"), required=False, widget=DATE)


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Material.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    body = forms.CharField(label=_("text of a page"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    url = forms.CharField(label=_("address of a link or a video"), max_length=500, required=False)
    upload = forms.FileField(label=_("file or video"), required=False)
    visible_from = forms.DateField(label=_("visible from"), required=False, widget=DATE)
    required = forms.BooleanField(label=_("counts for completion"), required=False, initial=True)
