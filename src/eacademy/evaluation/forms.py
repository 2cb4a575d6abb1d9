from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.evaluation.models import FollowUp


class FollowUpForm(forms.Form):
    work_quality = forms.TypedChoiceField(label=_("How has the quality of the employee's work changed since the course?"), choices=FollowUp.Change.choices,
                                          coerce=int, widget=forms.RadioSelect)
    deficiencies = forms.TypedChoiceField(label=_("Are there fewer deficiencies in the employee's work?"), choices=FollowUp.Change.choices,
                                          coerce=int, widget=forms.RadioSelect)
    applies_topics = forms.TypedChoiceField(label=_("Does the employee apply what the course taught?"), choices=FollowUp.Change.choices,
                                            coerce=int, widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class SendForm(forms.Form):
    enrollment = forms.IntegerField(widget=forms.HiddenInput)
    head_name = forms.CharField(label=_("Direct head"), max_length=200)
    head_email = forms.EmailField(label=_("Direct head's e-mail"))
