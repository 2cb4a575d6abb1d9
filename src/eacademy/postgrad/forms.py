from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eacademy.people.models import StaffMember
from eacademy.postgrad.models import Mark, PlanLine, Teaching


class ChooseForm(forms.Form):
    teaching = forms.ModelChoiceField(label=_("discipline and period"), queryset=Teaching.objects.none())

    def __init__(self, *args: object, teachings: QuerySet[Teaching], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["teaching"].queryset = teachings  # type: ignore[attr-defined]


class DropForm(forms.Form):
    line = forms.ModelChoiceField(queryset=PlanLine.objects.none())

    def __init__(self, *args: object, lines: QuerySet[PlanLine], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("what to change"), max_length=500)


class SupervisorForm(forms.Form):
    supervisor = forms.ModelChoiceField(label=_("supervisor"), queryset=StaffMember.objects.select_related("person", "position").filter(is_invited=False))
    co_supervisor = forms.CharField(label=_("co-supervisor (name, organisation, country)"), max_length=300, required=False)


class MarkForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.IntegerField(label=_("points"), min_value=0, max_value=100)
    attempt = forms.ChoiceField(choices=Mark.Attempt.choices, widget=forms.HiddenInput)
