from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.core.models import User
from eacademy.core.roles import STAFF_ROLES, Role
from eacademy.core.widgets import DATE
from eacademy.governance.models import AgendaItem, Appeal, Decision, EducationalEvent, Member, Order, Progress, Proposal
from eacademy.governance.rules import OFFICIAL_ROLES
from eacademy.org.models import AcademyUnit


class StaffChoiceField(forms.ModelChoiceField):
    """A member of the staff named with his login: two people may share a name."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.username})"


def _staff() -> StaffChoiceField:
    return StaffChoiceField(label=_("member of the staff"), queryset=User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
                            .distinct().order_by("last_name", "first_name"))


class MemberForm(forms.Form):
    user = _staff()
    role = forms.ChoiceField(label=_("role"), choices=Member.Role.choices, initial=Member.Role.MEMBER)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("date"), widget=DATE)
    place = forms.CharField(label=_("place"), max_length=200, required=False)


class AgendaForm(forms.Form):
    subject = forms.ChoiceField(label=_("kind of question"), choices=AgendaItem.Subject.choices)
    title = forms.CharField(label=_("question"), max_length=500)
    speaker = forms.CharField(label=_("speaker"), max_length=200, required=False)
    materials = forms.CharField(label=_("materials"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("for"), min_value=0, max_value=500)
    votes_against = forms.IntegerField(label=_("against"), min_value=0, max_value=500, initial=0)
    abstained = forms.IntegerField(label=_("abstained"), min_value=0, max_value=500, initial=0)


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[(k, label) for k, label in Order.Kind.choices if k not in ("movement", "admission")])
    title_kk = forms.CharField(label=_("title (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=_("title (Russian)"), max_length=300)
    text_kk = forms.CharField(label=_("text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 6}))
    text_ru = forms.CharField(label=_("text (Russian)"), widget=forms.Textarea(attrs={"rows": 6}))
    decision = forms.ModelChoiceField(label=_("on the basis of the decision"), required=False,
                                      queryset=Decision.objects.filter(adopted=True).select_related("item__meeting__council").order_by("-recorded_at"))
    official_use = forms.BooleanField(label=_("for official use"), required=False)
    readers = forms.MultipleChoiceField(label=_("roles that may read it"), required=False, widget=forms.CheckboxSelectMultiple,
                                        choices=[(r, Role(r).label) for r in OFFICIAL_ROLES])
    concerned = forms.ModelMultipleChoiceField(label=_("to be acquainted"), required=False,
                                               queryset=User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES).distinct().order_by("last_name"))


class VisaRouteForm(forms.Form):
    first = _staff()
    first_unit: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("unit"), queryset=AcademyUnit.objects.all(), required=False)
    second = _staff()
    second.required = False
    second_unit: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("unit"), queryset=AcademyUnit.objects.all(), required=False)
    third = _staff()
    third.required = False
    third_unit: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("unit"), queryset=AcademyUnit.objects.all(), required=False)

    def route(self) -> list[tuple[User, AcademyUnit | None]]:
        data = self.cleaned_data
        return [(data[step], data[f"{step}_unit"]) for step in ("first", "second", "third") if data.get(step)]


class VisaForm(forms.Form):
    agree = forms.TypedChoiceField(label=_("visa"), coerce=lambda v: v == "yes", choices=[("yes", _("Agree")), ("no", _("Object"))])
    comment = forms.CharField(label=_("comment"), max_length=500, required=False)


class AppealForm(forms.Form):
    received_on = forms.DateField(label=_("received on"), widget=DATE)
    channel = forms.ChoiceField(label=_("channel"), choices=Appeal.Channel.choices)
    applicant_kind = forms.ChoiceField(label=_("applicant"), choices=Appeal.Applicant.choices)
    applicant = forms.CharField(label=_("name of the applicant"), max_length=300)
    contact = forms.CharField(label=_("address or contact"), max_length=300, required=False)
    subject = forms.CharField(label=_("subject"), max_length=500)
    unit: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("unit answering"), queryset=AcademyUnit.objects.all())
    assignee = _staff()
    assignee.required = False
    assignee.label = _("executor")


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))
    answered_on = forms.DateField(label=_("answered on"), widget=DATE)
    document = forms.FileField(label=_("answer document (PDF)"), required=False)


class ExtensionForm(forms.Form):
    deadline = forms.DateField(label=_("new deadline"), widget=DATE)
    reason = forms.CharField(label=_("reason"), max_length=500)


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Progress.choices)
    evidence = forms.CharField(label=_("evidence of fulfilment"), max_length=2000, required=False)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Proposal.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    text = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}))


class ProposalDecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("decision"), choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.SUBMITTED])
    outcome = forms.CharField(label=_("outcome"), max_length=2000)


class EventReportForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Progress.choices)
    report = forms.CharField(label=_("report"), max_length=2000, required=False)


class EventForm(forms.Form):
    title = forms.CharField(label=_("event"), max_length=300)
    direction = forms.ChoiceField(label=_("direction"), choices=EducationalEvent.Direction.choices)
    held_on = forms.DateField(label=_("date"), widget=DATE)
    unit: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("unit responsible"), queryset=AcademyUnit.objects.all())


class VerifyForm(forms.Form):
    document = forms.FileField(label=_("signed PDF"))
