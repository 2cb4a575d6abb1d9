from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import CREDIT_KINDS, Discipline, ProgrammeVersion
from eacademy.core.models import User
from eacademy.core.widgets import DATE
from eacademy.people.models import StaffMember
from eacademy.postgrad.models import AcademicYear, Mark, Milestone, Period, PlanLine, Teaching


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


class CorrectForm(forms.Form):
    mark = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.IntegerField(label=_("points"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("reason for the correction"), max_length=100)



class YearForm(forms.Form):
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)


class PeriodForm(forms.Form):
    year = forms.ModelChoiceField(label=_("academic year"), queryset=AcademicYear.objects.all())
    kind = forms.ChoiceField(label=_("period"), choices=Period.Kind.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    registration_opens = forms.DateField(label=_("registration opens"), widget=DATE)
    registration_closes = forms.DateField(label=_("registration closes"), widget=DATE)


class TeachingForm(forms.Form):
    discipline = forms.ModelChoiceField(label=_("discipline"), queryset=Discipline.objects.filter(
        module__version__programme__kind__in=CREDIT_KINDS, module__version__status=ProgrammeVersion.Status.APPROVED).select_related("module__version__programme"))
    period = forms.ModelChoiceField(label=_("academic period"), queryset=Period.objects.select_related("year"))
    lecturer = forms.ModelChoiceField(label=_("lecturer"), queryset=User.objects.filter(person__staff__isnull=False).order_by("last_name", "first_name"))


class RoundForm(forms.Form):
    version = forms.ModelChoiceField(label=_("programme"), queryset=ProgrammeVersion.objects.filter(
        programme__kind__in=CREDIT_KINDS, status=ProgrammeVersion.Status.APPROVED).select_related("programme"))
    year = forms.ModelChoiceField(label=_("academic year"), queryset=AcademicYear.objects.all())
    places = forms.IntegerField(label=_("places"), min_value=1, max_value=500)
    documents = forms.CharField(label=_("documents an applicant submits, one a line"), widget=forms.Textarea(attrs={"rows": 4}))
    exams = forms.CharField(label=_("entrance examinations, one a line: name; pass mark; maximum"), widget=forms.Textarea(attrs={"rows": 3}))
    rules = forms.CharField(label=_("admission rules"), max_length=300, initial=_("Order of the Prosecutor General No. 45 of 27.01.2023"))

    def clean_exams(self) -> list[tuple[str, int, int]]:
        exams = []
        for line in self.cleaned_data["exams"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
                raise forms.ValidationError(_("Write each examination as: name; pass mark; maximum (for example: Foreign language; 50; 100)."))
            exams.append((parts[0], int(parts[1]), int(parts[2])))
        return exams

    def clean_documents(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["documents"].splitlines() if line.strip()]


class ApplicantForm(forms.Form):
    iin = forms.RegexField(label=_("IIN"), regex=r"^\d{12}$", error_messages={"invalid": _("An IIN is twelve digits.")})
    documents = forms.MultipleChoiceField(label=_("documents submitted"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: object, documents: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["documents"].choices = [(d, d) for d in documents]  # type: ignore[attr-defined]


class EntranceMarkForm(forms.Form):
    applicant = forms.IntegerField(widget=forms.HiddenInput)
    exam = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.IntegerField(label=_("points"), min_value=0, max_value=1000)


class DissertationForm(forms.Form):
    topic_kk = forms.CharField(label=_("topic (Kazakh)"), max_length=500, required=False)
    topic_ru = forms.CharField(label=_("topic (Russian)"), max_length=500)
    topic_en = forms.CharField(label=_("topic (English)"), max_length=500, required=False)
    approved_on = forms.DateField(label=_("topic approved on"), required=False, widget=DATE)
    council_decision = forms.CharField(label=_("decision of the Academic Council"), max_length=200, required=False)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("milestone"), choices=Milestone.Kind.choices)
    due_on = forms.DateField(label=_("due on"), widget=DATE)


class MilestoneDoneForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("done on"), widget=DATE)


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=500)
    venue = forms.CharField(label=_("journal or proceedings"), max_length=300)
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)


class ActForm(forms.Form):
    organisation = forms.CharField(label=_("organisation"), max_length=300)
    dated = forms.DateField(label=_("dated"), widget=DATE)
