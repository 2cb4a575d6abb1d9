from django import forms
from django.utils.translation import gettext_lazy as _

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


class EssayGradeForm(forms.Form):
    points = forms.CharField(label=_("Points"), help_text=_("One number per rubric criterion, separated by spaces."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_points(self) -> list[float]:
        try:
            return [float(p.replace(",", ".")) for p in self.cleaned_data["points"].split()]
        except ValueError:
            raise forms.ValidationError(_("Write numbers, e.g. 2 1.5 3.")) from None
