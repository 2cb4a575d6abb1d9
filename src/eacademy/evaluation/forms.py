from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.widgets import DATE, DATETIME
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import FollowUp, Survey, SurveyQuestion
from eacademy.org.models import AgencyUnit
from eacademy.planning.models import Offering


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


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Survey.Kind.choices)
    audience = forms.ChoiceField(label=_("Who is asked"), choices=Survey.Audience.choices)
    offering = forms.ModelChoiceField(label=_("Course"), queryset=Offering.objects.none(), required=False,
                                      help_text=_("Only when the course's listeners are asked."))
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["offering"].queryset = Offering.objects.exclude(status=Offering.Status.DRAFT).select_related("version__programme").order_by("-starts_on")  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyQuestion.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(label=_("Choices, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lecturer = forms.ModelChoiceField(label=_("Lecturer rated"), queryset=User.objects.none(), required=False)
    required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["lecturer"].queryset = User.objects.filter(groups__name__in=[Role.LECTURER, Role.HEAD_OF_DEPARTMENT]).distinct().order_by("last_name", "username")  # type: ignore[attr-defined]


class DeficienciesForm(forms.Form):
    unit: forms.ModelChoiceField[AgencyUnit] = forms.ModelChoiceField(label=_("Unit"), queryset=AgencyUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    deficiencies = forms.IntegerField(label=_("Deficiencies found"), min_value=0, max_value=1_000_000)

    def __init__(self, *args: object, units: QuerySet[AgencyUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class AppointmentForm(forms.Form):
    enrollment = forms.ModelChoiceField(label=_("Graduate of the Presidential Reserve"), queryset=Enrollment.objects.none())
    appointed_on = forms.DateField(label=_("Appointed on"), widget=DATE)
    post = forms.CharField(label=_("Post"), max_length=300)

    def __init__(self, *args: object, enrollments: QuerySet[Enrollment], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["enrollment"].queryset = enrollments  # type: ignore[attr-defined]
