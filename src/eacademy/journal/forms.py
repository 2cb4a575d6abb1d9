from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import Discipline
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.widgets import DATE, DATETIME
from eacademy.enrollment.models import Group
from eacademy.journal.models import Certification
from eacademy.timetable.models import Lesson


class CertificationForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Commission"), queryset=User.objects.filter(groups__name__in=[Role.LECTURER, Role.HEAD_OF_DEPARTMENT, Role.METHODOLOGIST]).distinct()
    )

    class Meta:
        model = Certification
        fields = ["offering", "group", "discipline", "kind", "held_on", "protocol_number", "chair", "members"]
        widgets = {"held_on": DATE}


class MarkForm(forms.Form):
    points = forms.DecimalField(label=_("Points"), min_value=0, max_value=100, decimal_places=2)
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["discipline", "starts_at", "minutes", "kind", "topic", "lecturer", "room"]
        widgets = {"starts_at": DATETIME}

    def __init__(self, *args: object, group: Group, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["discipline"].queryset = Discipline.objects.filter(module__version_id=group.offering.version_id)  # type: ignore[attr-defined]
        self.fields["lecturer"].queryset = User.objects.filter(groups__name__in=[Role.LECTURER, Role.HEAD_OF_DEPARTMENT]).distinct()  # type: ignore[attr-defined]
