from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.campus.models import Bed, ConductRecord, LeaveRequest
from eacademy.core.widgets import DATE, DATETIME
from eacademy.enrollment.models import Enrollment
from eacademy.planning.models import Offering


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LeaveRequest.Kind.choices)
    leaves_at = forms.DateTimeField(label=_("Leaves"), widget=DATETIME)
    returns_at = forms.DateTimeField(label=_("Returns"), widget=DATETIME)
    destination = forms.CharField(label=_("Destination"), max_length=200)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("Decision"), choices=[("1", _("Approve")), ("0", _("Refuse"))], coerce=lambda v: v == "1")
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class ConductForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConductRecord.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    witnesses = forms.CharField(label=_("Witnesses"), max_length=300, required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=ConductRecord.Measure.choices)


class MoveForm(forms.Form):
    bed = forms.ModelChoiceField(label=_("New bed"), queryset=Bed.objects.none())

    def __init__(self, *args: object, beds: list[Bed], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["bed"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Bed.objects.filter(pk__in=[bed.pk for bed in beds]).select_related("room__building")


MAX_NIGHTS = 92


class OccupancyForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and not 0 < (ends_on - starts_on).days <= MAX_NIGHTS:
            raise forms.ValidationError(_("Show from 1 to %(max)s nights.") % {"max": MAX_NIGHTS})
        return data


class AccessNeedForm(forms.Form):
    enrollment = forms.ModelChoiceField(label=_("Listener"), queryset=Enrollment.objects.none())
    needed = forms.BooleanField(label=_("Needs a room fitted for a disability"), required=False, initial=True)
    note = forms.CharField(label=_("What is needed"), max_length=200, required=False)

    def __init__(self, *args: object, offering: Offering, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["enrollment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offering.enrollments.filter(status=Enrollment.Status.ENROLLED).select_related("person").order_by("person__last_name", "person__first_name")
        field.label_from_instance = lambda enrollment: enrollment.person.full_name  # type: ignore[assignment]
