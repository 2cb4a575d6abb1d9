from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.journal.models import Certification


class CertificationForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Commission"), queryset=User.objects.filter(groups__name__in=[Role.LECTURER, Role.HEAD_OF_DEPARTMENT, Role.METHODOLOGIST]).distinct()
    )

    class Meta:
        model = Certification
        fields = ["offering", "group", "discipline", "kind", "held_on", "protocol_number", "chair", "members"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


class MarkForm(forms.Form):
    points = forms.DecimalField(label=_("Points"), min_value=0, max_value=100, decimal_places=2)
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
