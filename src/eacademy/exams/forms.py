from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.exams.formats.checks import GRADES
from eacademy.exams.formats.files import FORMATS
from eacademy.exams.models import Bank, BlueprintRule, Exam


class BankForm(forms.ModelForm):
    class Meta:
        model = Bank
        fields = ["name", "programme", "description"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("By the file's extension")), *((f, f) for f in FORMATS)], required=False)


class ExamForm(forms.ModelForm):
    class Meta:
        model = Exam
        fields = ["title", "offering", "group", "purpose", "time_limit_minutes", "attempts_allowed", "opens_at", "closes_at",
                  "shuffle_answers", "pass_percent", "review_score", "review_responses", "review_correct"]
        widgets = {"opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}), "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The test must close after it opens."))
        group, offering = data.get("group"), data.get("offering")
        if group and offering and group.offering_id != offering.pk:
            self.add_error("group", _("This group belongs to another course."))
        return data


RuleFormSet = forms.inlineformset_factory(Exam, BlueprintRule, fields=["category", "difficulty", "tag", "count"], extra=3, min_num=1, validate_min=True)


GRADE_CHOICES = [(f"{g:.7f}", f"{g * 100:g}%") for g in sorted({s * g for g in GRADES for s in (1, -1)}, reverse=True)]


class KeyForm(forms.Form):
    """The grade of each answer of a used version: a key correction regrades past attempts."""

    def __init__(self, *args: object, answers: list[dict], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for i, answer in enumerate(answers):
            self.fields[f"grade_{i}"] = forms.TypedChoiceField(label=answer["text"], choices=GRADE_CHOICES, coerce=float, initial=f"{answer['fraction']:.7f}")


class QuestionForm(forms.Form):
    """The wording and classification of a question; a version already used becomes a new one."""

    name = forms.CharField(label=_("Name"), max_length=300)
    text_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    default_mark = forms.FloatField(label=_("Mark"), min_value=0)
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), choices=[("", "—"), *((str(i), str(i)) for i in range(1, 6))], coerce=int, empty_value=None, required=False)
    tags = forms.CharField(label=_("Tags"), help_text=_("Separated by commas."), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not any(data.get(f"text_{lang}") for lang in ("kk", "ru", "en")):
            raise forms.ValidationError(_("Write the question in at least one language."))
        return data


class EssayGradeForm(forms.Form):
    points = forms.CharField(label=_("Points"), help_text=_("One number per rubric criterion, separated by spaces."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_points(self) -> list[float]:
        try:
            return [float(p.replace(",", ".")) for p in self.cleaned_data["points"].split()]
        except ValueError:
            raise forms.ValidationError(_("Write numbers, e.g. 2 1.5 3.")) from None
