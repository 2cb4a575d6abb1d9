from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import Discipline
from eacademy.core.widgets import DATE, DATETIME
from eacademy.distance.models import Material, OnlineMeeting, Section, Thread
from eacademy.enrollment.models import Enrollment
from eacademy.planning.models import Offering


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


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    discipline = forms.ModelChoiceField(label=_("discipline (for the journal)"), queryset=Discipline.objects.none())
    section = forms.ModelChoiceField(label=_("section"), queryset=Section.objects.none(), required=False)
    instructions = forms.CharField(label=_("instructions"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    opens_at = forms.DateTimeField(label=_("open from"), widget=DATETIME)
    due_at = forms.DateTimeField(label=_("due by"), widget=DATETIME)
    cut_off_at = forms.DateTimeField(label=_("accepted until"), widget=DATETIME, required=False,
                                     help_text=_("Late work is taken until then; empty: at any time."))
    accepts_text = forms.BooleanField(label=_("text in the browser"), required=False, initial=True)
    max_files = forms.IntegerField(label=_("files at most"), min_value=0, max_value=10, initial=1)
    max_file_mb = forms.IntegerField(label=_("file size at most, MB"), min_value=1, initial=10)
    by_group = forms.BooleanField(label=_("one submission per study group"), required=False)
    blind = forms.BooleanField(label=_("blind marking"), required=False)
    attempts = forms.IntegerField(label=_("attempts (0: until passed)"), min_value=0, max_value=20, initial=1)
    pass_points = forms.DecimalField(label=_("pass mark"), min_value=0, max_value=100, initial=50, decimal_places=2)
    required = forms.BooleanField(label=_("counts for completion"), required=False, initial=True)
    rubric = forms.CharField(label=_("rubric"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("One criterion a line, “title: points”, adding up to 100; empty: one mark out of 100."))

    def __init__(self, *args: object, offering: Offering, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["discipline"].queryset = Discipline.objects.filter(module__version_id=offering.version_id).order_by("module__position", "position")  # type: ignore[attr-defined]
        self.fields["section"].queryset = Section.objects.filter(offering=offering)  # type: ignore[attr-defined]


class SubmissionForm(forms.Form):
    text = forms.CharField(label=_("your text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    statement = forms.BooleanField(label=_("I confirm that this work is my own, that every source I used is cited, and that I have not handed it in elsewhere."),
                                   required=False)


class GradeForm(forms.Form):
    points = forms.CharField(label=_("points (0–100)"), max_length=10, required=False)
    feedback = forms.CharField(label=_("feedback"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    feedback_file = forms.FileField(label=_("feedback file"), required=False)
    ready = forms.BooleanField(label=_("ready for release"), required=False)
    reason = forms.CharField(label=_("reason for the change (a released mark)"), max_length=300, required=False)


class ExtensionForm(forms.Form):
    enrollment = forms.ModelChoiceField(label=_("listener"), queryset=Enrollment.objects.none())
    until = forms.DateTimeField(label=_("accepted until"), widget=DATETIME)
    reason = forms.CharField(label=_("reason"), max_length=300)

    def __init__(self, *args: object, offering: Offering, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["enrollment"].queryset = (Enrollment.objects.filter(offering=offering, status=Enrollment.Status.ENROLLED)  # type: ignore[attr-defined]
                                              .select_related("person").order_by("person__last_name", "person__first_name"))
        self.fields["enrollment"].label_from_instance = lambda enrollment: enrollment.person.full_name  # type: ignore[attr-defined]


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Thread.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    body = forms.CharField(label=_("message"), widget=forms.Textarea(attrs={"rows": 5}))


class PostForm(forms.Form):
    body = forms.CharField(label=_("your reply"), widget=forms.Textarea(attrs={"rows": 4}))


class PackageForm(forms.Form):
    upload = forms.FileField(label=_("SCORM package (.zip)"))
    discipline = forms.ModelChoiceField(label=_("discipline (for the journal)"), queryset=Discipline.objects.none())
    required = forms.BooleanField(label=_("counts for completion"), required=False, initial=True)

    def __init__(self, *args: object, offering: Offering, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        disciplines = Discipline.objects.filter(module__version_id=offering.version_id).order_by("module__position", "position")
        self.fields["discipline"].queryset = disciplines  # type: ignore[attr-defined]
        # read once: the form is shown under every section of the page
        self.fields["discipline"].choices = [("", "---------"), *((d.pk, str(d)) for d in disciplines)]  # type: ignore[attr-defined]
